package dev.logreg.math;

import java.util.List;

/**
 * Where a line-search solver is: the current coefficients with their objective value and gradient, a trial point
 * with its own, the objective's history and the iterations taken. A solver writes a candidate into {@link #trial},
 * {@link #trialLoss} and {@link #trialGradient}; {@link #acceptTrial()} makes it current by swapping the arrays,
 * never copying them, so the work arrays are allocated once per fit.
 */
final class SolverState {

    /** The current coefficients b. */
    double[] coefficients;
    /** The objective's gradient at {@link #coefficients}. */
    double[] gradient;
    /** A candidate point, written by the solver before it calls {@link #acceptTrial()}. */
    double[] trial;
    /** The objective's gradient at {@link #trial}. */
    double[] trialGradient;
    /** The objective at {@link #coefficients}. */
    double loss;
    /** The objective at {@link #trial}. */
    double trialLoss;
    /** Accepted steps so far. */
    int iterations;

    private final GrowableDoubleArray history;

    /**
     * A state at {@code start} (not modified) for an objective of {@code dimension} coefficients; call
     * {@link #started(double)} once its objective is known.
     *
     * @throws IllegalArgumentException when {@code start} does not have {@code dimension} values
     */
    SolverState(double[] start, int dimension, int historyCapacity) {
        if (start.length != dimension) {
            throw new IllegalArgumentException("expected " + dimension + " starting values");
        }
        int p = start.length;
        coefficients = start.clone();
        gradient = new double[p];
        trial = new double[p];
        trialGradient = new double[p];
        history = new GrowableDoubleArray(historyCapacity);
    }

    /** Records the objective at the starting point, which the solver has written into {@link #gradient}. */
    void started(double startLoss) {
        loss = startLoss;
        history.add(startLoss);
    }

    /** Makes the trial point the current one (the old current arrays become the trial's work arrays). */
    void acceptTrial() {
        double[] swap = coefficients;
        coefficients = trial;
        trial = swap;
        swap = gradient;
        gradient = trialGradient;
        trialGradient = swap;
        loss = trialLoss;
        iterations++;
        history.add(loss);
    }

    /**
     * The result at the current point: converged when the solver stopped on the gradient tolerance or at machine
     * precision.
     */
    FitResult result(String solver, StopReason reason, List<FitWarning> warnings) {
        boolean converged = reason == StopReason.GRADIENT_TOLERANCE || reason == StopReason.MACHINE_PRECISION;
        return new FitResult(
                solver,
                coefficients,
                loss,
                Vectors.maxAbs(gradient),
                iterations,
                history.toArray(),
                converged,
                reason,
                warnings);
    }
}
