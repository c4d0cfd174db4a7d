package dev.logreg.math;

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
        if (start.length != p) {
            throw new IllegalArgumentException("expected " + p + " starting values");
        }
        StoppingRule stopping = new StoppingRule(options, objective.coordinateScales(), System.nanoTime());
        double[] coefficients = start.clone();
        double[] gradient = new double[p];
        double[] trial = new double[p];
        double[] trialGradient = new double[p];
        double loss = objective.evaluate(coefficients, gradient, null);
        GrowableDoubleArray history = new GrowableDoubleArray(Math.min(options.maxIterations() + 1, 1 << 16));
        history.add(loss);
        double stepSize = 1;
        int iterations = 0;
        StopReason reason;
        while (true) {
            reason = stopping.check(gradient, iterations);
            if (reason != null) {
                break;
            }
            double squaredNorm = Vectors.dot(gradient, gradient);
            stepSize = Math.min(2 * stepSize, 1e12);
            double trialLoss = Double.NaN;
            boolean accepted = false;
            for (int halving = 0; halving < MAX_HALVINGS && !accepted; halving++) {
                for (int j = 0; j < p; j++) {
                    trial[j] = coefficients[j] - stepSize * gradient[j];
                }
                trialLoss = objective.evaluate(trial, trialGradient, null);
                accepted = trialLoss <= loss - ARMIJO_FRACTION * stepSize * squaredNorm;
                if (!accepted) {
                    stepSize *= 0.5;
                }
            }
            if (!accepted) {
                reason = StopReason.NO_FURTHER_DECREASE;
                break;
            }
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
        return new FitResult(
                NAME,
                coefficients,
                loss,
                Vectors.maxAbs(gradient),
                iterations,
                history.toArray(),
                reason == StopReason.GRADIENT_TOLERANCE,
                reason,
                java.util.List.of());
    }
}
