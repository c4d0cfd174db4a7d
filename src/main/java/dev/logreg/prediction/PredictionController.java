package dev.logreg.prediction;

import dev.logreg.math.kernel.LogisticFunctions;
import dev.logreg.metrics.ServiceMetrics;
import dev.logreg.metrics.ServiceMetrics.PredictionEndpoint;
import dev.logreg.model.Model;
import dev.logreg.model.ModelStore;
import dev.logreg.problem.ApiProblems;
import dev.logreg.problem.FieldError;
import dev.logreg.problem.InvalidRequestException;
import dev.logreg.problem.ModelNotFoundException;
import dev.logreg.text.DecimalNumbers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Predictions from stored models. */
@RestController
@Tag(name = "predictions", description = "Probabilities, labels and logits from a stored model")
class PredictionController {

    private static final double DEFAULT_THRESHOLD = 0.5;

    private final ModelStore store;
    private final ServiceMetrics metrics;

    PredictionController(ModelStore store, ServiceMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    @GetMapping(path = "/models/{id}/predict", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Predict one sample given in the query",
            description = "Either `features=110,2.62` (all d values in the model's order) or one"
                    + " parameter per feature name (`hp=110&wt=2.62`). With `interval=0.95`, also the"
                    + " standard error of the logit and a 95% interval for the probability.")
    @Parameter(
            name = "features",
            in = ParameterIn.QUERY,
            description = "comma-separated values in model order",
            example = "110,2.62")
    @Parameter(
            name = "threshold",
            in = ParameterIn.QUERY,
            description = "label 1 when probability >= threshold; default 0.5")
    @Parameter(
            name = "lambda",
            in = ParameterIn.QUERY,
            description = "an elastic-net model only: predict at this lambda (>= 0), the coefficients"
                    + " interpolated linearly in lambda between path points as glmnet's predict(s = ); default the"
                    + " selected lambda",
            schema = @Schema(type = "number", minimum = "0"),
            example = "0.01")
    @Parameter(
            name = "interval",
            in = ParameterIn.QUERY,
            description = "the level of a prediction interval,"
                    + " strictly between 0 and 1 (0.95 for 95%): adds standardError (of the logit, by the delta method"
                    + " with the model's covariance matrix) and lower and upper (of the probability), as R's"
                    + " predict.glm(se.fit = TRUE) and the inverse link; none when absent",
            schema =
                    @Schema(
                            type = "number",
                            minimum = "0",
                            maximum = "1",
                            exclusiveMinimum = true,
                            exclusiveMaximum = true),
            example = "0.95")
    @ApiResponse(responseCode = "200", description = "The prediction")
    @ApiProblems.BadRequest
    @ApiProblems.NotFound
    @ApiProblems.DatabaseUnavailable
    Prediction predictOne(
            @PathVariable String id, @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> values) {
        Model model = atLambda(
                store.find(id).orElseThrow(() -> new ModelNotFoundException(id)),
                lambdaOf(values.getFirst(Model.LAMBDA_PARAMETER)));
        double threshold = threshold(values.getFirst("threshold"));
        IntervalLevel interval = IntervalLevel.parse(values.getFirst("interval"), model);
        double[] features;
        double offset = 0;
        if (model.design() != null && values.getFirst("features") == null) {
            List<String> reserved = new ArrayList<>(Model.RESERVED_FEATURE_NAMES);
            if (model.elasticNet() != null) {
                reserved.add(Model.LAMBDA_PARAMETER);
            }
            RawRows row = RawRows.ofQuery(model, values, reserved);
            features = row.features()[0];
            offset = row.offset(0);
            if (features == null) {
                metrics.predicted(PredictionEndpoint.SINGLE, 1);
                return Prediction.missing(model.id());
            }
        } else {
            requireNoOffset(model, "features");
            features = QueryFeatures.parse(model, values);
        }
        double logit = logit(model, features, offset, "features");
        double probability = LogisticFunctions.sigmoid(logit);
        int label = probability >= threshold ? 1 : 0;
        metrics.predicted(PredictionEndpoint.SINGLE, 1);
        if (interval == null) {
            return new Prediction(model.id(), probability, label, logit);
        }
        double standardError = standardError(model, features, "features");
        return new Prediction(
                model.id(),
                probability,
                label,
                logit,
                interval.level(),
                standardError,
                interval.lower(logit, standardError),
                interval.upper(logit, standardError));
    }

    @PostMapping(
            path = "/models/{id}/predict",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Predict a batch of samples",
            description = "With `interval` (0.95 for 95%), also each row's standard error of the logit and an"
                    + " interval for its probability.")
    @ApiResponse(responseCode = "200", description = "The predictions, in request order")
    @ApiProblems.BadRequest
    @ApiProblems.NotFound
    @ApiProblems.BodyProblems
    @ApiProblems.DatabaseUnavailable
    BatchPrediction predictBatch(@PathVariable String id, @RequestBody BatchPredictionRequest request) {
        Model model = atLambda(store.find(id).orElseThrow(() -> new ModelNotFoundException(id)), request.lambda());
        int given = (request.features() != null ? 1 : 0)
                + (request.data() != null ? 1 : 0)
                + (request.records() != null ? 1 : 0);
        if (given != 1) {
            throw new InvalidRequestException(
                    "features",
                    given == 0
                            ? "is required: an array of rows (or, for a formula model, data or records)"
                            : "give one of features, data and records");
        }
        double threshold = request.threshold() == null ? DEFAULT_THRESHOLD : request.threshold();
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new InvalidRequestException("threshold", "must be between 0 and 1");
        }
        IntervalLevel interval = request.interval() == null ? null : IntervalLevel.of(request.interval(), model);
        double[][] rows;
        RawRows raw = null;
        String field;
        if (request.features() != null) {
            requireNoOffset(model, "features");
            rows = request.features();
            field = "features";
            List<FieldError> errors = new ArrayList<>();
            for (int i = 0; i < rows.length && errors.size() < 20; i++) {
                if (rows[i] == null || rows[i].length != model.numFeatures()) {
                    errors.add(new FieldError(
                            "features[" + i + "]",
                            "expected " + model.numFeatures() + " values, got "
                                    + (rows[i] == null ? "null" : rows[i].length)));
                }
            }
            if (!errors.isEmpty()) {
                throw new InvalidRequestException(errors);
            }
        } else {
            raw = RawRows.of(model, request.data(), request.records());
            rows = raw.features();
            field = request.data() != null ? "data" : "records";
        }
        int n = rows.length;
        Double[] probabilities = new Double[n];
        Integer[] labels = new Integer[n];
        Double[] logits = new Double[n];
        Double[] standardErrors = interval == null ? null : new Double[n];
        Double[] lower = interval == null ? null : new Double[n];
        Double[] upper = interval == null ? null : new Double[n];
        for (int i = 0; i < n; i++) {
            if (rows[i] == null) {
                continue;
            }
            String where = field + "[" + i + "]";
            double logit = logit(model, rows[i], raw == null ? 0 : raw.offset(i), where);
            double probability = LogisticFunctions.sigmoid(logit);
            logits[i] = logit;
            probabilities[i] = probability;
            labels[i] = probability >= threshold ? 1 : 0;
            if (interval != null) {
                double standardError = standardError(model, rows[i], where);
                standardErrors[i] = standardError;
                lower[i] = interval.lower(logit, standardError);
                upper[i] = interval.upper(logit, standardError);
            }
        }
        metrics.predicted(PredictionEndpoint.BATCH, n);
        return new BatchPrediction(
                model.id(),
                probabilities,
                labels,
                logits,
                interval == null ? null : interval.level(),
                standardErrors,
                lower,
                upper);
    }

