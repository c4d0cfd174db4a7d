package dev.logreg.model;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * How the solver ran.
 *
 * @param loss the loss at the returned coefficients; for a Firth fit the penalised loss
 *     {@code F(b) = L(b) - log det I(b) / (2 sum w)} that it minimises, and so for the history and
 *     the gradient
 * @param lossHistory L before the first iteration, then after each
 * @param stopReason why the solver stopped
 * @param numSamples rows, zero-weight rows included
 * @param numFeatures d
 * @param totalWeight sum of the weights
 */
@Schema(description = "How the solver ran")
public record TrainingSummary(
        @Schema(example = "newton") String solver,
        boolean converged,
        @Schema(example = "7") int iterations,

        @Schema(
                description = "L(b) at the returned coefficients (with the l2 term); for method firth the"
                        + " penalised loss F(b) = L(b) - log det I(b) / (2"
                        + " sum w), also in lossHistory and gradientNorm",
                example = "0.3143")
        double loss,

        @Schema(description = "max_j |grad_j L(b)|", example = "1.2e-12")
        double gradientNorm,

        double[] lossHistory,
        @Schema(example = "GRADIENT_TOLERANCE") String stopReason,
        @Schema(example = "1.9") double durationMillis,
        @Schema(example = "32") int numSamples,
        @Schema(example = "2") int numFeatures,
        @Schema(example = "32") double totalWeight,
        List<ModelWarning> warnings) {

    public TrainingSummary {
        lossHistory = lossHistory.clone();
        warnings = List.copyOf(warnings);
    }

    @Override
    public double[] lossHistory() {
        return lossHistory.clone();
    }
}
