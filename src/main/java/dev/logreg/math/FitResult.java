package dev.logreg.math;

import java.util.List;
import java.util.Objects;

/**
 * Where a solver stopped and how it got there.
 *
 * @param solver the solver's name
 * @param coefficients b where the solver stopped, intercept first when there is one
 * @param loss L(b)
 * @param gradientNorm {@code max_j |grad_j L(b)|}
 * @param iterations iterations (epochs for SGD) taken
 * @param lossHistory L before the first iteration, then after each one
 * @param converged whether the stopping rule on the gradient was met
 * @param stopReason why it stopped
 * @param warnings what the solver noticed on the way
 */
public record FitResult(
        String solver,
        double[] coefficients,
        double loss,
        double gradientNorm,
        int iterations,
        double[] lossHistory,
        boolean converged,
        StopReason stopReason,
        List<FitWarning> warnings) {

    public FitResult {
        Objects.requireNonNull(solver, "solver");
        coefficients = coefficients.clone();
        lossHistory = lossHistory.clone();
        Objects.requireNonNull(stopReason, "stopReason");
        warnings = List.copyOf(warnings);
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    @Override
    public double[] lossHistory() {
        return lossHistory.clone();
    }

    /** The same result, stopped for {@code reason}, not converged, with one more warning. */
    public FitResult notConverged(StopReason reason, FitWarning warning) {
        List<FitWarning> more = new java.util.ArrayList<>(warnings);
        more.add(warning);
        return new FitResult(solver, coefficients, loss, gradientNorm, iterations, lossHistory, false, reason, more);
    }
}
