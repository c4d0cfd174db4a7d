package dev.logreg.training;

import dev.logreg.config.LogregProperties;
import dev.logreg.metrics.ServiceMetrics;
import dev.logreg.model.Model;
import dev.logreg.problem.ApiProblems;
import dev.logreg.problem.InvalidRequestException;
import dev.logreg.problem.PayloadTooLargeException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /models}: train on a dataset sent as JSON or CSV, or, with a {@code source}, on a
 * file a Spark cluster reads (a background job, 202).
 */
@RestController
@Tag(name = "models")
class TrainingController {

    static final String MTCARS_EXAMPLE = """
            {"name":"mtcars-am","featureNames":["hp","wt"],"features":[[110,2.62],[110,2.875],[93,2.32],\
            [110,3.215],[175,3.44],[105,3.46],[245,3.57],[62,3.19],[95,3.15],[123,3.44],[123,3.44],\
            [180,4.07],[180,3.73],[180,3.78],[205,5.25],[215,5.424],[230,5.345],[66,2.2],[52,1.615],\
            [65,1.835],[97,2.465],[150,3.52],[150,3.435],[245,3.84],[175,3.845],[66,1.935],[91,2.14],\
            [113,1.513],[264,3.17],[175,2.77],[335,3.57],[109,2.78]],\
            "labels":[1,1,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,1,1,0,0,0,0,0,1,1,1,1,1,1,1],\
            "options":{"solver":"newton","fitIntercept":true,"l2":0,"maxIterations":100,"tolerance":1e-8}}""";

    static final String TITANIC_EXAMPLE = """
            {"name":"titanic","formula":"Survived ~ Class + Sex + Age","weights":"Freq","data":{"Class":["1st","\
            2nd","3rd","Crew","1st","2nd","3rd","Crew","1st","2nd","3rd","Crew","1st","2nd","3rd","Crew","1st","\
            2nd","3rd","Crew","1st","2nd","3rd","Crew","1st","2nd","3rd","Crew","1st","2nd","3rd","Crew"],"Sex":\
            ["Male","Male","Male","Male","Female","Female","Female","Female","Male","Male","Male","Male","Female\
            ","Female","Female","Female","Male","Male","Male","Male","Female","Female","Female","Female","Male",\
            "Male","Male","Male","Female","Female","Female","Female"],"Age":["Child","Child","Child","Child","Ch\
            ild","Child","Child","Child","Adult","Adult","Adult","Adult","Adult","Adult","Adult","Adult","Child"\
            ,"Child","Child","Child","Child","Child","Child","Child","Adult","Adult","Adult","Adult","Adult","Ad\
            ult","Adult","Adult"],"Survived":["No","No","No","No","No","No","No","No","No","No","No","No","No","\
            No","No","No","Yes","Yes","Yes","Yes","Yes","Yes","Yes","Yes","Yes","Yes","Yes","Yes","Yes","Yes","Y\
            es","Yes"],"Freq":[0,0,35,0,0,0,17,0,118,154,387,670,4,13,89,3,5,11,13,0,1,13,14,0,57,14,75,192,140,\
            80,76,20]},"factors":{"Class":{"levels":["1st","2nd","3rd","Crew"]}},"naAction":"omit"}""";

    static final String CSV_EXAMPLE = """
            hp,wt,am
            97,2.465,0
            150,3.52,0
            150,3.435,0
            245,3.84,0
            175,3.845,0
            66,1.935,1
            91,2.14,1
            113,1.513,1
            264,3.17,1
            175,2.77,1
            335,3.57,1
            109,2.78,1
            """;

    static final String SOURCE_EXAMPLE = """
            {"name":"clicks","source":{"uri":"s3a://bucket/clicks.parquet","format":"parquet","label":"clicked",\
            "weight":"w","features":["age","price"]},"options":{"l2":0,"maxIterations":50,"tolerance":1e-8}}""";

    private final TrainingService service;
    private final DatasetLimits limits;
    /** The most bytes of a source request, and how far a body is looked into for {@code source}. */
    private final int sourceMaxBytes;

    private final ServiceMetrics metrics;

    TrainingController(
            TrainingService service, DatasetLimits limits, ServiceMetrics metrics, LogregProperties properties) {
        this.sourceMaxBytes =
                Math.toIntExact(properties.spark().maxRequestSize().toBytes());
        this.service = service;
        this.limits = limits;
        this.metrics = metrics;
    }

