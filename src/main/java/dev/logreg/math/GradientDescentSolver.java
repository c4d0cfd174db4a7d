package dev.logreg.math;

import java.util.List;

/**
 * Full-batch gradient descent, {@code b <- b - t grad L(b)}, with Armijo backtracking: the step
 * {@code t} is halved until {@code L(b - t g) <= L(b) - 1e-4 t ||g||^2}, and each iteration starts
 * from twice the last accepted step, so a well-scaled problem does not pay for backtracking from
 * scratch every time. Stops when {@code max|g| <= tolerance}, after {@code maxIterations}, at the
 * time limit, or when no step decreases the loss.
 */
public final class GradientDescentSolver implements Solver {

    public static final String NAME = "gradient-descent";

    private static final double ARMIJO_FRACTION = 1e-4;
    private static final int MAX_HALVINGS = 60;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FitResult minimize(Objective objective, double[] start, SolverOptions options) {
        int p = objective.dimension();
        SolverState state = new SolverState(start, p, Math.min(options.maxIterations() + 1, 1 << 16));
        StoppingRule stopping = new StoppingRule(options, objective.coordinateScales(), System.nanoTime());
        state.started(objective.evaluate(state.coefficients, state.gradient, null));
        double stepSize = 1;
        while (true) {
            StopReason reason = stopping.check(state.gradient, state.iterations);
            if (reason != null) {
                return state.result(NAME, reason, List.of());
            }
            double squaredNorm = Vectors.dot(state.gradient, state.gradient);
            stepSize = Math.min(2 * stepSize, 1e12);
            boolean accepted = false;
            for (int halving = 0; halving < MAX_HALVINGS && !accepted; halving++) {
                for (int j = 0; j < p; j++) {
                    state.trial[j] = state.coefficients[j] - stepSize * state.gradient[j];
                }
                state.trialLoss = objective.evaluate(state.trial, state.trialGradient, null);
                accepted = state.trialLoss <= state.loss - ARMIJO_FRACTION * stepSize * squaredNorm;
                if (!accepted) {
                    stepSize *= 0.5;
                }
            }
            if (!accepted) {
                return state.result(NAME, StopReason.NO_FURTHER_DECREASE, List.of());
            }
            state.acceptTrial();
        }
    }
}
