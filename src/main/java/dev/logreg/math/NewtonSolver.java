package dev.logreg.math;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Newton's method with Armijo backtracking: each iteration solves {@code H step = -g} by
 * Cholesky (damping {@code H} when it is not numerically positive definite) and halves the step
 * until {@code L(b + t step) <= L(b) + 1e-4 t g^T step}, so the loss never increases. Stops by
 * the {@link StoppingRule} (the gradient in its coordinates' units, the iteration budget, the time
 * limit), the scales read off the Hessian at the start; when the Newton decrement {@code -g^T step / 2} is below
 * the loss's
 * rounding error (converged to machine precision); after {@code maxIterations}; at the time
 * limit; or when no step decreases the loss.
 */
public final class NewtonSolver implements Solver {

    public static final String NAME = "newton";

    private static final double ARMIJO_FRACTION = 1e-4;
    private static final int MAX_HALVINGS = 60;
    /** Relative rounding error of the (compensated) loss sum, with a safety factor. */
    private static final double LOSS_ROUNDING = 1e-15;

    private final SolverProgress progress;

    public NewtonSolver() {
        this(SolverProgress.NONE);
    }

    /** A solver that reports the starting point and each accepted step to {@code progress}. */
    public NewtonSolver(SolverProgress progress) {
        this.progress = progress;
    }

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
        long startNanos = System.nanoTime();
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
        // The start is b = 0 (LogisticRegression), where the Hessian's diagonal gives the scales.
        StoppingRule stopping = new StoppingRule(options, StoppingRule.scalesFromHessianAtZero(hessian), startNanos);
        GrowableDoubleArray history = new GrowableDoubleArray(16);
        history.add(loss);
        int iterations = 0;
        StopReason reason;
        while (true) {
            double gradientNorm = Vectors.maxAbs(gradient);
            progress.iterationDone(iterations, loss, gradientNorm);
            reason = stopping.check(gradient, iterations);
            if (reason != null) {
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
            warnings.add(new FitWarning(
                    FitWarning.HESSIAN_DAMPED,
                    String.format(
                            "The Hessian was not numerically positive definite; Newton steps added %.3g times"
                                    + " the identity to it. Look for collinear or constant features.",
                            largestDamping)));
        }
        double gradientNorm = Vectors.maxAbs(gradient);
        boolean converged = reason == StopReason.GRADIENT_TOLERANCE || reason == StopReason.MACHINE_PRECISION;
        return new FitResult(
                NAME, coefficients, loss, gradientNorm, iterations, history.toArray(), converged, reason, warnings);
    }
}