    /** A formula model with an offset predicts from raw values only: numbers alone lack the offset. */
    private static void requireNoOffset(Model model, String field) {
        if (model.design() != null && model.design().offset() != null) {
            throw new InvalidRequestException(
                    field,
                    "this model's formula has an offset (" + model.design().offset() + "): predict from raw values"
                            + " (data, records, or one query parameter per column) so that it is applied");
        }
    }

    /** {@code sqrt(xhat^T Cov xhat)}; the caller has checked the model has a covariance matrix. */
    private static double standardError(Model model, double[] features, String field) {
        double standardError = Math.sqrt(model.logitVariance(features));
        if (!Double.isFinite(standardError)) {
            throw new InvalidRequestException(field, "values are so large that the standard error overflows");
        }
        return standardError;
    }

    private static double logit(Model model, double[] features, double offset, String field) {
        for (double value : features) {
            if (!Double.isFinite(value)) {
                throw new InvalidRequestException(field, "values must be finite numbers");
            }
        }
        double logit = model.logit(features) + offset;
        if (!Double.isFinite(logit)) {
            throw new InvalidRequestException(field, "values are so large that the logit overflows");
        }
        return logit;
    }

    private static double threshold(String text) {
        if (text == null) {
            return DEFAULT_THRESHOLD;
        }
        try {
            double threshold = DecimalNumbers.parse(text);
            if (threshold >= 0 && threshold <= 1) {
                return threshold;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new InvalidRequestException("threshold", "must be a number between 0 and 1, got '" + text + "'");
    }

    /** {@code lambda=} as a number, or null when absent. */
    private static Double lambdaOf(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException notANumber) {
            throw new InvalidRequestException(Model.LAMBDA_PARAMETER, "must be a number >= 0, got '" + text + "'");
        }
    }

    /** The elastic-net model at {@code lambda}, or the model itself when lambda is null. */
    private static Model atLambda(Model model, Double lambda) {
        if (lambda == null) {
            return model;
        }
        if (model.elasticNet() == null) {
            throw new InvalidRequestException(
                    Model.LAMBDA_PARAMETER, "this model has no elastic-net path, so no lambda to choose");
        }
        if (!(lambda >= 0 && lambda < Double.POSITIVE_INFINITY)) {
            throw new InvalidRequestException(Model.LAMBDA_PARAMETER, "must be a finite number >= 0, got " + lambda);
        }
        return model.atLambda(lambda);
    }

    /** Reads the sample from {@code features=} or from one parameter per feature name. */
    static final class QueryFeatures {

        private QueryFeatures() {}

        static double[] parse(Model model, MultiValueMap<String, String> values) {
            int d = model.numFeatures();
            List<FieldError> errors = new ArrayList<>();
            double[] features = new double[d];
            String positional = values.getFirst("features");
            if (positional != null) {
                String[] parts = positional.split(",", -1);
                if (parts.length != d) {
                    throw new InvalidRequestException("features", "expected " + d + " values, got " + parts.length);
                }
                for (int j = 0; j < d; j++) {
                    features[j] = number(parts[j], "features[" + j + "]", errors);
                }
                for (String name : values.keySet()) {
                    if (!reserved(model, name)) {
                        errors.add(new FieldError(name, "give the sample either as features= or by name, not both"));
                    }
                }
            } else {
                List<String> names = model.featureNames();
                for (Map.Entry<String, List<String>> entry : values.entrySet()) {
                    if (!reserved(model, entry.getKey()) && !names.contains(entry.getKey())) {
                        errors.add(new FieldError(
                                entry.getKey(),
                                "unknown feature; the model's features are " + String.join(", ", names)));
                    }
                }
                for (int j = 0; j < d; j++) {
                    String text = values.getFirst(names.get(j));
                    if (text == null) {
                        errors.add(new FieldError(names.get(j), "is required (or give all values as features=)"));
                    } else {
                        features[j] = number(text, names.get(j), errors);
                    }
                }
            }
            if (!errors.isEmpty()) {
                throw new InvalidRequestException(errors);
            }
            return features;
        }

        /** A query parameter that is not a feature: {@code lambda} too for an elastic-net model. */
        private static boolean reserved(Model model, String name) {
            return Model.RESERVED_FEATURE_NAMES.contains(name)
                    || (model.elasticNet() != null && name.equals(Model.LAMBDA_PARAMETER));
        }

        private static double number(String text, String field, List<FieldError> errors) {
            try {
                double value = DecimalNumbers.parse(text);
                if (Double.isFinite(value)) {
                    return value;
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
            errors.add(new FieldError(field, "must be a finite number, got '" + text + "'"));
            return 0;
        }
    }
}
