package dev.logreg.math;

import org.ejml.data.DMatrix;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Solves {@code (H + lambda I) x = r} for a symmetric p x p {@code H} by Cholesky, with
 * {@code lambda = 0} when {@code H} is numerically positive definite and otherwise the smallest of
 * {@code 1e-10 s, 1e-9 s, ...} ({@code s = max(1, max_j H_jj)}) that makes the factorisation
 * succeed. Work matrices are allocated once; one instance per fit, not thread-safe.
 */
final class DampedCholesky {

    private static final double FIRST_DAMPING = 1e-10;
    private static final double DAMPING_GROWTH = 10;
    private static final int MAX_DAMPING_STEPS = 25;

    private final int size;
    private final LinearSolverDense<DMatrixRMaj> cholesky;
    private final DMatrixRMaj work;
    private final DMatrixRMaj rightHandSide;
    private final DMatrixRMaj solution;

    DampedCholesky(int size) {
        this.size = size;
        this.cholesky = LinearSolverFactory_DDRM.chol(size);
        this.work = new DMatrixRMaj(size, size);
        this.rightHandSide = new DMatrixRMaj(size, 1);
        this.solution = new DMatrixRMaj(size, 1);
    }

    /**
     * Factorises {@code H + lambda I} with the smallest workable damping and returns
     * {@code lambda}, or {@code NaN} when even the largest damping fails (non-finite entries).
     * {@code hessian} is not modified.
     */
    double factor(DMatrixRMaj hessian) {
        double scale = 1.0;
        for (int j = 0; j < size; j++) {
            scale = Math.max(scale, Math.abs(hessian.get(j, j)));
        }
        double damping = 0;
        for (int attempt = 0; attempt <= MAX_DAMPING_STEPS; attempt++) {
            work.setTo(hessian);
            for (int j = 0; j < size; j++) {
                work.add(j, j, damping);
            }
            if (cholesky.setA(work) && isFinite(cholesky.quality())) {
                return damping;
            }
            damping = attempt == 0 ? FIRST_DAMPING * scale : damping * DAMPING_GROWTH;
        }
        return Double.NaN;
    }

    /**
     * Writes {@code x = -(H + lambda I)^-1 g} into {@code step} using the last {@link #factor}.
     * Only {@code step} is modified.
     */
    void solveNegated(double[] gradient, double[] step) {
        for (int j = 0; j < size; j++) {
            rightHandSide.data[j] = -gradient[j];
        }
        cholesky.solve(rightHandSide, solution);
        System.arraycopy(solution.data, 0, step, 0, size);
    }

    /** Writes {@code (H + lambda I)^-1} of the last {@link #factor} into {@code inverse}. */
    void invert(DMatrixRMaj inverse) {
        inverse.reshape(size, size);
        cholesky.invert(inverse);
    }

    /**
     * {@code log det(H + lambda I)} of the last {@link #factor}: twice the sum of the logarithms
     * of the Cholesky factor's diagonal, finite where the determinant itself would overflow.
     */
    double logDeterminant() {
        // The dense and (for large p) the block Cholesky solvers both expose their triangle.
        CholeskyDecomposition_F64<?> decomposition = (CholeskyDecomposition_F64<?>) cholesky.getDecomposition();
        DMatrix factor = (DMatrix) decomposition.getT(null);
        double sum = 0;
        for (int j = 0; j < size; j++) {
            sum += Math.log(factor.get(j, j));
        }
        return 2 * sum;
    }

    private static boolean isFinite(double value) {
        return !Double.isNaN(value) && !Double.isInfinite(value);
    }
}
