package dev.logreg.math;

import org.ejml.data.DMatrixRMaj;

/**
 * When an iterative solver stops, before each iteration: when the gradient is small, after
 * {@code maxIterations}, or past the time limit. One instance belongs to one fit.
 *
 * <p>The gradient is small when {@code max_j |g_j| / u_j <= tolerance} with {@code u_j = min(1, s_j)}
 * and {@code s_j} the scale of coordinate j, the root mean square of its column (with the ridge
 * term: {@code s_j^2 = sum w x_j^2 / sum w + 4 l2}, that is {@code 4 H_jj} at {@code b = 0}). For
 * coordinates of scale 1 or more this is {@code max|g| <= tolerance}; a smaller one has its
 * gradient read as if its feature had been standardised. Otherwise a feature measured in units of
 * 1e-9 has a gradient under 1e-8 at {@code b = 0}, and a fit would stop there, "converged".
 */
final class StoppingRule {

    private final double tolerance;
    private final int maxIterations;
    private final long deadlineNanos;
    private final double[] units;

    /**
     * @param scales {@code s_j} per coordinate, or null when unknown (every unit is then 1); not
     *     modified
     */
    StoppingRule(SolverOptions options, double[] scales, long startNanos) {
        this.tolerance = options.tolerance();
        this.maxIterations = options.maxIterations();
        this.deadlineNanos = options.deadlineNanos(startNanos);
        this.units = scales == null ? null : new double[scales.length];
        if (scales != null) {
            for (int j = 0; j < scales.length; j++) {
                units[j] = scales[j] > 0 && scales[j] < 1 ? scales[j] : 1;
            }
        }
    }

    /**
     * {@code s_j = sqrt(4 H_jj)} from the Hessian of the logistic loss at {@code b = 0}, where the
     * curvature of every row is 1/4. Reads only the diagonal.
     */
    static double[] scalesFromHessianAtZero(DMatrixRMaj hessian) {
        double[] scales = new double[hessian.numRows];
        for (int j = 0; j < scales.length; j++) {
            scales[j] = Math.sqrt(4 * hessian.get(j, j));
        }
        return scales;
    }

    /** {@code max_j |g_j| / u_j <= tolerance}; {@code gradient} is not modified. */
    boolean gradientIsSmall(double[] gradient) {
        double largest = 0;
        for (int j = 0; j < gradient.length; j++) {
            largest = Math.max(largest, Math.abs(gradient[j]) / (units == null ? 1 : units[j]));
        }
        return largest <= tolerance;
    }

    /** Why to stop before iteration {@code iterations + 1}, or null to go on. */
    StopReason check(double[] gradient, int iterations) {
        if (gradientIsSmall(gradient)) {
            return StopReason.GRADIENT_TOLERANCE;
        }
        if (iterations >= maxIterations) {
            return StopReason.MAX_ITERATIONS;
        }
        if (pastDeadline()) {
            return StopReason.TIME_LIMIT;
        }
        return null;
    }

    boolean pastDeadline() {
        return System.nanoTime() > deadlineNanos;
    }
}
