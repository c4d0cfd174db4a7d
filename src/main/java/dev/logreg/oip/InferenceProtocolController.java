package dev.logreg.oip;

import dev.logreg.design.CodedRows;
import dev.logreg.math.kernel.LogisticFunctions;
import dev.logreg.metrics.ServiceMetrics;
import dev.logreg.metrics.ServiceMetrics.PredictionEndpoint;
import dev.logreg.model.Model;
import dev.logreg.model.ModelStore;
import dev.logreg.oip.InferenceRequest.RequestInput;
import dev.logreg.oip.InferenceRequest.RequestOutput;
import dev.logreg.oip.InferenceResponse.ResponseOutput;
import dev.logreg.oip.ProtocolDocuments.ModelMetadata;
import dev.logreg.oip.ProtocolDocuments.ModelReady;
import dev.logreg.oip.ProtocolDocuments.Ready;
import dev.logreg.oip.ProtocolDocuments.ServerMetadata;
import dev.logreg.oip.ProtocolDocuments.Tensor;
import dev.logreg.problem.InvalidRequestException;
import dev.logreg.problem.ModelNotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The Open Inference Protocol's REST endpoints. A model's protocol name is its id; models have no
 * versions. The one input is {@code features}, FP64 {@code [-1, d]}; the outputs are
 * {@code probabilities} and {@code logits} (FP64 {@code [-1]}) and {@code labels} (INT64
 * {@code [-1]}). Client mistakes throw the service's usual exceptions; on {@code /v2} the exception
 * handler writes them as the protocol's {@code {"error": "..."}}.
 */
@RestController
@Tag(
        name = "open inference protocol",
        description = "KServe / Triton V2 REST: health, metadata, infer."
                + " Errors are {\"error\": \"...\"} (400, 404), not problem documents.")
class InferenceProtocolController {

    static final String INPUT = "features";
    static final String PROBABILITIES = "probabilities";
    static final String LABELS = "labels";
    static final String LOGITS = "logits";
    static final List<String> OUTPUTS = List.of(PROBABILITIES, LABELS, LOGITS);
    static final String PLATFORM = "logreg_logistic_regression";
    private static final double DEFAULT_THRESHOLD = 0.5;

    private final ModelStore store;
    private final ServiceMetrics metrics;
    private final ApplicationAvailability availability;
    private final String version;

    InferenceProtocolController(
            ModelStore store,
            ServiceMetrics metrics,
            ApplicationAvailability availability,
            ObjectProvider<BuildProperties> build) {
        this.store = store;
        this.metrics = metrics;
        this.availability = availability;
        BuildProperties properties = build.getIfAvailable();
        this.version = properties == null || properties.getVersion() == null ? "unknown" : properties.getVersion();
    }

