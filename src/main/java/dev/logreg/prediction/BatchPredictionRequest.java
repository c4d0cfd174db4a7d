package dev.logreg.prediction;

import io.swagger.v3.oas.annotations.media.Schema;

/** A batch of samples to predict. */
@Schema(description = "Samples to predict, in the model's feature order")
record BatchPredictionRequest(
        @Schema(
                description = "rows of d numbers",
                requiredMode = Schema.RequiredMode.REQUIRED,
                example = "[[110, 2.62], [93, 2.32]]")
        double[][] features,

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
