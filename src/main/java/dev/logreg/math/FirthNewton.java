package dev.logreg.math;

import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Firth's bias-reduced fit: minimises the penalised loss
 *
 * <pre>
 *   F(b)       = L(b) - log det I(b) / (2 sum w),        I(b) = X^T W X = (sum w) Hess L(b)
 *   grad F(b)  = grad L(b) - a(b) / sum w,               a(b) = sum_i h_i (1/2 - mu_i) xhat_i
 * </pre>
 *
 * ({@code -sum w} times {@code F} is the log-likelihood penalised by {@code 0.5 log det I(b)},
 * {@code -grad F} the modified score {@code X^T (w (y - mu) + h (1/2 - mu))} over {@code sum w},
 * {@code h_i} the hat values, see {@link LeverageSums}) by Newton's method with the Fisher
 * information for the Hessian of the penalty-free loss: each step solves
 * {@code Hess L(b) step = -grad F(b)} (Fisher scoring on the modified score) and halves it until Armijo's
 * condition on {@code F} holds.
 * The stopping rules are {@link NewtonSolver}'s, on {@code grad F} (read in units of a feature's
 * scale when it is below 1). Each evaluation is two
 * passes over the rows: the loss's sums with the Hessian, then the hat values. The loss must be
 * unpenalised ({@code l2 = 0}).
 */
final class FirthNewton {

    private static final double ARMIJO_FRACTION = 1e-4;
    private static final int MAX_HALVINGS = 60;
    /**
     * The relative rounding error of F, with a safety factor: far above the loss's own (1e-15),
     * since {@code log det I(b)} comes from Cholesky pivots that lose digits to the condition
     * number of I(b) (features in grams next to an intercept: F's last iterates scatter by 1e-13).
     */
    private static final double PENALISED_LOSS_ROUNDING = 1e-11;

    private final LogisticLoss loss;
    private final LeverageSums leverage;
    private final double totalWeight;
    private final int p;
    private final DMatrixRMaj hessian;
    private final DMatrixRMaj information;
    private final DMatrixRMaj inverseInformation;
    private final DampedCholesky cholesky;
    private final double[] adjustment;
    private double largestDamping;
    /** {@code |L(b)| + |log det I(b)| / (2 sum w)} at the last {@link #penalisedLoss}. */
    private double magnitude;

    FirthNewton(LogisticLoss loss, LeverageSums leverage, double totalWeight) {
        if (loss.l2() != 0) {
            throw new IllegalArgumentException("Firth's fit takes no l2 penalty");
        }
        this.loss = loss;
        this.leverage = leverage;
        this.totalWeight = totalWeight;
        this.p = loss.dimension();
        this.hessian = new DMatrixRMaj(p, p);
        this.information = new DMatrixRMaj(p, p);
        this.inverseInformation = new DMatrixRMaj(p, p);
        this.cholesky = new DampedCholesky(p);
        this.adjustment = new double[p];
    }