    @GetMapping(path = "/v2", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Server metadata (Open Inference Protocol)")
    @ApiResponse(responseCode = "200", description = "The server's name, version and extensions (none)")
    ServerMetadata serverMetadata() {
        return new ServerMetadata("logreg-service", version, List.of());
    }

    @GetMapping(path = "/v2/health/live", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Server liveness (Open Inference Protocol)")
    @ApiResponse(responseCode = "200", description = "The server answers")
    ProtocolDocuments.Live live() {
        return new ProtocolDocuments.Live(true);
    }

    @GetMapping(path = "/v2/health/ready", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Server readiness (Open Inference Protocol)",
            description = "Ready when the application accepts traffic (the"
                    + " readiness that /actuator/health/readiness reports);"
                    + " every stored model is then ready.")
    @ApiResponse(responseCode = "200", description = "Ready for inference")
    @ApiResponse(
            responseCode = "503",
            description = "Not ready (starting or shutting down)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = Ready.class)))
    ResponseEntity<Ready> ready() {
        boolean ready = availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
        return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(new Ready(ready));
    }

    @GetMapping(path = "/v2/models/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Model metadata (Open Inference Protocol)",
            description = "Input features FP64 [-1, d] (columns in the model's featureNames order); outputs"
                    + " probabilities and logits FP64 [-1], labels INT64 [-1]. A model trained with a formula"
                    + " lists one input per raw column its formula reads, shape [-1]: FP64 for numbers, BOOL for"
                    + " logicals, BYTES (strings) for text.")
    @ApiResponse(responseCode = "200", description = "The model's inputs and outputs")
    @NotFound
    ModelMetadata modelMetadata(@PathVariable String id) {
        Model model = find(id);
        return new ModelMetadata(
                model.id(),
                PLATFORM,
                model.design() != null
                        ? FormulaInputs.tensors(model.design())
                        : List.of(new Tensor(INPUT, "FP64", new long[] {-1, model.numFeatures()})),
                List.of(
                        new Tensor(PROBABILITIES, "FP64", new long[] {-1}),
                        new Tensor(LABELS, "INT64", new long[] {-1}),
                        new Tensor(LOGITS, "FP64", new long[] {-1})));
    }

    @GetMapping(path = "/v2/models/{id}/ready", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Model readiness (Open Inference Protocol)", description = "A stored model is always ready.")
    @ApiResponse(responseCode = "200", description = "The model is ready")
    @NotFound
    ModelReady modelReady(@PathVariable String id) {
        return new ModelReady(find(id).id(), true);
    }

    @PostMapping(
            path = "/v2/models/{id}/infer",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Inference (Open Inference Protocol)",
            description = "One input, features: FP64 (FP32, FP16 and integer types are read as numbers too),"
                    + " shape [N, d], data row-major, flat or nested. Outputs probabilities, labels and logits"
                    + " (those named in outputs, in that order, when given); parameters.threshold (default 0.5)"
                    + " sets the labels' cut-off, parameters.lambda an elastic-net model's lambda; id is echoed."
                    + " Bodies are limited as batch predictions (logreg.max-batch-request-size). A formula model"
                    + " takes one input per raw column by name (see its metadata), shape [N], coded as"
                    + " POST /models/{id}/predict codes data.")
    @ApiResponse(responseCode = "200", description = "The outputs")
    @ApiResponse(
            responseCode = "400",
            description = "The request breaks the protocol or does not fit the model",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = ProtocolDocuments.Error.class)))
    @NotFound
    InferenceResponse infer(@PathVariable String id, @RequestBody InferenceRequest request) {
        Model model = find(id);
        if (model.design() != null) {
            return inferFormula(model, request);
        }
        if (request.inputs() == null || request.inputs().size() != 1) {
            throw new InvalidRequestException(
                    "inputs",
                    "expected one input, '" + INPUT + "' (FP64 [N, " + model.numFeatures() + "]), got "
                            + (request.inputs() == null
                                    ? "none"
                                    : request.inputs().size()));
        }
        double threshold = threshold(request.parameters());
        model = atLambda(model, request.parameters());
        List<String> wanted = wantedOutputs(request.outputs());
        RequestInput input = request.inputs().get(0);
        if (input == null) {
            throw new InvalidRequestException(
                    "inputs[0]", "must be a tensor object, '" + INPUT + "' (FP64 [N, " + model.numFeatures() + "])");
        }
        int rows = checkInput(input, model.numFeatures());
        double[] values = flatten(input.data(), rows, model.numFeatures());
        int d = model.numFeatures();
        double[] row = new double[d];
        double[] logits = new double[rows];
        double[] probabilities = new double[rows];
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(values, i * d, row, 0, d);
            double logit = model.logit(row);
            if (!Double.isFinite(logit)) {
                throw new InvalidRequestException(
                        "inputs[0].data", "row " + i + ": values are so large that the logit overflows");
            }
            logits[i] = logit;
            probabilities[i] = LogisticFunctions.sigmoid(logit);
            labels[i] = probabilities[i] >= threshold ? 1 : 0;
        }
        List<ResponseOutput> outputs = new ArrayList<>(wanted.size());
        long[] shape = {rows};
        for (String name : wanted) {
            outputs.add(
                    switch (name) {
                        case PROBABILITIES -> new ResponseOutput(PROBABILITIES, shape, "FP64", probabilities);
                        case LABELS -> new ResponseOutput(LABELS, shape, "INT64", labels);
                        default -> new ResponseOutput(LOGITS, shape, "FP64", logits);
                    });
        }
        metrics.predicted(PredictionEndpoint.INFER, rows);
        return new InferenceResponse(model.id(), request.id(), outputs);
    }

    /** A formula model: one input per raw column, coded by the model's design. */
    private InferenceResponse inferFormula(Model model, InferenceRequest request) {
        double threshold = threshold(request.parameters());
        List<String> wanted = wantedOutputs(request.outputs());
        CodedRows coded = FormulaInputs.code(model.design(), request.inputs());
        int rows = coded.numRows();
        int p = coded.numColumns();
        int skip = model.design().hasIntercept() ? 1 : 0;
        double[] row = new double[model.numFeatures()];
        double[] logits = new double[rows];
        double[] probabilities = new double[rows];
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            if (coded.missing()[i]) {
                throw new InvalidRequestException(
                        "inputs", "row " + i + ": a value the formula needs is not finite, so it has no prediction");
            }
            System.arraycopy(coded.x(), i * p + skip, row, 0, row.length);
            double logit = model.logit(row) + (coded.offset() == null ? 0 : coded.offset()[i]);
            if (!Double.isFinite(logit)) {
                throw new InvalidRequestException("inputs", "row " + i + ": the logit overflows");
            }
            logits[i] = logit;
            probabilities[i] = LogisticFunctions.sigmoid(logit);
            labels[i] = probabilities[i] >= threshold ? 1 : 0;
        }
        List<ResponseOutput> outputs = new ArrayList<>(wanted.size());
        long[] shape = {rows};
        for (String name : wanted) {
            outputs.add(
                    switch (name) {
                        case PROBABILITIES -> new ResponseOutput(PROBABILITIES, shape, "FP64", probabilities);
                        case LABELS -> new ResponseOutput(LABELS, shape, "INT64", labels);
                        default -> new ResponseOutput(LOGITS, shape, "FP64", logits);
                    });
        }
        metrics.predicted(PredictionEndpoint.INFER, rows);
        return new InferenceResponse(model.id(), request.id(), outputs);
    }

