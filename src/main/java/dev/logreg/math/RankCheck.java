package dev.logreg.math;

import org.ejml.data.DMatrixRMaj;

/**
 * Finds aliased columns the way R's {@code glm} does, in column order: a column is aliased when
 * it is (numerically) a linear combination of the earlier, non-aliased ones.
 *
 * <p>Works on the weighted Gram matrix {@code G = X^T diag(w) X}, scaled to unit diagonal (so
 * feature scales do not matter), by a Cholesky factorisation that skips a column whose pivot,
 * {@code 1 - R^2} of that column on the kept ones, is below {@link #TOLERANCE}. R's
 * {@code glm.fit} applies {@code min(1e-7, epsilon / 1000)} (1e-11 by default) to the pivoted QR
 * factor of the weighted design, i.e. {@code 1e-22} to {@code 1 - R^2}; the Gram matrix cannot
 * resolve that (it squares rounding errors), so this uses {@code 1e-12}: exact collinearity is
 * caught either way, and a column that R would keep is aliased here only when its residual is
 * below 1e-6 of its norm, a design no fit can be trusted on.
 */
public final class RankCheck {

    static final double TOLERANCE = 1e-12;

    private RankCheck() {}

    /**
     * Which columns of the p x p Gram matrix {@code gram} are aliased. Reads only the lower
     * triangle; {@code gram} is not modified.
     */
    public static boolean[] aliasedColumns(DMatrixRMaj gram) {
        int p = gram.numRows;
        boolean[] aliased = new boolean[p];
        double[] factor = new double[p * p];
        double[] inverseScale = new double[p];
        for (int j = 0; j < p; j++) {
            double diagonal = gram.get(j, j);
            inverseScale[j] = diagonal > 0 ? 1.0 / Math.sqrt(diagonal) : 0.0;
        }
        for (int j = 0; j < p; j++) {
            if (inverseScale[j] == 0) {
                aliased[j] = true;
                continue;
            }
            for (int k = 0; k <= j; k++) {
                if (aliased[k]) {
                    continue;
                }
                double sum = gram.get(j, k) * inverseScale[j] * inverseScale[k];
                for (int m = 0; m < k; m++) {
                    if (!aliased[m]) {
                        sum -= factor[j * p + m] * factor[k * p + m];
                    }
                }
                if (k < j) {
                    factor[j * p + k] = sum / factor[k * p + k];
                } else if (sum > TOLERANCE) {
                    factor[j * p + j] = Math.sqrt(sum);
                } else {
                    aliased[j] = true;
                }
            }
        }
        return aliased;
    }
}
