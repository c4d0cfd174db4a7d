package dev.logreg.math.kernel;

import java.util.Arrays;

/**
 * Partial sums of the unscaled logistic loss over a block of rows, at given coefficients
 * {@code b}:
 *
 * <pre>
 *   loss     = sum_i w_i h_i(u_i),                 u_i = o_i + xhat_i^T b
 *   gradient = sum_i w_i (sigma(u_i) - y_i) xhat_i
 *   hessian  = sum_i w_i sigma(u_i)(1 - sigma(u_i)) xhat_i xhat_i^T   (lower triangle only)
 * </pre>
 *
 * Sums over disjoint blocks add up ({@link #add}), which is what lets the rows be split across
 * threads, or across a cluster's partitions, and reduced afterwards. The objective divides by
 * {@code sum w} and adds the penalty ({@code dev.logreg.math.LogisticLoss}). The offset {@code o_i}
 * (R's offset) is 0 where the caller passes none.
 *
 * <p>The Hessian, O(N p^2), is the cost of a fit: rows are packed in blocks of the kernel's
 * {@link GramKernel#blockRows} and each block's {@code X_b^T diag(c) X_b} is added by a
 * {@link GramKernel} (OpenBLAS's {@code dsyrk} or the Vector API when available). One instance
 * per worker: its work buffers are reused across calls. Not thread-safe.
 */
public final class RowBlockSums {

    /** Which of the sums to compute: the loss alone is O(N p), the Hessian O(N p^2). */
    public enum Content {
        LOSS,
        LOSS_AND_GRADIENT,
        LOSS_GRADIENT_AND_HESSIAN;

        /** Whether sums computed for this content also hold {@code other}'s (each adds to the one before). */
        public boolean includes(Content other) {
            return ordinal() >= other.ordinal();
        }

        public boolean gradient() {
            return this != LOSS;
        }

        public boolean hessian() {
            return this == LOSS_GRADIENT_AND_HESSIAN;
        }
    }

    private final int numColumns;
    private final GramKernel kernel;
    private final double[] gradient;
    private final double[] hessian;
    /** Rows per block, the kernel's {@link GramKernel#blockRows}. */
    private final int blockCapacity;

    private double loss;
    /** Work buffers of the Hessian, allocated on its first evaluation; see {@link #accumulate}. */
    private double[] blockRows;

    private double[] blockWeightedRows;
    private double[] paddedGram;

    public RowBlockSums(int numColumns) {
        this(numColumns, GramKernel.fastest());
    }

    /** Sums computed with the given kernel (tests compare the kernels). */
    public RowBlockSums(int numColumns, GramKernel kernel) {
        if (numColumns < 1) {
            throw new IllegalArgumentException("numColumns must be positive");
        }
        this.numColumns = numColumns;
        this.kernel = kernel;
        this.gradient = new double[numColumns];
        this.hessian = new double[numColumns * numColumns];
        this.blockCapacity = kernel.blockRows(numColumns);
    }