    private Model find(String id) {
        return store.find(id).orElseThrow(() -> new ModelNotFoundException(id));
    }

    /** Checks name, datatype and shape {@code [N, d]}; returns N. */
    private static int checkInput(RequestInput input, int d) {
        if (!INPUT.equals(input.name())) {
            throw new InvalidRequestException(
                    "inputs[0].name", "the model's input is '" + INPUT + "', got '" + input.name() + "'");
        }
        if (input.datatype() == null || !NUMERIC_TYPES.contains(input.datatype())) {
            throw new InvalidRequestException(
                    "inputs[0].datatype",
                    "expected FP64 (or another numeric type), got "
                            + (input.datatype() == null ? "none" : "'" + input.datatype() + "'"));
        }
        long[] shape = shape(input.shape());
        if (shape == null
                || shape.length != 2
                || shape[1] != d
                || shape[0] < 1
                || shape[0] > Integer.MAX_VALUE / Math.max(d, 1)) {
            throw new InvalidRequestException(
                    "inputs[0].shape",
                    "expected [N, " + d + "] with N >= 1, got "
                            + (shape == null ? shorten(input.shape()) : Arrays.toString(shape)));
        }
        if (input.data() == null || !input.data().isArray()) {
            throw new InvalidRequestException(
                    "inputs[0].data", "is required: an array of N x " + d + " numbers in row-major order");
        }
        return (int) shape[0];
    }

    /**
     * The shape's dimensions, or null unless it is an array of whole numbers: {@code 1.5} or {@code 2.0}
     * is not a dimension, and Jackson's binding to {@code long[]} would truncate it.
     */
    static long[] shape(JsonNode shape) {
        if (shape == null || !shape.isArray()) {
            return null;
        }
        long[] dimensions = new long[shape.size()];
        for (int k = 0; k < dimensions.length; k++) {
            JsonNode dimension = shape.get(k);
            if (!dimension.isIntegralNumber() || !dimension.canConvertToLong()) {
                return null;
            }
            dimensions[k] = dimension.longValue();
        }
        return dimensions;
    }

    static final List<String> NUMERIC_TYPES =
            List.of("FP64", "FP32", "FP16", "INT8", "INT16", "INT32", "INT64", "UINT8", "UINT16", "UINT32", "UINT64");

    /**
     * The tensor's values in row-major order, from an array of exactly {@code rows x d} numbers, flat or
     * nested as the shape: {@code rows} arrays of {@code d} numbers each. Nested data is never re-cut to
     * fit the shape ({@code [[1, 2, 3], [4]]} is not {@code [2, 2]}). The values are counted before the
     * array is allocated, so a shape far larger than the data allocates nothing.
     */
    private static double[] flatten(JsonNode data, int rows, int d) {
        long count = (long) rows * d;
        long given = countNumbers(data);
        if (given != count) {
            throw new InvalidRequestException(
                    "inputs[0].data", "expected " + count + " numbers (the product of the shape), got " + given);
        }
        if (isNested(data)) {
            checkNested(data, rows, d);
        }
        double[] values = new double[(int) count];
        fill(data, values, 0);
        return values;
    }

