package dev.logreg.math;

import java.util.List;

/**
 * Limited-memory BFGS: the search direction is {@code -H_k g} with {@code H_k} the inverse-Hessian
 * approximation built by the two-loop recursion from the last {@value #MEMORY} pairs
 * {@code s = b_{k+1} - b_k}, {@code y = g_{k+1} - g_k} (initial scaling {@code s^T y / y^T y}).
 * The step length satisfies the strong Wolfe conditions
 * {@code L(b + t d) <= L(b) + c1 t g^T d} and {@code |g(b + t d)^T d| <= c2 |g^T d|}
 * ({@code c1 = 1e-4}, {@code c2 = 0.9}), found by bracketing and zooming with safeguarded cubic
 * interpolation (Nocedal and Wright, Algorithms 3.5 and 3.6); a steepest-descent step starts
 * from {@code t = min(1, 1 / ||g||)}, a quasi-Newton one from {@code t = 1}. A direction that is not
 * a descent direction, or along which the line search fails, makes it forget the pairs and try
 * {@code -g}. Stops when {@code max|g| <= tolerance}, after {@code maxIterations}, at the time
 * limit, or when the line search finds no decrease even along {@code -g}.
 */
public final class LbfgsSolver implements Solver {

    public static final String NAME = "lbfgs";

    static final int MEMORY = 10;
    private static final double C1 = 1e-4;
    private static final double C2 = 0.9;
    private static final int MAX_LINE_SEARCH_STEPS = 40;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FitResult minimize(Objective objective, double[] start, SolverOptions options) {
        return new Run(objective, start, options).minimize();
    }

    /** The state of one minimisation; work arrays are allocated once. */
    private static final class Run {

        private final Objective objective;
        private final SolverOptions options;
        private final int p;
        private final double[][] steps;
        private final double[][] gradientChanges;
        private final double[] curvatures;
        private final double[] alphas = new double[MEMORY];
        private final SolverState state;
        private final double[] direction;
        private int stored;
        private int newest = -1;

        Run(Objective objective, double[] start, SolverOptions options) {
            this.objective = objective;
            this.options = options;
            this.state = new SolverState(start, objective.dimension(), 64);
            this.p = start.length;
            this.steps = new double[MEMORY][p];
            this.gradientChanges = new double[MEMORY][p];
            this.curvatures = new double[MEMORY];
            this.direction = new double[p];
        }

        FitResult minimize() {
            StoppingRule stopping = new StoppingRule(options, objective.coordinateScales(), System.nanoTime());
            state.started(objective.evaluate(state.coefficients, state.gradient, null));
            while (true) {
                StopReason reason = stopping.check(state.gradient, state.iterations);
                if (reason != null) {
                    return state.result(NAME, reason, List.of());
                }
                searchDirection();
                double slope = Vectors.dot(state.gradient, direction);
                if (!(slope < 0)) {
                    slope = restartFromSteepestDescent();
                }
                double initialStep = stored == 0 ? Math.min(1.0, 1.0 / Math.sqrt(-slope)) : 1.0;
                boolean found = lineSearch(slope, initialStep);
                if (!found && stored > 0) {
                    // The curvature pairs may have gone stale: try once more along -g.
                    slope = restartFromSteepestDescent();
                    found = lineSearch(slope, Math.min(1.0, 1.0 / Math.sqrt(-slope)));
                }
                if (!found) {
                    return state.result(NAME, StopReason.NO_FURTHER_DECREASE, List.of());
                }
                remember();
                state.acceptTrial();
            }
        }

        /** Forgets the curvature pairs and sets {@code direction = -g}; returns {@code g^T d}. */
        private double restartFromSteepestDescent() {
            stored = 0;
            for (int j = 0; j < p; j++) {
                direction[j] = -state.gradient[j];
            }
            return -Vectors.dot(state.gradient, state.gradient);
        }

        /** {@code direction = -H_k g} by the two-loop recursion. */
        private void searchDirection() {
            for (int j = 0; j < p; j++) {
                direction[j] = -state.gradient[j];
            }
            for (int m = 0; m < stored; m++) {
                int pair = Math.floorMod(newest - m, MEMORY);
                alphas[pair] = curvatures[pair] * Vectors.dot(steps[pair], direction);
                axpy(-alphas[pair], gradientChanges[pair], direction);
            }
            if (stored > 0) {
                double[] y = gradientChanges[newest];
                double scale = 1.0 / (curvatures[newest] * Vectors.dot(y, y));
                for (int j = 0; j < p; j++) {
                    direction[j] *= scale;
                }
            }
            for (int m = stored - 1; m >= 0; m--) {
                int pair = Math.floorMod(newest - m, MEMORY);
                double beta = curvatures[pair] * Vectors.dot(gradientChanges[pair], direction);
                axpy(alphas[pair] - beta, steps[pair], direction);
            }
        }