    @PostMapping(
            path = "/models",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Train a model on a dataset",
            description = """
                    Fits binary logistic regression by minimising the weighted average cross-entropy \
                    L(b) = (1/sum w) sum w_i (log(1 + e^{u_i}) - y_i u_i) + (l2/2)||b_1..d||^2, \
                    u_i = b_0 + x_i^T b, with Newton's method (default) or another solver, and stores \
                    the model. The body can also be text/csv with a header row (see the other media \
                    type). Statistics follow R's glm(family = binomial).

                    With `source` instead of the rows, the service trains on a Parquet or CSV file that \
                    the Spark Connect server of logreg.spark.remote reads, by the same Newton fit: it \
                    answers 202 with Location: /jobs/{id} at once and the job stores the model (see \
                    GET /jobs/{id}). Rows with a null are left out, counted and reported.

                    With `data` (columns or records of numbers, strings, booleans and nulls) and an R \
                    `formula` instead of the rows, the service builds the model matrix as R's glm does \
                    (factors by treatment contrasts, interactions, log(), I(), offset(), \
                    cbind(successes, failures), missing values by naAction) and the model keeps the \
                    `design`, so that predictions take raw values. See docs/formulas.md.""",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = {
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = TrainingRequestDocument.class),
                                        examples = {
                                            @ExampleObject(
                                                    name = "mtcars",
                                                    summary = "am ~ hp + wt (mtcars)",
                                                    value = MTCARS_EXAMPLE),
                                            @ExampleObject(
                                                    name = "titanic",
                                                    summary = "Survived ~ Class + Sex + Age: a table and an R"
                                                            + " formula (Titanic, counts as weights)",
                                                    value = TITANIC_EXAMPLE),
                                            @ExampleObject(
                                                    name = "source",
                                                    summary = "A Parquet file the Spark cluster reads"
                                                            + " (needs logreg.spark.remote)",
                                                    value = SOURCE_EXAMPLE)
                                        })
                            }))
    @ApiResponse(
            responseCode = "201",
            description = "Trained and stored; Location names the model",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = Model.class)))
    @ApiResponse(
            responseCode = "202",
            description = "A source request: the training job is queued; Location names" + " the job",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = TrainingJob.Status.class)))
    @ApiProblems.BadRequest
    @ApiResponse(
            responseCode = "403",
            description = "A source outside logreg.spark.allowed-sources (urn:logreg:problem:source-not-allowed)",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ApiProblems.Document.class)))
    @ApiProblems.BodyProblems
    @ApiProblems.Unfittable
    @ApiProblems.Unavailable
    ResponseEntity<?> trainJson(@Parameter(hidden = true) InputStream body) {
        TrainingService.Outcome outcome = service.trainOrQueue(body, watched -> read(() -> readJson(watched)));
        if (outcome instanceof TrainingService.Outcome.Queued queued) {
            TrainingJob job = queued.job();
            return ResponseEntity.accepted()
                    .location(URI.create("/jobs/" + job.id()))
                    .body(job.status());
        }
        return created(((TrainingService.Outcome.Trained) outcome).model());
    }

    /**
     * A source request is small and names "source" near the top: the first bytes tell which reader
     * gets the body; the reader of inline rows gets the whole stream, those bytes first. A source
     * request past logreg.spark.max-request-size is refused (413) without reading the rest.
     */
    private TrainingRequest readJson(InputStream body) {
        byte[] start;
        try {
            start = body.readNBytes(sourceMaxBytes + 1);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        if (SourceRequestReader.hasSource(start)) {
            if (start.length > sourceMaxBytes) {
                throw new PayloadTooLargeException(sourceMaxBytes, "logreg.spark.max-request-size");
            }
            return SourceRequestReader.read(start, limits);
        }
        return TrainingRequestReader.read(
                new SequenceInputStream(new ByteArrayInputStream(start), body), limits, limits.design());
    }

    @PostMapping(path = "/models", consumes = "text/csv", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Train a model on a CSV dataset",
            description = "The body is CSV with a header row; `label` names the label column, `weight`"
                    + " the optional weight column, every other column is a feature. Options are query parameters."
                    + " With `formula` instead of `label`, the CSV is a table coded by an R formula (see"
                    + " docs/formulas.md): `weight` names the weights' column, `factor` (repeatable) a numeric"
                    + " column to read as a factor, `naAction` omit or fail.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = "text/csv",
                                            schema = @Schema(type = "string"),
                                            examples = @ExampleObject(name = "mtcars", value = CSV_EXAMPLE))))
    @ApiResponse(
            responseCode = "201",
            description = "Trained and stored; Location names the model",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = Model.class)))
    @ApiProblems.BadRequest
    @ApiProblems.BodyProblems
    @ApiProblems.Unfittable
    @ApiProblems.Unavailable
    @Parameter(
            name = "elasticNet.alpha",
            in = ParameterIn.QUERY,
            description = "text/csv only: fit glmnet's elastic net; 0 ridge .. 1 lasso (default 1 when any"
                    + " elasticNet.* parameter is given)",
            schema = @Schema(type = "number", minimum = "0", maximum = "1"))
    @Parameter(
            name = "elasticNet.lambda",
            in = ParameterIn.QUERY,
            description = "text/csv only: one fit at this lambda",
            schema = @Schema(type = "number", minimum = "0"))
    @Parameter(
            name = "elasticNet.lambdas",
            in = ParameterIn.QUERY,
            description = "text/csv only: the path's lambdas, comma-separated",
            example = "0.1,0.01,0.001")
    @Parameter(
            name = "elasticNet.nLambda",
            in = ParameterIn.QUERY,
            description = "text/csv only: the generated path's length, default 100",
            schema = @Schema(type = "integer", minimum = "2", maximum = "10000"))
    @Parameter(
            name = "elasticNet.lambdaMinRatio",
            in = ParameterIn.QUERY,
            description = "text/csv only: last lambda over lambda_max, in (0, 1); default 1e-2 when N < d, else 1e-4",
            schema = @Schema(type = "number"))
    @Parameter(
            name = "elasticNet.standardize",
            in = ParameterIn.QUERY,
            description = "text/csv only: default true",
            schema = @Schema(type = "boolean"))
    @Parameter(
            name = "elasticNet.penaltyFactors",
            in = ParameterIn.QUERY,
            description = "text/csv only: name:factor pairs, comma-separated (0 leaves a feature unpenalised)",
            example = "hp:0,wt:2")
    @Parameter(
            name = "elasticNet.crossValidation.folds",
            in = ParameterIn.QUERY,
            description = "text/csv only: cross-validate with this many random folds (default 10 when any"
                    + " crossValidation parameter is given)",
            schema = @Schema(type = "integer", minimum = "2"))
    @Parameter(
            name = "elasticNet.crossValidation.foldIds",
            in = ParameterIn.QUERY,
            description = "text/csv only: the 1-based fold of each row, comma-separated",
            example = "1,2,3,1,2,3")
    @Parameter(
            name = "elasticNet.crossValidation.seed",
            in = ParameterIn.QUERY,
            description = "text/csv only: the random folds' seed, default 0",
            schema = @Schema(type = "integer"))
    @Parameter(
            name = "elasticNet.crossValidation.measure",
            in = ParameterIn.QUERY,
            description = "text/csv only: deviance (default), auc, class or mse",
            schema = @Schema(allowableValues = {"deviance", "auc", "class", "mse"}))
    @Parameter(
            name = "elasticNet.crossValidation.select",
            in = ParameterIn.QUERY,
            description = "text/csv only: lambdaMin (default) or lambda1se",
            schema = @Schema(allowableValues = {"lambdaMin", "lambda1se"}))
    ResponseEntity<Model> trainCsv(
            @Parameter(hidden = true) InputStream body,
            @Parameter(hidden = true) @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(
                            description = "text/csv only, required there unless formula is given: the label column's"
                                    + " name",
                            example = "am")
                    @RequestParam(required = false)
                    String label,
            @Parameter(
                            description = "text/csv only: an R formula over the CSV's columns instead of label (see"
                                    + " docs/formulas.md); each column is typed as R's read.csv types it, an empty"
                                    + " cell or NA is missing",
                            example = "am ~ hp + wt")
                    @RequestParam(required = false)
                    String formula,
            @Parameter(
                            description = "text/csv only, with a formula: omit (default) or fail for rows with a"
                                    + " missing value",
                            schema = @Schema(allowableValues = {"omit", "fail"}))
                    @RequestParam(required = false)
                    String naAction,
            @Parameter(description = "text/csv only, with a formula: a numeric column to read as a factor (repeatable)")
                    @RequestParam(required = false)
                    List<String> factor,
            @Parameter(description = "text/csv only: The weight column's name") @RequestParam(required = false)
                    String weight,
            @Parameter(description = "text/csv only: A name for the model") @RequestParam(required = false) String name,
            @Parameter(description = "text/csv only: newton, gradient-descent, sgd or lbfgs")
                    @RequestParam(required = false)
                    String solver,
            @Parameter(description = "text/csv only: default true") @RequestParam(required = false) String fitIntercept,
            @Parameter(description = "text/csv only: default 0") @RequestParam(required = false) String l2,
            @Parameter(description = "text/csv only: default 100") @RequestParam(required = false) String maxIterations,
            @Parameter(description = "text/csv only: default 1e-8") @RequestParam(required = false) String tolerance,
            @Parameter(description = "text/csv only: SGD, default 1") @RequestParam(required = false)
                    String learningRate,
            @Parameter(description = "text/csv only: SGD, default 32") @RequestParam(required = false) String batchSize,
            @Parameter(description = "text/csv only: SGD, default 50") @RequestParam(required = false) String epochs,
            @Parameter(description = "text/csv only: SGD, default 0") @RequestParam(required = false) String seed,
            @Parameter(
                            description = "text/csv only: 503 instead of a NOT_CONVERGED model when the fit reaches"
                                    + " the service's time limit; default false")
                    @RequestParam(required = false)
                    String failOnTimeout,
            @Parameter(
                            description =
                                    "text/csv only: ml (default) or firth (Firth's bias-reduced fit; newton, l2 = 0)",
                            schema = @Schema(allowableValues = {"ml", "firth"}))
                    @RequestParam(required = false)
                    String method,
            @Parameter(
                            description =
                                    "text/csv only: the statistics' covariance, model (default), HC0, HC1, HC2 or HC3",
                            schema = @Schema(allowableValues = {"model", "HC0", "HC1", "HC2", "HC3"}))
                    @RequestParam(required = false)
                    String covariance,
            @Parameter(
                            description = "text/csv only: statistics.intervals by wald (default) or profile likelihood",
                            schema = @Schema(allowableValues = {"wald", "profile"}))
                    @RequestParam(required = false)
                    String intervals,
            @Parameter(description = "text/csv only: the intervals' confidence level, default 0.95")
                    @RequestParam(required = false)
                    String level,
            @Parameter(
                            description = "text/csv only: marginal effects, average or mean; none by default",
                            schema = @Schema(allowableValues = {"average", "mean"}))
                    @RequestParam(required = false)
                    String marginalEffects,
            @Parameter(hidden = true) @RequestParam Map<String, String> query) {
        read(() -> requireUtf8(contentType));
        Map<String, Object> options = new LinkedHashMap<>();
        putIfPresent(options, "solver", solver);
        putIfPresent(options, "fitIntercept", fitIntercept);
        putIfPresent(options, "l2", l2);
        putIfPresent(options, "maxIterations", maxIterations);
        putIfPresent(options, "tolerance", tolerance);
        putIfPresent(options, "learningRate", learningRate);
        putIfPresent(options, "batchSize", batchSize);
        putIfPresent(options, "epochs", epochs);
        putIfPresent(options, "seed", seed);
        putIfPresent(options, "failOnTimeout", failOnTimeout);
        putIfPresent(options, "method", method);
        putIfPresent(options, "covariance", covariance);
        putIfPresent(options, "intervals", intervals);
        putIfPresent(options, "level", level);
        putIfPresent(options, "marginalEffects", marginalEffects);
        Map<String, Object> elasticNet = ElasticNetRequest.fromQuery(query);
        if (elasticNet != null) {
            options.put(ElasticNetRequest.FIELD, elasticNet);
        }
        if (formula != null) {
            if (label != null) {
                throw new InvalidRequestException("label", "give either a label column or a formula, not both");
            }
            return created(service.train(
                    body,
                    watched -> read(() -> CsvTrainingReader.readTable(
                            watched, limits, name, formula, weight, factor, naAction, options))));
        }
        if (naAction != null || factor != null) {
            throw new InvalidRequestException(
                    naAction != null ? "naAction" : "factor", "applies to a formula only (formula=...)");
        }
        return created(service.train(
                body, watched -> read(() -> CsvTrainingReader.read(watched, limits, name, label, weight, options))));
    }

    /**
     * A CSV body is read as UTF-8 (of which US-ASCII is a part); text in another declared charset
     * would be misread, so it is refused with 415 before a turn is taken.
     */
    private static boolean requireUtf8(String contentType) {
        String declared = MediaType.parseMediaType(contentType).getParameter("charset");
        if (declared == null) {
            return true;
        }
        String name = declared.length() > 1 && declared.startsWith("\"") && declared.endsWith("\"")
                ? declared.substring(1, declared.length() - 1)
                : declared;
        try {
            Charset charset = Charset.forName(name.trim());
            if (charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII)) {
                return true;
            }
        } catch (IllegalArgumentException unknown) {
            // an unknown or malformed name: refused below
        }
        throw new ErrorResponseException(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                ProblemDetail.forStatusAndDetail(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "A CSV body must be UTF-8 (or US-ASCII); the Content-Type declares charset=" + name
                                + ". Convert the file to UTF-8, or leave the charset out."),
                null);
    }

    /** Reads a request, counting one that is refused before it reaches a solver. */
    private <T> T read(Supplier<T> reader) {
        try {
            return reader.get();
        } catch (RuntimeException rejected) {
            metrics.trainingRejected(null);
            throw rejected;
        }
    }

    private static void putIfPresent(Map<String, Object> options, String key, String value) {
        if (value != null) {
            options.put(key, value);
        }
    }

    private static ResponseEntity<Model> created(Model model) {
        return ResponseEntity.created(URI.create("/models/" + model.id())).body(model);
    }
}
