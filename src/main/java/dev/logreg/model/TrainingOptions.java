package dev.logreg.model;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Objects;

/**
 * The effective options of a training, defaults filled in.
 *
 * @param solver {@code newton}, {@code gradient-descent}, {@code sgd} or {@code lbfgs}
 * @param fitIntercept whether the model has an intercept
 * @param l2 the ridge penalty on the non-intercept coefficients
 * @param maxIterations the iteration budget (Newton, gradient descent, L-BFGS)
 * @param tolerance stop when max|grad L| is at most this
 * @param learningRate SGD's initial learning rate
 * @param batchSize SGD's mini-batch size
 * @param epochs SGD's passes over the data
 * @param seed SGD's shuffling seed
 * @param failOnTimeout answer 503 instead of storing an unconverged model when the fit reaches
 *     the time limit ({@code logreg.training.time-limit})
 */
@Schema(description = "The effective options of a training, defaults filled in")
public record TrainingOptions(
        @Schema(example = "newton") String solver,
        @Schema(example = "true") boolean fitIntercept,
        @Schema(example = "0") double l2,
        @Schema(example = "100") int maxIterations,
        @Schema(example = "1e-8") double tolerance,
        @Schema(example = "1") double learningRate,
        @Schema(example = "32") int batchSize,
        @Schema(example = "50") int epochs,
        @Schema(example = "0") long seed,
        @Schema(description = "503 instead of a NOT_CONVERGED model when the fit reaches the service's time limit",
                example = "false") boolean failOnTimeout) {

    public TrainingOptions {
        Objects.requireNonNull(solver, "solver");
    }
}
