package dev.logreg.math;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Newton's method with Armijo backtracking: each iteration solves {@code H step = -g} by
 * Cholesky (damping {@code H} when it is not numerically positive definite) and halves the step
 * until {@code L(b + t step) <= L(b) + 1e-4 t g^T step}, so the loss never increases. Stops when
 * {@code max_j |g_j| / min(1, s_j) <= tolerance}, where {@code s_j = sqrt(4 H_jj)} at the start
 * (at {@code b = 0}, the root mean square of column j): {@code max|g| <= tolerance} for features of
 * scale 1 or more, and for a smaller feature its gradient in units of its own scale, as if it had
 * been standardised (a feature of scale 1e-12 has a gradient below 1e-8 long before its
 * coefficient is right); when the Newton decrement {@code -g^T step / 2} is below the loss's
 * rounding error (converged to machine precision); after {@code maxIterations}; at the time
 * limit; or when no step decreases the loss.
 */
public final class NewtonSolver implements Solver {

    public static final String NAME = "newton";

    private static final double ARMIJO_FRACTION = 1e-4;
    private static final int MAX_HALVINGS = 60;
    /** Relative rounding error of the (compensated) loss sum, with a safety factor. */
    private static final double LOSS_ROUNDING = 1e-15;

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
        long deadline = options.deadlineNanos(System.nanoTime());
        double[] coefficients = start.clone();
        double[] gradient = new double[p];
        double[] step = new double[p];
        double[] trial = new double[p];
        double[] trialGradient = new double[p];
        DMatrixRMaj hessian = new DMatrixRMaj(p, p);
        DMatrixRMaj trialHessian = new DMatrixRMaj(p, p);
        DampedCholesky cholesky = new DampedCholesky(p);
        List<FitWarning> warnings = new ArrayList<>();
        double largestDamping = 0;

        double loss = objective.evaluate(coefficients, gradient, hessian);
        if (!Double.isFinite(loss)) {
            throw new ArithmeticException("the loss is not finite at the starting point");
        }
        double[] gradientUnits = gradientUnits(hessian);
        GrowableDoubleArray history = new GrowableDoubleArray(16);
        history.add(loss);
        int iterations = 0;
        StopReason reason;
        while (true) {
            double gradientNorm = Vectors.maxAbs(gradient);
            if (scaledMaxAbs(gradient, gradientUnits) <= options.tolerance()) {
                reason = StopReason.GRADIENT_TOLERANCE;
                break;
            }
            if (iterations >= options.maxIterations()) {
                reason = StopReason.MAX_ITERATIONS;
                break;
            }
            if (System.nanoTime() > deadline) {
                reason = StopReason.TIME_LIMIT;
                break;
            }
            double damping = cholesky.factor(hessian);
            double slope = Double.NaN;
            if (!Double.isNaN(damping)) {
                largestDamping = Math.max(largestDamping, damping);
                cholesky.solveNegated(gradient, step);
                slope = Vectors.dot(gradient, step);
            }
            if (!(slope < 0) || !Double.isFinite(slope)) {
                // Rounding can spoil a nearly singular system: fall back to steepest descent.
                for (int j = 0; j < p; j++) {
                    step[j] = -gradient[j];
                }
                slope = -Vectors.dot(gradient, gradient);
            }
            boolean belowRounding = -0.5 * slope <= LOSS_ROUNDING * Math.abs(loss);
            double stepSize = 1;
            double trialLoss = Double.NaN;
            boolean accepted = false;
            for (int halving = 0; halving < MAX_HALVINGS && !accepted; halving++) {
                for (int j = 0; j < p; j++) {
                    trial[j] = coefficients[j] + stepSize * step[j];
                }
                trialLoss = objective.evaluate(trial, trialGradient, trialHessian);
                if (belowRounding) {
                    // The decrease cannot be seen in the loss: take the full step only if it is the
                    // quadratic progress Newton makes near a minimum, not a walk in rounding noise.
                    accepted = trialLoss <= loss && Vectors.maxAbs(trialGradient) <= 0.5 * gradientNorm;
                    break;
                }
                accepted = trialLoss <= loss + ARMIJO_FRACTION * stepSize * slope;
                if (!accepted) {
                    stepSize *= 0.5;
                }
            }
            if (!accepted && belowRounding) {
                reason = StopReason.MACHINE_PRECISION;
                break;
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
            DMatrixRMaj swapMatrix = hessian;
            hessian = trialHessian;
            trialHessian = swapMatrix;
            loss = trialLoss;
            iterations++;
            history.add(loss);
        }
        if (largestDamping > 0) {
            warnings.add(new FitWarning(FitWarning.HESSIAN_DAMPED, String.format(
                    "The Hessian was not numerically positive definite; Newton steps added %.3g times"
                            + " the identity to it. Look for collinear or constant features.",
                    largestDamping)));
        }
        double gradientNorm = Vectors.maxAbs(gradient);
        boolean converged = reason == StopReason.GRADIENT_TOLERANCE || reason == StopReason.MACHINE_PRECISION;
        return new FitResult(NAME, coefficients, loss, gradientNorm, iterations, history.toArray(),
                converged, reason, warnings);
    }

    /**
     * {@code min(1, sqrt(4 H_jj))} for each coordinate: the unit in which the stopping test reads
     * {@code g_j}. A coordinate without curvature keeps unit 1.
     */
    static double[] gradientUnits(DMatrixRMaj hessian) {
        int p = hessian.numRows;
        double[] units = new double[p];
        for (int j = 0; j < p; j++) {
            double scale = Math.sqrt(4 * hessian.get(j, j));
            units[j] = scale > 0 && scale < 1 ? scale : 1;
        }
        return units;
    }

    /** {@code max_j |g_j| / units_j}. */
    static double scaledMaxAbs(double[] gradient, double[] units) {
        double max = 0;
        for (int j = 0; j < gradient.length; j++) {
            max = Math.max(max, Math.abs(gradient[j]) / units[j]);
        }
        return max;
    }
}
