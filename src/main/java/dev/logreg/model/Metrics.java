package dev.logreg.model;

import io.swagger.v3.oas.annotations.media.Schema;

/** Training-data metrics at threshold 0.5, weighted. */
@Schema(description = "Metrics on the training data (weighted) at threshold 0.5")
public record Metrics(
        @Schema(example = "0.9") double accuracy,
        @Schema(example = "0.27") double logLoss,

        @Schema(
                types = {"number", "null"},
                description = "null when only one class has weight",
                example = "0.96")
        Double rocAuc,

        @Schema(example = "0.08") double brierScore,
        ConfusionMatrix confusionMatrix) {

    /** Weighted counts; a soft label y counts y as positive and 1 - y as negative. */
    public record ConfusionMatrix(
            double truePositives, double falsePositives, double trueNegatives, double falseNegatives) {}
}
