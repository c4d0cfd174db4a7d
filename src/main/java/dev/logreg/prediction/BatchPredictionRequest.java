package dev.logreg.prediction;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * A batch of samples to predict: rows of numbers in the model's feature order, or for a model
 * trained with a formula, raw values as columns ({@code data}) or records.
 */
@Schema(description = "Samples to predict: features (rows of numbers), or for a formula model data or records")
record BatchPredictionRequest(
        @Schema(
                description = "rows of d numbers, in the model's feature order (the design's columns for a"
                        + " formula model)",
                example = "[[110, 2.62], [93, 2.32]]")
        double[][] features,

        @Schema(
                description = "a formula model's raw values as columns of equal length: numbers, strings,"
                        + " booleans or null (missing: that row gets null predictions)",
                example = "{\"class\": [\"1st\", \"crew\"], \"sex\": [\"female\", \"male\"], \"age\": [29, null]}")
        Map<String, List<Object>> data,

        @Schema(
                description = "a formula model's raw values as records",
                example = "[{\"class\": \"1st\", \"sex\": \"female\", \"age\": 29}]")
        List<Map<String, Object>> records,

        @Schema(
                description = "label 1 when probability >= threshold",
                defaultValue = "0.5",
                minimum = "0",
                maximum = "1")
        Double threshold,

        @Schema(
                description = "the level of a prediction interval, strictly between 0 and 1 (0.95 for 95%):"
                        + " adds standardErrors, lower and upper; none when absent",
                example = "0.95",
                minimum = "0",
                maximum = "1",
                exclusiveMinimum = true,
                exclusiveMaximum = true)
        Double interval,

        @Schema(
                description = "an elastic-net model only: predict at this lambda (>= 0), the coefficients"
                        + " interpolated linearly in lambda between path points as glmnet's predict(s = );"
                        + " default the selected lambda",
                example = "0.01",
                minimum = "0")
        Double lambda) {}
