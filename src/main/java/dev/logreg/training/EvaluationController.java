package dev.logreg.training;

import dev.logreg.math.Dataset;
import dev.logreg.math.Evaluation;
import dev.logreg.model.Diagnostics;
import dev.logreg.model.Model;
import dev.logreg.model.ModelStore;
import dev.logreg.problem.ApiProblems;
import dev.logreg.problem.InvalidRequestException;
import dev.logreg.problem.ModelNotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /models/{id}/evaluate}: a stored model on labelled rows in a training request's forms
 * (JSON {@code features}/{@code labels}/{@code weights}, or text/csv with {@code label=}), read by the
 * training readers and limits. Answers the metrics, ROC points, reliability bins and the calibration
 * intercept and slope ({@link Evaluation}); stores nothing.
 */
@RestController
@Tag(name = "models")
class EvaluationController {

    static final String EXAMPLE = """
            {"features": [[110, 2.62], [93, 2.32], [175, 3.44], [66, 2.2]], "labels": [1, 1, 0, 1]}""";

    private final ModelStore store;
    private final DatasetLimits limits;

    EvaluationController(ModelStore store, DatasetLimits limits) {
        this.store = store;
        this.limits = limits;
    }

    @PostMapping(
            path = "/models/{id}/evaluate",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Evaluate a model on new labelled rows",
            description = "The rows as in a training request (features, labels, optional weights and"
                    + " featureNames, no options), or text/csv with label= (and weight=). Answers the metrics at"
                    + " `threshold`, the ROC points, the reliability bins and the logistic recalibration of the"
                    + " model's logits (rms::val.prob's Intercept and Slope). Nothing is stored.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = {
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = TrainingRequestDocument.class),
                                        examples = @ExampleObject(name = "mtcars", value = EXAMPLE)),
                                @Content(
                                        mediaType = "text/csv",
                                        schema = @Schema(type = "string"),
                                        examples =
                                                @ExampleObject(name = "mtcars", value = TrainingController.CSV_EXAMPLE))
                            }))
    @ApiResponse(
            responseCode = "200",
            description = "The evaluation",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = EvaluationResult.class)))
    @ApiProblems.BadRequest
    @ApiProblems.NotFound
    @ApiProblems.BodyProblems
    EvaluationResult evaluateJson(
            @PathVariable String id,
            @Parameter(hidden = true) InputStream body,
            @Parameter(description = "a probability at or above it is labelled 1", example = "0.5")
                    @RequestParam(required = false)
                    String threshold) {
        Model model = find(id);
        double cut = threshold(threshold);
        TrainingInput input = TrainingRequestReader.read(body, limits, limits.design());
        return evaluate(model, input, cut);
    }

    @PostMapping(path = "/models/{id}/evaluate", consumes = "text/csv", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Evaluate a model on new labelled rows sent as CSV")
    @ApiResponse(
            responseCode = "200",
            description = "The evaluation",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = EvaluationResult.class)))
    @ApiProblems.BadRequest
    @ApiProblems.NotFound
    @ApiProblems.BodyProblems
    EvaluationResult evaluateCsv(
            @PathVariable String id,
            @Parameter(hidden = true) InputStream body,
            @Parameter(description = "the label column's name", example = "am") @RequestParam(required = false)
                    String label,
            @Parameter(description = "the weight column's name") @RequestParam(required = false) String weight,
            @Parameter(description = "a probability at or above it is labelled 1", example = "0.5")
                    @RequestParam(required = false)
                    String threshold) {
        Model model = find(id);
        double cut = threshold(threshold);
        TrainingInput input = CsvTrainingReader.read(body, limits, null, label, weight, Map.of());
        return evaluate(model, input, cut);
    }

    private Model find(String id) {
        return store.find(id).orElseThrow(() -> new ModelNotFoundException(id));
    }

    private static double threshold(String text) {
        if (text == null) {
            return 0.5;
        }
        try {
            double value = Double.parseDouble(text.trim());
            if (value >= 0 && value <= 1) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new InvalidRequestException("threshold", "must be a number in [0, 1], got '" + text + "'");
    }

    private static EvaluationResult evaluate(Model model, TrainingInput input, double threshold) {
        Dataset rows = input.dataset();
        if (input.design() != null) {
            throw new InvalidRequestException(
                    "formula",
                    "not taken here yet: send the model's columns as features (in featureNames order) and labels");
        }
        if (!rows.hasIntercept()) {
            throw new InvalidRequestException("options", "not taken here: the model's own options apply");
        }
        if (rows.numFeatures() != model.numFeatures()) {
            throw new InvalidRequestException(
                    "features",
                    "the model has " + model.numFeatures() + " features, the rows have " + rows.numFeatures());
        }
        List<String> names = rows.featureNames();
        for (int j = 0; j < names.size(); j++) {
            String expected = model.featureNames().get(j);
            if (!names.get(j).equals(expected) && !names.get(j).equals("x" + (j + 1))) {
                throw new InvalidRequestException(
                        "featureNames[" + j + "]", "the model's feature " + j + " is '" + expected + "'");
            }
        }
        double[] coefficients = model.coefficients();
        double[] b = new double[coefficients.length + 1];
        b[0] = model.intercept();
        System.arraycopy(coefficients, 0, b, 1, coefficients.length);
        Evaluation evaluation = Evaluation.of(rows, b, threshold);
        Diagnostics diagnostics = ModelAssembler.diagnostics(evaluation.diagnostics());
        List<EvaluationResult.RocPoint> roc = new ArrayList<>();
        double[] fpr = diagnostics.roc().falsePositiveRates();
        double[] tpr = diagnostics.roc().truePositiveRates();
        for (int k = 0; k < fpr.length; k++) {
            roc.add(new EvaluationResult.RocPoint(fpr[k], tpr[k]));
        }
        return new EvaluationResult(
                model.id(),
                rows.numSamples(),
                rows.totalWeight(),
                threshold,
                ModelAssembler.metrics(evaluation.metrics()),
                new EvaluationResult.Calibration(
                        finite(evaluation.calibrationIntercept()), finite(evaluation.calibrationSlope())),
                roc,
                diagnostics.calibration());
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
