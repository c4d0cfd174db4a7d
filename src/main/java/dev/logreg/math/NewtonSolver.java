package dev.logreg.math;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Newton's method with Armijo backtracking: each iteration solves {@code H step = -g} by
 * Cholesky (damping {@code H} when it is not numerically positive definite) and halves the step
 * until {@code L(b + t step) <= L(b) + 1e-4 t g^T step}, so the loss never increases. Stops by
 * the {@link StoppingRule} (the gradient in its coordinates' units, the iteration budget, the time
 * limit), the scales read off the Hessian at the start; when the Newton decrement {@code -g^T step / 2} is below
 * the loss's rounding error (converged to machine precision); after {@code maxIterations}; at the time
 * limit; or when no step decreases the loss. The iteration is {@link NewtonIteration}'s; this class supplies its
 * Cholesky direction.
 */
public final class NewtonSolver implements Solver {

    public static final String NAME = "newton";

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
        return new CholeskySteps(objective, progress).minimize(start, options);
    }

    /**
     * The steps of one fit: the Hessian of each evaluated point goes into {@code trialHessian}, which
     * {@link #accept} swaps with {@code hessian}; {@code direction} solves {@code hessian step = -g}. Work matrices
     * are allocated once per fit.
     */
    private static final class CholeskySteps extends NewtonIteration {

        private final Objective objective;
        private final DampedCholesky cholesky;
        private DMatrixRMaj hessian;
        private DMatrixRMaj trialHessian;
        private double largestDamping;

        CholeskySteps(Objective objective, SolverProgress progress) {
            super(progress);
            int p = objective.dimension();
            this.objective = objective;
            this.cholesky = new DampedCholesky(p);
            this.hessian = new DMatrixRMaj(p, p);
            this.trialHessian = new DMatrixRMaj(p, p);
        }

        @Override
        int dimension() {
            return objective.dimension();
        }

        @Override
        double evaluate(double[] b, double[] gradient) {
            return objective.evaluate(b, gradient, trialHessian);
        }

        @Override
        void accept() {
            DMatrixRMaj swap = hessian;
            hessian = trialHessian;
            trialHessian = swap;
        }

        /** The start is b = 0 (LogisticRegression), where the Hessian's diagonal gives the scales. */
        @Override
        double[] coordinateScales() {
            return StoppingRule.scalesFromHessianAtZero(hessian);
        }

        @Override
        double direction(double[] gradient, double[] step) {
            double damping = cholesky.factor(hessian);
            if (Double.isNaN(damping)) {
                return Double.NaN;
            }
            largestDamping = Math.max(largestDamping, damping);
            cholesky.solveNegated(gradient, step);
            return Vectors.dot(gradient, step);
        }

        @Override
        double roundingError(double value) {
            return LOSS_ROUNDING * Math.abs(value);
        }

        @Override
        List<FitWarning> warnings() {
            return dampingWarning("The Hessian", "Newton steps", largestDamping);
        }
    }
}