    /**
     * Whether the Java kernel, which also computes the margins beside OpenBLAS, is the Vector API one (the JVM was
     * started with {@code jdk.incubator.vector}).
     */
    public static boolean usesVectorApi() {
        return !(GramKernel.fastest() instanceof ScalarGramKernel);
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

    /** The number of doubles {@link #pack} writes: the loss, p gradient sums, the lower triangle. */
    public int packedLength() {
        return 1 + numColumns + numColumns * (numColumns + 1) / 2;
    }

    /**
     * Writes the sums to {@code target[offset .. offset + packedLength())}: the loss, the gradient,
     * then the Hessian's lower triangle row by row. How an executor sends its partition's sums.
     */
    public void pack(double[] target, int offset) {
        int next = offset;
        target[next++] = loss;
        System.arraycopy(gradient, 0, target, next, numColumns);
        next += numColumns;
        for (int j = 0; j < numColumns; j++) {
            System.arraycopy(hessian, j * numColumns, target, next, j + 1);
            next += j + 1;
        }
    }

    /** Adds sums written by {@link #pack} (of the same p) to these; {@code source} is not modified. */
    public void addPacked(double[] source, int offset) {
        int next = offset;
        loss += source[next++];
        for (int j = 0; j < numColumns; j++) {
            gradient[j] += source[next++];
        }
        for (int j = 0; j < numColumns; j++) {
            int rowStart = j * numColumns;
            for (int k = 0; k <= j; k++) {
                hessian[rowStart + k] += source[next++];
            }
        }
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
     * Adds rows {@code [0, numRows)} held by the caller at coefficients {@code b}: row {@code i}'s
     * design values at {@code design[i p .. (i + 1) p)}, its label in {@code labels[i]} (in [0, 1])
     * and weight in {@code weights[i]} ({@code >= 0}), unchecked. This is how a cluster's executor
     * adds a batch of a partition's rows (with this package alone on its classpath). Modifies only
     * this object.
     */
    public void addRows(double[] design, double[] labels, double[] weights, int numRows, double[] b, Content content) {
        requireColumns(numColumns, b);
        if ((long) numRows * numColumns > design.length || numRows > labels.length || numRows > weights.length) {
            throw new IllegalArgumentException("fewer values than rows");
        }
        accumulate(design, labels, weights, null, null, 0, numRows, b, content);
    }

    /**
     * Adds the rows {@code rowOrder[from..to)} (a mini-batch of shuffled rows), or the rows
     * {@code [from, to)} when {@code rowOrder} is null, of a design laid out as in
     * {@link #addRows(double[], double[], double[], int, double[], Content)} with p columns and the
     * rows' offsets in {@code offsets} (null for none), at coefficients {@code b}. The same loop and
     * kernel for every order, so the identity order
     * gives bit-identical sums ({@code RowBlockSumsSubsetTest}). Modifies only this object;
     * allocates nothing once its work buffers exist (on the first Hessian evaluation).
     */
    public void addRows(
            double[] design,
            double[] labels,
            double[] weights,
            double[] offsets,
            int[] rowOrder,
            int from,
            int to,
            double[] b,
            Content content) {
        requireColumns(numColumns, b);
        accumulate(design, labels, weights, offsets, rowOrder, from, to, b, content);
    }

    private void requireColumns(int dataColumns, double[] b) {
        if (dataColumns != numColumns || b.length != numColumns) {
            throw new IllegalArgumentException("column counts differ");
        }
    }

    /**
     * The one loop over rows, {@code rowOrder[k]} (or {@code k} when null) for {@code k} in
     * {@code [from, to)}. Per row: the margin (plus {@code offsets[row]} unless {@code offsets} is
     * null), the loss term (compensated), and the gradient term
     * in row order; rows with positive curvature are packed into a block, and each full block of
     * {@link GramKernel#blockRows} adds {@code X_b^T diag(c) X_b} through the {@link GramKernel} into the
     * padded accumulator, which is added to the lower triangle at the end. Rows of weight 0 are
     * skipped.
     */
    private void accumulate(
            double[] x,
            double[] labels,
            double[] weights,
            double[] offsets,
            int[] rowOrder,
            int from,
            int to,
            double[] b,
            Content content) {
        int p = numColumns;
        boolean withGradient = content.gradient();
        boolean withHessian = content.hessian();
        int width = 0;
        if (withHessian) {
            width = prepareHessianBuffers();
        }
        int blockCount = 0;
        // Compensated (Kahan) summation: the loss drives the line search, where rounding noise
        // in a sum of N terms would otherwise mask real decreases near the optimum.
        double lossSum = 0;
        double lossCompensation = 0;
        for (int k = from; k < to; k++) {
            int row = rowOrder == null ? k : rowOrder[k];
            double weight = weights[row];
            if (weight == 0) {
                continue;
            }
            int offset = row * p;
            double u = kernel.dot(x, offset, b, p);
            if (offsets != null) {
                u += offsets[row];
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
            kernel.addScaled(residual, x, offset, gradient, p);
            if (withHessian) {
                double curvature = weight * mu * (1.0 - mu);
                if (curvature == 0) {
                    continue;
                }
                kernel.pack(x, offset, p, curvature, blockRows, blockWeightedRows, blockCount * width);
                if (++blockCount == blockCapacity) {
                    kernel.addGram(blockRows, blockWeightedRows, blockCount, width, p, paddedGram);
                    blockCount = 0;
                }
            }
        }
        loss += lossSum;
        if (withHessian) {
            if (blockCount > 0) {
                kernel.addGram(blockRows, blockWeightedRows, blockCount, width, p, paddedGram);
            }
            for (int j = 0; j < p; j++) {
                int rowStart = j * p;
                int paddedStart = j * width;
                for (int m = 0; m <= j; m++) {
                    hessian[rowStart + m] += paddedGram[paddedStart + m];
                }
            }
        }
    }

    /**
     * Allocates the block buffers on first use (their padding stays zero: only columns below p
     * are ever written) and zeroes the padded accumulator; returns the padded width.
     */
    private int prepareHessianBuffers() {
        int width = kernel.paddedWidth(numColumns);
        if (paddedGram == null) {
            blockRows = new double[blockCapacity * width];
            blockWeightedRows = new double[blockCapacity * width];
            paddedGram = new double[width * width];
        } else {
            Arrays.fill(paddedGram, 0);
        }
        return width;
    }
}
