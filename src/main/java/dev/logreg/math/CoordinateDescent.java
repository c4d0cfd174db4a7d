package dev.logreg.math;

/**
 * Minimises glmnet's penalised weighted least-squares quadratic by cyclic coordinate descent:
 *
 * <pre>
 *   Q(b) = 1/2 sum_i v_i (z_i - b_0 - x_i^T b)^2 + sum_j vp_j (l2 / 2 * b_j^2 + l1 * |b_j|)
 * </pre>
 *
 * over the features of a given strong set (the rest stay at 0), with the IRLS weights {@code v}
 * and working responses {@code z} held in residual form {@code r_i = v_i (z_i - eta_i)}. One
 * coordinate's minimiser is the soft-thresholded {@code S(x_j . r + xv_j b_j, vp_j l1) / (xv_j +
 * vp_j l2)} with {@code xv_j = sum_i v_i x_ij^2}; the residuals follow each move. As glmnet's
 * {@code lognet2n}: a pass over the strong set, then passes over the active set (features ever
 * moved off 0) until they settle, then a pass over the strong set again, until a whole pass moves no
 * coefficient by more than the threshold ({@code xv_j delta_j^2}, the intercept's {@code sum v
 * delta_0^2}). Unlike glmnet, when the active-set passes drag on, an exact solve on the current
 * signs ({@link SignedQuadraticSolve}) takes over, which glmnet's creeping passes approach.
 *
 * <p>Modifies the coefficients, residuals and active set it is given; allocates nothing.
 */
final class CoordinateDescent {

    /**
     * Passes over the active set before an exact solve on the signs ({@link SignedQuadraticSolve}),
     * plus one per 8 active features (the solve's cost in passes).
     */
    private static final int SOLVE_AFTER_PASSES = 8;

    private final double[] columns;
    private final int numRows;
    private final int numFeatures;
    private final boolean fitIntercept;

    /** The active set: features ever moved off 0, in the order they moved. */
    final int[] active;

    final boolean[] isActive;
    int numActive;

    private final SignedQuadraticSolve signedSolve;
    private final int[] free;

    CoordinateDescent(ElasticNetDesign design) {
        this.signedSolve = new SignedQuadraticSolve(design);
        this.free = new int[design.numFeatures];
        this.columns = design.columns;
        this.numRows = design.numRows;
        this.numFeatures = design.numFeatures;
        this.fitIntercept = design.fitIntercept;
        this.active = new int[numFeatures];
        this.isActive = new boolean[numFeatures];
    }

    /**
     * Minimises {@code Q} from {@code coefficients} (intercept at 0, feature j at {@code j + 1}).
     *
     * @param v the IRLS weights, not modified
     * @param vSum {@code sum_i v_i}
     * @param residuals {@code v (z - eta)} at {@code coefficients}; updated with them
     * @param xv {@code sum_i v_i x_ij^2} for the strong features, not modified
     * @param strong the features that may move, not modified
     * @param penaltyFactors {@code vp_j}, not modified
     * @param l1 the lasso part {@code lambda alpha}
     * @param l2 the ridge part {@code lambda (1 - alpha)}
     * @param threshold the largest move a converged pass may make
     * @param passBudget the most passes to make
     * @return the passes made; more than {@code passBudget} when it ran out before convergence
     */
    long minimize(
            double[] coefficients,
            double[] v,
            double vSum,
            double[] residuals,
            double[] xv,
            boolean[] strong,
            double[] penaltyFactors,
            double l1,
            double l2,
            double threshold,
            long passBudget) {
        long passes = 0;
        while (true) {
            passes++;
            double largest = 0;
            for (int k = 0; k < numFeatures; k++) {
                if (strong[k]) {
                    largest =
                            Math.max(largest, update(k, coefficients, v, residuals, xv, penaltyFactors, l1, l2, true));
                }
            }
            largest = Math.max(largest, updateIntercept(coefficients, v, vSum, residuals));
            if (largest < threshold) {
                return passes;
            }
            int sinceSolve = 0;
            while (true) {
                if (passes > passBudget) {
                    return passes;
                }
                if (++sinceSolve > SOLVE_AFTER_PASSES + numActive / 8) {
                    sinceSolve = 0;
                    solveOnSigns(coefficients, v, vSum, residuals, penaltyFactors, l1, l2);
                }
                passes++;
                largest = 0;
                for (int l = 0; l < numActive; l++) {
                    int k = active[l];
                    largest =
                            Math.max(largest, update(k, coefficients, v, residuals, xv, penaltyFactors, l1, l2, false));
                }
                largest = Math.max(largest, updateIntercept(coefficients, v, vSum, residuals));
                if (largest < threshold) {
                    break;
                }
            }
            if (passes > passBudget) {
                return passes;
            }
        }
    }