        /**
         * Stores the pair of the accepted step, when its curvature {@code s^T y} is positive (else
         * the pairs are left as they were: the slot written next may still hold the oldest pair).
         */
        private void remember() {
            double curvature = 0;
            for (int j = 0; j < p; j++) {
                curvature += (state.trial[j] - state.coefficients[j]) * (state.trialGradient[j] - state.gradient[j]);
            }
            if (!(curvature > 1e-300)) {
                return;
            }
            int slot = (newest + 1) % MEMORY;
            for (int j = 0; j < p; j++) {
                steps[slot][j] = state.trial[j] - state.coefficients[j];
                gradientChanges[slot][j] = state.trialGradient[j] - state.gradient[j];
            }
            curvatures[slot] = 1.0 / curvature;
            newest = slot;
            stored = Math.min(stored + 1, MEMORY);
        }

        /**
         * Finds a step {@code t} along {@code direction} satisfying the strong Wolfe conditions and
         * leaves {@code b + t d}, its loss and gradient in {@code state.trial}, {@code state.trialLoss},
         * {@code state.trialGradient}. Returns false when none is found.
         */
        private boolean lineSearch(double slope, double initialStep) {
            double previousStep = 0;
            double previousLoss = state.loss;
            double previousSlope = slope;
            double step = initialStep;
            for (int attempt = 0; attempt < MAX_LINE_SEARCH_STEPS; attempt++) {
                double value = evaluateAt(step);
                double newSlope = Vectors.dot(state.trialGradient, direction);
                if (!Double.isFinite(value)
                        || value > state.loss + C1 * step * slope
                        || (attempt > 0 && value >= previousLoss)) {
                    return zoom(previousStep, previousLoss, previousSlope, step, value, newSlope, slope);
                }
                if (Math.abs(newSlope) <= -C2 * slope) {
                    return true;
                }
                if (newSlope >= 0) {
                    return zoom(step, value, newSlope, previousStep, previousLoss, previousSlope, slope);
                }
                previousStep = step;
                previousLoss = value;
                previousSlope = newSlope;
                step *= 2;
            }
            return false;
        }

        /**
         * Narrows the bracket between {@code low} (the best step so far, satisfying the
         * sufficient decrease) and {@code high} until a step satisfies both Wolfe conditions.
         */
        private boolean zoom(
                double low,
                double lowLoss,
                double lowSlope,
                double high,
                double highLoss,
                double highSlope,
                double slope) {
            for (int attempt = 0; attempt < MAX_LINE_SEARCH_STEPS; attempt++) {
                double step = interpolate(low, lowLoss, lowSlope, high, highLoss, highSlope);
                double value = evaluateAt(step);
                double newSlope = Vectors.dot(state.trialGradient, direction);
                if (!Double.isFinite(value) || value > state.loss + C1 * step * slope || value >= lowLoss) {
                    high = step;
                    highLoss = value;
                    highSlope = newSlope;
                } else {
                    if (Math.abs(newSlope) <= -C2 * slope) {
                        return true;
                    }
                    if (newSlope * (high - low) >= 0) {
                        high = low;
                        highLoss = lowLoss;
                        highSlope = lowSlope;
                    }
                    low = step;
                    lowLoss = value;
                    lowSlope = newSlope;
                }
                if (Math.abs(high - low) <= 1e-16 * Math.max(1, Math.abs(low))) {
                    break;
                }
            }
            // No Wolfe point at machine precision: accept the best decrease found, if any.
            if (low > 0 && lowLoss < state.loss) {
                evaluateAt(low);
                return true;
            }
            return false;
        }

        /**
         * The minimiser of the cubic through both ends' values and slopes, kept inside the
         * middle 80% of the bracket (bisection when the cubic is unusable).
         */
        private static double interpolate(double a, double fa, double ga, double b, double fb, double gb) {
            double lower = Math.min(a, b);
            double upper = Math.max(a, b);
            double width = upper - lower;
            double candidate = Double.NaN;
            if (Double.isFinite(fa) && Double.isFinite(fb) && Double.isFinite(ga) && Double.isFinite(gb)) {
                double d1 = ga + gb - 3 * (fa - fb) / (a - b);
                double discriminant = d1 * d1 - ga * gb;
                if (discriminant >= 0) {
                    double d2 = Math.signum(b - a) * Math.sqrt(discriminant);
                    candidate = b - (b - a) * (gb + d2 - d1) / (gb - ga + 2 * d2);
                }
            }
            if (!(candidate >= lower + 0.1 * width && candidate <= upper - 0.1 * width)) {
                candidate = lower + 0.5 * width;
            }
            return candidate;
        }

        private double evaluateAt(double step) {
            for (int j = 0; j < p; j++) {
                state.trial[j] = state.coefficients[j] + step * direction[j];
            }
            state.trialLoss = objective.evaluate(state.trial, state.trialGradient, null);
            return state.trialLoss;
        }

        private static void axpy(double factor, double[] x, double[] y) {
            for (int j = 0; j < y.length; j++) {
                y[j] += factor * x[j];
            }
        }
    }
}
