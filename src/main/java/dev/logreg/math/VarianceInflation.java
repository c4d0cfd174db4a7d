package dev.logreg.math;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Variance inflation per term, as {@code car::vif}: Fox and Monette's generalised VIF from the
 * correlation matrix R of the coefficients' covariance (intercept left out):
 *
 * <pre>
 *   GVIF_S = det(R_SS) det(R_-S,-S) / det(R),   adjusted = GVIF_S^(1 / (2 |S|))
 * </pre>
 *
 * for the term's columns S; for one column this is the classical VIF.
 *
 * @param term the term's label
 * @param gvif the generalised VIF
 * @param degreesOfFreedom |S|, the term's columns
 * @param gvifAdjusted {@code gvif^(1 / (2 df))}, comparable across terms of different sizes
 */
public record VarianceInflation(String term, double gvif, int degreesOfFreedom, double gvifAdjusted) {

    /**
     * One row per term, or null with fewer than two terms (car stops there). {@code terms} index the
     * columns of {@code covariance} (the fitted columns, the intercept column 0 when
     * {@code hasIntercept}, in no term). Nothing passed in is modified.
     *
     * @param covariance the model covariance of the coefficients, null when singular (then every
     *     value is NaN)
     */
    public static List<VarianceInflation> of(
            DMatrixRMaj covariance, boolean hasIntercept, List<String> labels, List<int[]> terms) {
        if (terms.size() < 2) {
            return null;
        }
        int first = hasIntercept ? 1 : 0;
        List<VarianceInflation> rows = new ArrayList<>();
        if (covariance == null) {
            for (int t = 0; t < terms.size(); t++) {
                rows.add(new VarianceInflation(labels.get(t), Double.NaN, terms.get(t).length, Double.NaN));
            }
            return rows;
        }
        int m = covariance.numRows - first;
        DMatrixRMaj correlation = new DMatrixRMaj(m, m);
        for (int a = 0; a < m; a++) {
            for (int c = 0; c < m; c++) {
                double scale = Math.sqrt(covariance.get(a + first, a + first) * covariance.get(c + first, c + first));
                correlation.set(a, c, covariance.get(a + first, c + first) / scale);
            }
        }
        double determinant = CommonOps_DDRM.det(correlation);
        for (int t = 0; t < terms.size(); t++) {
            boolean[] inTerm = new boolean[m];
            for (int column : terms.get(t)) {
                inTerm[column - first] = true;
            }
            double gvif = subDeterminant(correlation, inTerm, true)
                    * subDeterminant(correlation, inTerm, false)
                    / determinant;
            int df = terms.get(t).length;
            rows.add(new VarianceInflation(labels.get(t), gvif, df, Math.pow(gvif, 1.0 / (2 * df))));
        }
        return rows;
    }

    /** The determinant of the rows and columns with {@code chosen[k] == inside}; 1 when there are none. */
    private static double subDeterminant(DMatrixRMaj matrix, boolean[] chosen, boolean inside) {
        List<Integer> keep = new ArrayList<>();
        for (int k = 0; k < chosen.length; k++) {
            if (chosen[k] == inside) {
                keep.add(k);
            }
        }
        if (keep.isEmpty()) {
            return 1;
        }
        DMatrixRMaj sub = new DMatrixRMaj(keep.size(), keep.size());
        for (int a = 0; a < keep.size(); a++) {
            for (int c = 0; c < keep.size(); c++) {
                sub.set(a, c, matrix.get(keep.get(a), keep.get(c)));
            }
        }
        return CommonOps_DDRM.det(sub);
    }
}
