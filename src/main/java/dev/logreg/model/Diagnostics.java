package dev.logreg.model;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Objects;

/**
 * A compact summary of the fitted scores on the training data, from which the report draws its
 * ROC curve and reliability diagram: a few kilobytes whatever the number of rows.
 *
 * @param roc the ROC curve, at most 200 points; empty when one class has no weight
 * @param calibration the non-empty bins of width 0.1 of the predicted probability
 * @param samplesWithWeight rows of positive weight: R's n in the deviances' degrees of freedom
 */
@Schema(description = "Compact summary of the training-data predictions: ROC curve and reliability bins")
public record Diagnostics(
        Roc roc,
        List<CalibrationBin> calibration,

        @Schema(description = "rows of positive weight (R's n for the degrees of freedom)", example = "32")
        int samplesWithWeight) {

    public Diagnostics {
        Objects.requireNonNull(roc, "roc");
        calibration = List.copyOf(calibration);
    }

    /**
     * Vertices of the weighted ROC curve, from (0, 0) to (1, 1), thinned evenly along the curve.
     */
    @Schema(description = "ROC curve vertices from (0, 0) to (1, 1); empty when one class has no weight")
    public record Roc(
            @Schema(example = "[0, 0, 0.05, 1]") double[] falsePositiveRates,
            @Schema(example = "[0, 0.5, 0.9, 1]") double[] truePositiveRates) {

        public Roc {
            if (falsePositiveRates.length != truePositiveRates.length) {
                throw new IllegalArgumentException("one true positive rate per false positive rate");
            }
            falsePositiveRates = falsePositiveRates.clone();
            truePositiveRates = truePositiveRates.clone();
        }

        @Override
        public double[] falsePositiveRates() {
            return falsePositiveRates.clone();
        }

        @Override
        public double[] truePositiveRates() {
            return truePositiveRates.clone();
        }
    }

    /**
     * One bin {@code [lower, upper)} of predicted probabilities, weighted.
     *
     * @param meanPredicted {@code sum w mu / sum w} over the bin
     * @param observedRate {@code sum w y / sum w} over the bin
     * @param weight {@code sum w} over the bin
     * @param rows rows of positive weight in the bin
     */
    @Schema(description = "One bin of predicted probabilities: mean prediction against observed rate")
    public record CalibrationBin(
            @Schema(example = "0.9") double lower,
            @Schema(example = "1.0") double upper,

            @Schema(description = "weighted mean predicted probability", example = "0.97")
            double meanPredicted,

            @Schema(description = "weighted mean label", example = "1.0")
            double observedRate,

            @Schema(description = "total weight", example = "9")
            double weight,

            @Schema(description = "rows of positive weight", example = "9")
            int rows) {}
}