    private static boolean isNested(JsonNode data) {
        for (JsonNode element : data) {
            if (element.isArray()) {
                return true;
            }
        }
        return false;
    }

    /** Nested data must follow the shape: {@code rows} arrays, each of {@code d} numbers. */
    private static void checkNested(JsonNode data, int rows, int d) {
        if (data.size() != rows) {
            throw new InvalidRequestException(
                    "inputs[0].data",
                    "nested data must follow the shape [" + rows + ", " + d + "]: expected " + rows + " rows, got "
                            + data.size() + " elements");
        }
        for (int i = 0; i < rows; i++) {
            JsonNode row = data.get(i);
            boolean flatRow = row.isArray() && row.size() == d;
            for (int j = 0; flatRow && j < d; j++) {
                flatRow = !row.get(j).isArray();
            }
            if (!flatRow) {
                throw new InvalidRequestException(
                        "inputs[0].data",
                        "nested data must follow the shape [" + rows + ", " + d + "]: row " + i + " is not an"
                                + " array of " + d + " numbers");
            }
        }
    }

    /** How many values {@code node} holds, each checked to be a finite number. */
    private static long countNumbers(JsonNode node) {
        if (node.isArray()) {
            long count = 0;
            for (JsonNode element : node) {
                count += countNumbers(element);
            }
            return count;
        }
        if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
            throw new InvalidRequestException("inputs[0].data", "must hold finite numbers only, got " + shorten(node));
        }
        return 1;
    }

    /** Depth-first into {@code values} from {@code next}; returns the next free index. */
    private static int fill(JsonNode node, double[] values, int next) {
        if (node.isArray()) {
            for (JsonNode element : node) {
                next = fill(element, values, next);
            }
            return next;
        }
        values[next] = node.asDouble();
        return next + 1;
    }

    private static String shorten(JsonNode node) {
        if (node == null) {
            return "none";
        }
        String text = node.toString();
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    private static List<String> wantedOutputs(List<RequestOutput> requested) {
        if (requested == null || requested.isEmpty()) {
            return OUTPUTS;
        }
        List<String> names = new ArrayList<>(requested.size());
        for (int k = 0; k < requested.size(); k++) {
            RequestOutput output = requested.get(k);
            String name = output == null ? null : output.name();
            if (name == null) {
                throw new InvalidRequestException(
                        "outputs[" + k + "].name",
                        "is required; the model's outputs are " + String.join(", ", OUTPUTS));
            }
            if (!OUTPUTS.contains(name)) {
                throw new InvalidRequestException(
                        "outputs[" + k + "].name",
                        "unknown output '" + name + "'; the model's outputs are " + String.join(", ", OUTPUTS));
            }
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * An elastic-net model at {@code parameters.lambda} (interpolated on its path as glmnet's {@code
     * predict(s = )}); the model itself without it.
     */
    private static Model atLambda(Model model, Map<String, Object> parameters) {
        Object value = parameters == null ? null : parameters.get(Model.LAMBDA_PARAMETER);
        if (value == null) {
            return model;
        }
        if (model.elasticNet() == null) {
            throw new InvalidRequestException(
                    "parameters.lambda", "this model has no elastic-net path, so no lambda to choose");
        }
        if (value instanceof Number number && number.doubleValue() >= 0 && Double.isFinite(number.doubleValue())) {
            return model.atLambda(number.doubleValue());
        }
        throw new InvalidRequestException("parameters.lambda", "must be a finite number >= 0, got " + value);
    }

    private static double threshold(Map<String, Object> parameters) {
        Object value = parameters == null ? null : parameters.get("threshold");
        if (value == null) {
            return DEFAULT_THRESHOLD;
        }
        if (value instanceof Number number && number.doubleValue() >= 0 && number.doubleValue() <= 1) {
            return number.doubleValue();
        }
        throw new InvalidRequestException("parameters.threshold", "must be a number between 0 and 1, got " + value);
    }

    /** The protocol's 404 for an unknown model. */
    @java.lang.annotation.Target(java.lang.annotation.ElementType.METHOD)
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "404",
            description = "No model with this id",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = ProtocolDocuments.Error.class)))
    @interface NotFound {}
}
