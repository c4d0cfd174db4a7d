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
 * {@code h_i} the hat values, see {@link LeverageSums}) by {@link NewtonIteration} with the Fisher
 * information for the Hessian of the penalty-free loss: each step solves
 * {@code Hess L(b) step = -grad F(b)} (Fisher scoring on the modified score) and halves it until Armijo's
 * condition on {@code F} holds.
 * The stopping rules are {@link NewtonSolver}'s, on {@code grad F} (read in units of a feature's
 * scale when it is below 1). The steps that differ from Newton's: the objective {@code F}, the direction from
 * {@code I(b)^-1}, F's rounding error and the acceptance of a step below it, and a step halved below the
 * coefficients' resolution counted as no progress. Each evaluation is two
 * passes over the rows: the loss's sums with the Hessian, then the hat values. The loss must be
 * unpenalised ({@code l2 = 0}).
 */
final class FirthNewton extends NewtonIteration {

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
    /** {@code |L(b)| + |log det I(b)| / (2 sum w)} at the last {@link #evaluate}. */
    private double magnitude;

    FirthNewton(LogisticLoss loss, LeverageSums leverage, double totalWeight) {
        super(SolverProgress.NONE);
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

    @Override
    int dimension() {
        return p;
    }

    /**
     * Returns {@code F(b)} and writes {@code grad F(b)} into {@code gradient}; leaves
     * {@link #inverseInformation} at {@code I(b)^-1}. Modifies only {@code gradient} and this object's work
     * matrices; NaN when the information matrix cannot be factored.
     */
    @Override
    double evaluate(double[] b, double[] gradient) {
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

    /** Hess L at the starting point, b = 0: the scales of NewtonSolver's stopping rule. */
    @Override
    double[] coordinateScales() {
        return StoppingRule.scalesFromHessianAtZero(hessian);
    }

    /**
     * {@code step = -Hess L(b)^-1 grad F(b) = -(sum w) I(b)^-1 grad F(b)}, with the inverse that {@link #evaluate}
     * left at the current coefficients (the last point evaluated is always the current one here).
     */
    @Override
    double direction(double[] gradient, double[] step) {
        double[] inverse = inverseInformation.data;
        for (int j = 0; j < p; j++) {
            double sum = 0;
            for (int k = 0; k < p; k++) {
                sum += inverse[j * p + k] * gradient[k];
            }
            step[j] = -totalWeight * sum;
        }
        return Vectors.dot(gradient, step);
    }

    /** F is a difference of L and the penalty, so its rounding error is relative to their sizes. */
    @Override
    double roundingError(double value) {
        return PENALISED_LOSS_ROUNDING * magnitude;
    }

    /**
     * The decrease cannot be seen in F: take the full step only if it brings the gradient down, as Fisher scoring
     * does near the minimum.
     */
    @Override
    boolean acceptsUnseenDecrease(
            double trialValue, double value, double rounding, double trialGradientNorm, double gradientNorm) {
        return trialValue <= value + rounding && trialGradientNorm < gradientNorm;
    }

    /** Halved below the coefficients' resolution: no progress is possible. */
    @Override
    boolean isStandstill(double[] trial, double[] coefficients) {
        return Arrays.equals(trial, coefficients);
    }

    /** Leaves the loss's sums (and the factor) at the coefficients returned. */
    @Override
    void restore(double[] coefficients, double[] gradient) {
        evaluate(coefficients, gradient);
    }

    @Override
    List<FitWarning> warnings() {
        return dampingWarning("The information matrix", "Firth's steps", largestDamping);
    }

    @Override
    String objectiveName() {
        return "the penalised loss";
    }
}
