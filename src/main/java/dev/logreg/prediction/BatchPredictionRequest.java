package dev.logreg.prediction;

import io.swagger.v3.oas.annotations.media.Schema;

/** A batch of samples to predict. */
@Schema(description = "Samples to predict, in the model's feature order")
record BatchPredictionRequest(
        @Schema(description = "rows of d numbers", requiredMode = Schema.RequiredMode.REQUIRED,
                example = "[[110, 2.62], [93, 2.32]]") double[][] features,
        @Schema(description = "label 1 when probability >= threshold", defaultValue = "0.5",
                minimum = "0", maximum = "1") Double threshold) {
}