    /** Lands on the minimiser over the nonzero coefficients when their signs are right. */
    private void solveOnSigns(
            double[] coefficients,
            double[] v,
            double vSum,
            double[] residuals,
            double[] penaltyFactors,
            double l1,
            double l2) {
        int numFree = 0;
        for (int l = 0; l < numActive; l++) {
            if (coefficients[active[l] + 1] != 0) {
                free[numFree++] = active[l];
            }
        }
        signedSolve.step(free, numFree, coefficients, v, vSum, residuals, penaltyFactors, l1, l2);
    }

    /** Moves feature k to its coordinate minimiser; returns {@code xv_k delta^2}. */
    private double update(
            int k,
            double[] coefficients,
            double[] v,
            double[] residuals,
            double[] xv,
            double[] penaltyFactors,
            double l1,
            double l2,
            boolean mayActivate) {
        int offset = k * numRows;
        double old = coefficients[k + 1];
        double gradient = columnDot(columns, offset, residuals, numRows);
        double u = gradient + xv[k] * old;
        double shrunk = Math.abs(u) - penaltyFactors[k] * l1;
        double updated = shrunk <= 0 ? 0 : Math.copySign(shrunk, u) / (xv[k] + penaltyFactors[k] * l2);
        if (updated == old) {
            return 0;
        }
        coefficients[k + 1] = updated;
        double delta = updated - old;
        for (int i = 0; i < numRows; i++) {
            residuals[i] -= delta * v[i] * columns[offset + i];
        }
        if (mayActivate && !isActive[k]) {
            isActive[k] = true;
            active[numActive++] = k;
        }
        return xv[k] * delta * delta;
    }

    /**
     * {@code sum_i x[offset + i] r_i} over {@code n} rows, in four partial sums: the JIT does not
     * vectorise a single floating-point sum (its order is fixed), and four independent sums run in
     * parallel in the pipeline.
     */
    static double columnDot(double[] x, int offset, double[] r, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += x[offset + i] * r[i];
            s1 += x[offset + i + 1] * r[i + 1];
            s2 += x[offset + i + 2] * r[i + 2];
            s3 += x[offset + i + 3] * r[i + 3];
        }
        for (; i < n; i++) {
            s0 += x[offset + i] * r[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code sum_i v_i x[offset + i]^2} over {@code n} rows, in four partial sums as {@link #columnDot}. */
    static double weightedSquares(double[] x, int offset, double[] v, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += v[i] * x[offset + i] * x[offset + i];
            s1 += v[i + 1] * x[offset + i + 1] * x[offset + i + 1];
            s2 += v[i + 2] * x[offset + i + 2] * x[offset + i + 2];
            s3 += v[i + 3] * x[offset + i + 3] * x[offset + i + 3];
        }
        for (; i < n; i++) {
            s0 += v[i] * x[offset + i] * x[offset + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private double updateIntercept(double[] coefficients, double[] v, double vSum, double[] residuals) {
        if (!fitIntercept) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < numRows; i++) {
            sum += residuals[i];
        }
        double delta = sum / vSum;
        if (delta == 0) {
            return 0;
        }
        coefficients[0] += delta;
        for (int i = 0; i < numRows; i++) {
            residuals[i] -= delta * v[i];
        }
        return vSum * delta * delta;
    }
}
