package dev.logreg.math;

import dev.logreg.math.kernel.RowBlockSums;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * The penalised weighted average cross-entropy of logistic regression:
 *
 * <pre>
 *   L(b)      = (1 / sum w) sum_i w_i (softplus(u_i) - y_i u_i) + (l2 / 2) ||b_1..d||^2
 *   grad L(b) = (1 / sum w) sum_i w_i (sigma(u_i) - y_i) xhat_i + l2 [0, b_1..d]
 *   Hess L(b) = (1 / sum w) X^T W X + l2 diag(0, 1, .., 1),   W = diag(w_i sigma(u_i)(1 - sigma(u_i)))
 * </pre>
 *
 * with {@code u_i = xhat_i^T b}. The intercept, when there is one, is never penalised. The row
 * sums come from a {@link RowSums}, so this class is the one place the scaling and the penalty are
 * written. Mini-batch gradients (for SGD) need the rows in memory: a {@link LocalRowSums}. Not
 * thread-safe: one instance per fit.
 */
public final class LogisticLoss implements StochasticObjective {

    private final RowSums rowSums;
    private final double l2;
    private final boolean hasIntercept;
    private final RowBlockSums sums;
    private final RowBlockSums batchSums;
    /**
     * The coefficients {@link #sums} were last computed at, and what they hold ({@code null}
     * before the first evaluation): the statistics and the separation check ask again for the
     * Hessian Newton's last step already computed, an O(N p^2) pass saved each time.
     */
    private final double[] sumsAt;

    private RowBlockSums.Content sumsContent;

    /**
     * @param rowSums the sums over the rows
     * @param l2 the ridge penalty, {@code >= 0}
     * @param hasIntercept whether coefficient 0 is an unpenalised intercept
     */
    public LogisticLoss(RowSums rowSums, double l2, boolean hasIntercept) {
        if (!(l2 >= 0 && l2 < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("l2 must be finite and >= 0");
        }
        this.rowSums = rowSums;
        this.l2 = l2;
        this.hasIntercept = hasIntercept;
        this.sums = new RowBlockSums(rowSums.numColumns());
        this.batchSums = new RowBlockSums(rowSums.numColumns());
        this.sumsAt = new double[rowSums.numColumns()];
    }

    @Override
    public int dimension() {
        return rowSums.numColumns();
    }

    public double l2() {
        return l2;
    }

    public boolean hasIntercept() {
        return hasIntercept;
    }

    @Override
    public int numSamples() {
        return localRows().numSamples();
    }

    /**
     * The mean gradient of the data term over a mini-batch, from the same {@link RowBlockSums}
     * kernel as the full sums ({@link LocalRowSums#addRows(RowBlockSums, Dataset, int[], int, int,
     * double[], RowBlockSums.Content)}); the penalty is left out, see {@link #ridgeWeight}. Needs the rows in
     * memory: the row sums must be a {@link LocalRowSums}.
     *
     * @throws UnsupportedOperationException when the rows are not in memory
     */
    @Override
    public double batchGradient(double[] b, int[] rowOrder, int from, int to, double[] gradient) {
        Dataset data = localRows();
        batchSums.clear();
        LocalRowSums.addRows(batchSums, data, rowOrder, from, to, b, RowBlockSums.Content.LOSS_AND_GRADIENT);
        double batchWeight = 0;
        double[] weights = data.weights();
        for (int k = from; k < to; k++) {
            batchWeight += weights[rowOrder[k]];
        }
        double scale = batchWeight > 0 ? 1.0 / batchWeight : 0.0;
        double[] gradientSums = batchSums.gradient();
        for (int j = 0; j < gradient.length; j++) {
            gradient[j] = scale * gradientSums[j];
        }
        return batchWeight;
    }

    /** {@code l2}, or 0 for the intercept. */
    @Override
    public double ridgeWeight(int j) {
        return j == 0 && hasIntercept ? 0.0 : l2;
    }

    /**
     * {@code s_j = sqrt(sum w x_j^2 / sum w + 4 l2_j)}, which is {@code sqrt(4 H_jj)} at {@code b = 0},
     * from one pass over rows held in memory; null for rows elsewhere.
     */
    @Override
    public double[] coordinateScales() {
        if (!(rowSums instanceof LocalRowSums local)) {
            return null;
        }
        double[] scales = local.dataset().columnMeanSquares();
        for (int j = 0; j < scales.length; j++) {
            scales[j] = Math.sqrt(scales[j] + 4 * ridgeWeight(j));
        }
        return scales;
    }

    private Dataset localRows() {
        if (rowSums instanceof LocalRowSums local) {
            return local.dataset();
        }
        throw new UnsupportedOperationException("mini-batches need the rows in memory");
    }

    @Override
    public double value(double[] b) {
        return evaluate(b, null, null);
    }

    @Override
    public double evaluate(double[] b, double[] gradient, DMatrixRMaj hessian) {
        int p = dimension();
        if (b.length != p) {
            throw new IllegalArgumentException("expected " + p + " coefficients, got " + b.length);
        }
        RowBlockSums.Content content = hessian != null
                ? RowBlockSums.Content.LOSS_GRADIENT_AND_HESSIAN
                : gradient != null ? RowBlockSums.Content.LOSS_AND_GRADIENT : RowBlockSums.Content.LOSS;
        ensureSums(b, content);
        double scale = 1.0 / rowSums.totalWeight();
        int firstPenalised = hasIntercept ? 1 : 0;
        double penalty = 0;
        for (int j = firstPenalised; j < p; j++) {
            penalty += b[j] * b[j];
        }
        double loss = scale * sums.loss() + 0.5 * l2 * penalty;
        if (gradient != null) {
            double[] gradientSums = sums.gradient();
            for (int j = 0; j < p; j++) {
                gradient[j] = scale * gradientSums[j] + (j >= firstPenalised ? l2 * b[j] : 0.0);
            }
        }
        if (hessian != null) {
            hessian.reshape(p, p);
            double[] lower = sums.hessianLowerTriangle();
            double[] full = hessian.data;
            for (int j = 0; j < p; j++) {
                for (int k = 0; k <= j; k++) {
                    double value = scale * lower[j * p + k];
                    full[j * p + k] = value;
                    full[k * p + j] = value;
                }
                if (j >= firstPenalised) {
                    full[j * p + j] += l2;
                }
            }
        }
        return loss;
    }

    /**
     * {@code sum_i w_i h_i(u_i)} at {@code b}: the data term before the scaling by {@code 1 / sum w}
     * and without the penalty, i.e. minus the log-likelihood. From the last sums when they were
     * computed at {@code b} (after a Newton fit, at its solution), otherwise one O(N p) pass.
     */
    public double dataLossSum(double[] b) {
        if (b.length != dimension()) {
            throw new IllegalArgumentException("expected " + dimension() + " coefficients, got " + b.length);
        }
        ensureSums(b, RowBlockSums.Content.LOSS);
        return sums.loss();
    }

    /** Makes {@link #sums} hold at least {@code content} at {@code b}, computing them only if needed. */
    private void ensureSums(double[] b, RowBlockSums.Content content) {
        if (!holdsSums(b, content)) {
            sumsContent = null; // a compute that throws leaves no stale claim behind
            rowSums.compute(b, content, sums);
            System.arraycopy(b, 0, sumsAt, 0, b.length);
            sumsContent = content;
        }
    }

    /** Whether {@link #sums} were computed at exactly {@code b} and hold at least {@code content}. */
    private boolean holdsSums(double[] b, RowBlockSums.Content content) {
        return sumsContent != null && sumsContent.includes(content) && Arrays.equals(b, sumsAt);
    }
}
