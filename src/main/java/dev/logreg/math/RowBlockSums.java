package dev.logreg.math;

import java.util.Arrays;

/**
 * Partial sums of the unscaled logistic loss over a block of rows, at given coefficients
 * {@code b}:
 *
 * <pre>
 *   loss     = sum_i w_i h_i(u_i),                 u_i = xhat_i^T b
 *   gradient = sum_i w_i (sigma(u_i) - y_i) xhat_i
 *   hessian  = sum_i w_i sigma(u_i)(1 - sigma(u_i)) xhat_i xhat_i^T   (lower triangle only)
 * </pre>
 *
 * Sums over disjoint blocks add up ({@link #add}), which is what lets the rows be split across
 * threads, or across a cluster's partitions, and reduced afterwards. The objective divides by
 * {@code sum w} and adds the penalty ({@link LogisticLoss}).
 */
public final class RowBlockSums {

    /** Which of the sums to compute: the loss alone is O(N p), the Hessian O(N p^2). */
    public enum Content {
        LOSS, LOSS_AND_GRADIENT, LOSS_GRADIENT_AND_HESSIAN;

        boolean gradient() {
            return this != LOSS;
        }

        boolean hessian() {
            return this == LOSS_GRADIENT_AND_HESSIAN;
        }
    }

    private final int numColumns;
    private final double[] gradient;
    private final double[] hessian;
    private double loss;

    public RowBlockSums(int numColumns) {
        if (numColumns < 1) {
            throw new IllegalArgumentException("numColumns must be positive");
        }
        this.numColumns = numColumns;
        this.gradient = new double[numColumns];
        this.hessian = new double[numColumns * numColumns];
    }

    public int numColumns() {
        return numColumns;
    }

    /** {@code sum w_i h_i(u_i)} over the rows added so far. */
    public double loss() {
        return loss;
    }

    /** The gradient sums, length p; live view, do not modify. */
    public double[] gradient() {
        return gradient;
    }

    /** The Hessian sums, p x p row-major, only the lower triangle is filled; live view. */
    public double[] hessianLowerTriangle() {
        return hessian;
    }

    /** Sets every sum to zero. */
    public void clear() {
        loss = 0;
        Arrays.fill(gradient, 0);
        Arrays.fill(hessian, 0);
    }

    /** Adds another block's sums to these; {@code other} is not modified. */
    public void add(RowBlockSums other) {
        if (other.numColumns != numColumns) {
            throw new IllegalArgumentException("column counts differ");
        }
        loss += other.loss;
        for (int j = 0; j < numColumns; j++) {
            gradient[j] += other.gradient[j];
        }
        for (int j = 0; j < numColumns; j++) {
            int rowStart = j * numColumns;
            for (int k = 0; k <= j; k++) {
                hessian[rowStart + k] += other.hessian[rowStart + k];
            }
        }
    }

    /**
     * Adds the rows {@code [fromRow, toRow)} of {@code data} at coefficients {@code b} to these
     * sums. Modifies only this object; allocates nothing.
     */
    public void addRows(Dataset data, int fromRow, int toRow, double[] b, Content content) {
        if (data.numColumns() != numColumns || b.length != numColumns) {
            throw new IllegalArgumentException("column counts differ");
        }
        double[] x = data.designData();
        double[] labels = data.labels();
        double[] weights = data.weights();
        int p = numColumns;
        boolean withGradient = content.gradient();
        boolean withHessian = content.hessian();
        // Compensated (Kahan) summation: the loss drives the line search, where rounding noise
        // in a sum of N terms would otherwise mask real decreases near the optimum.
        double lossSum = 0;
        double lossCompensation = 0;
        for (int row = fromRow; row < toRow; row++) {
            double weight = weights[row];
            if (weight == 0) {
                continue;
            }
            int offset = row * p;
            double u = 0;
            for (int j = 0; j < p; j++) {
                u += x[offset + j] * b[j];
            }
            double y = labels[row];
            double term = weight * LogisticFunctions.crossEntropy(u, y) - lossCompensation;
            double next = lossSum + term;
            lossCompensation = (next - lossSum) - term;
            lossSum = next;
            if (!withGradient) {
                continue;
            }
            double mu = LogisticFunctions.sigmoid(u);
            double residual = weight * (mu - y);
            for (int j = 0; j < p; j++) {
                gradient[j] += residual * x[offset + j];
            }
            if (withHessian) {
                double curvature = weight * mu * (1.0 - mu);
                if (curvature == 0) {
                    continue;
                }
                for (int j = 0; j < p; j++) {
                    double scaled = curvature * x[offset + j];
                    int hessianRow = j * p;
                    for (int k = 0; k <= j; k++) {
                        hessian[hessianRow + k] += scaled * x[offset + k];
                    }
                }
            }
        }
        loss += lossSum;
    }

    /**
     * Adds the rows {@code rowOrder[from..to)} of {@code data} (a mini-batch of shuffled rows) at
     * coefficients {@code b} to these sums; with {@code rowOrder == null}, the rows
     * {@code [from, to)} as {@link #addRows(Dataset, int, int, double[], Content)} does. The same
     * per-row formulas as that method (the loss compensated, rows of weight 0 skipped) over an index
     * subset, written as a loop of its own so that the contiguous kernel can be optimised on its
     * own; {@code RowBlockSumsSubsetTest} checks that the two agree. Modifies only this object;
     * allocates nothing.
     */
    public void addRows(Dataset data, int[] rowOrder, int from, int to, double[] b, Content content) {
        if (rowOrder == null) {
            addRows(data, from, to, b, content);
            return;
        }
        if (data.numColumns() != numColumns || b.length != numColumns) {
            throw new IllegalArgumentException("column counts differ");
        }
        double[] x = data.designData();
        double[] labels = data.labels();
        double[] weights = data.weights();
        int p = numColumns;
        boolean withGradient = content.gradient();
        boolean withHessian = content.hessian();
        double lossSum = 0;
        double lossCompensation = 0;
        for (int k = from; k < to; k++) {
            int row = rowOrder[k];
            double weight = weights[row];
            if (weight == 0) {
                continue;
            }
            int offset = row * p;
            double u = 0;
            for (int j = 0; j < p; j++) {
                u += x[offset + j] * b[j];
            }
            double y = labels[row];
            double term = weight * LogisticFunctions.crossEntropy(u, y) - lossCompensation;
            double next = lossSum + term;
            lossCompensation = (next - lossSum) - term;
            lossSum = next;
            if (!withGradient) {
                continue;
            }
            double mu = LogisticFunctions.sigmoid(u);
            double residual = weight * (mu - y);
            for (int j = 0; j < p; j++) {
                gradient[j] += residual * x[offset + j];
            }
            if (withHessian) {
                double curvature = weight * mu * (1.0 - mu);
                if (curvature == 0) {
                    continue;
                }
                for (int j = 0; j < p; j++) {
                    double scaled = curvature * x[offset + j];
                    int hessianRow = j * p;
                    for (int m = 0; m <= j; m++) {
                        hessian[hessianRow + m] += scaled * x[offset + m];
                    }
                }
            }
        }
        loss += lossSum;
    }
}