    /** Minimises F from {@code start} (not modified); the result's loss and gradient are F's. */
    FitResult minimize(double[] start, SolverOptions options) {
        if (start.length != p) {
            throw new IllegalArgumentException("expected " + p + " starting values");
        }
        long startNanos = System.nanoTime();
        double[] coefficients = start.clone();
        double[] gradient = new double[p];
        double[] step = new double[p];
        double[] trial = new double[p];
        double[] trialGradient = new double[p];
        double value = penalisedLoss(coefficients, gradient);
        if (!Double.isFinite(value)) {
            throw new ArithmeticException("the penalised loss is not finite at the starting point");
        }
        // Hess L at the starting point, b = 0: the scales of NewtonSolver's stopping rule.
        StoppingRule stopping = new StoppingRule(options, StoppingRule.scalesFromHessianAtZero(hessian), startNanos);
        GrowableDoubleArray history = new GrowableDoubleArray(16);
        history.add(value);
        int iterations = 0;
        StopReason reason;
        while (true) {
            double gradientNorm = Vectors.maxAbs(gradient);
            reason = stopping.check(gradient, iterations);
            if (reason != null) {
                break;
            }
            // step = -Hess L(b)^-1 grad F(b) = -(sum w) I(b)^-1 grad F(b), with the inverse that
            // penalisedLoss left at the current coefficients.
            double[] inverse = inverseInformation.data;
            for (int j = 0; j < p; j++) {
                double sum = 0;
                for (int k = 0; k < p; k++) {
                    sum += inverse[j * p + k] * gradient[k];
                }
                step[j] = -totalWeight * sum;
            }
            double slope = Vectors.dot(gradient, step);
            if (!(slope < 0) || !Double.isFinite(slope)) {
                for (int j = 0; j < p; j++) {
                    step[j] = -gradient[j];
                }
                slope = -Vectors.dot(gradient, gradient);
            }
            // F is a difference of L and the penalty, so its rounding error is relative to their sizes.
            double rounding = PENALISED_LOSS_ROUNDING * magnitude;
            boolean belowRounding = -0.5 * slope <= rounding;
            double stepSize = 1;
            double trialValue = Double.NaN;
            boolean accepted = false;
            for (int halving = 0; halving < MAX_HALVINGS && !accepted; halving++) {
                for (int j = 0; j < p; j++) {
                    trial[j] = coefficients[j] + stepSize * step[j];
                }
                trialValue = penalisedLoss(trial, trialGradient);
                if (belowRounding) {
                    // The decrease cannot be seen in F: take the full step only if it brings the
                    // gradient down, as Fisher scoring does near the minimum.
                    accepted = trialValue <= value + rounding && Vectors.maxAbs(trialGradient) < gradientNorm;
                    break;
                }
                accepted = trialValue <= value + ARMIJO_FRACTION * stepSize * slope;
                if (!accepted) {
                    stepSize *= 0.5;
                }
            }
            if (accepted && Arrays.equals(trial, coefficients)) {
                accepted = false; // halved below the coefficients' resolution: no progress is possible
            }
            if (!accepted) {
                reason = belowRounding ? StopReason.MACHINE_PRECISION : StopReason.NO_FURTHER_DECREASE;
                // Leave the loss's sums (and the factor) at the coefficients returned.
                penalisedLoss(coefficients, gradient);
                break;
            }
            double[] swap = coefficients;
            coefficients = trial;
            trial = swap;
            swap = gradient;
            gradient = trialGradient;
            trialGradient = swap;
            value = trialValue;
            iterations++;
            history.add(value);
        }
        List<FitWarning> warnings = largestDamping > 0
                ? List.of(new FitWarning(
                        FitWarning.HESSIAN_DAMPED,
                        String.format(
                                "The information matrix was not numerically positive definite; Firth's"
                                        + " steps added %.3g times the identity to it. Look for collinear or constant"
                                        + " features.",
                                largestDamping)))
                : List.of();
        boolean converged = reason == StopReason.GRADIENT_TOLERANCE || reason == StopReason.MACHINE_PRECISION;
        return new FitResult(
                NewtonSolver.NAME,
                coefficients,
                value,
                Vectors.maxAbs(gradient),
                iterations,
                history.toArray(),
                converged,
                reason,
                warnings);
    }

    /**
     * Returns {@code F(b)} and writes {@code grad F(b)} into {@code gradient}; leaves
     * {@link #inverseInformation} at {@code I(b)^-1}. Modifies only {@code gradient} and this object's work
     * matrices; NaN when the information matrix cannot be factored.
     */
    private double penalisedLoss(double[] b, double[] gradient) {
        double value = loss.evaluate(b, gradient, hessian);
        information.setTo(hessian);
        for (int k = 0; k < information.data.length; k++) {
            information.data[k] *= totalWeight;
        }
        double damping = cholesky.factor(information);
        if (Double.isNaN(damping) || !Double.isFinite(value)) {
            return Double.NaN;
        }
        largestDamping = Math.max(largestDamping, damping);
        double logDeterminant = cholesky.logDeterminant();
        magnitude = Math.abs(value) + 0.5 * Math.abs(logDeterminant) / totalWeight;
        cholesky.invert(inverseInformation);
        leverage.firthAdjustment(b, inverseInformation, adjustment);
        for (int j = 0; j < p; j++) {
            gradient[j] -= adjustment[j] / totalWeight;
        }
        return value - 0.5 * logDeterminant / totalWeight;
    }
}
