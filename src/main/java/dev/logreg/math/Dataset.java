package dev.logreg.math;

import java.util.List;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * A training set held densely: the design matrix {@code X} (N x p, row-major, with a leading column
 * of ones when the model has an intercept), labels {@code y_i} in [0, 1] and frequency weights
 * {@code w_i >= 0}, and optionally an offset {@code o_i}, a known term added to each row's
 * logit: {@code u_i = o_i + xhat_i^T b} (R's {@code offset}; {@code null} when there is none, at no
 * cost).
 *
 * <p>The arrays are owned by the dataset once constructed and are never modified by the library;
 * callers must not modify them afterwards either. The design array may be longer than N * p (a
 * parser's growable buffer), only the first N * p entries are used.
 */
public final class Dataset {

    private final DMatrixRMaj design;
    private final double[] labels;
    private final double[] weights;
    private final double[] offset;
    private final boolean hasIntercept;
    private final List<String> featureNames;
    private final double totalWeight;

    /**
     * @param design row-major N x p values, the intercept column first when {@code hasIntercept}
     * @param numSamples N
     * @param numColumns p, the number of coefficients
     * @param hasIntercept whether column 0 is the constant 1
     * @param labels N values in [0, 1]
     * @param weights N values {@code >= 0} with a positive sum
     * @param featureNames the names of the {@code p - (hasIntercept ? 1 : 0)} features
     */
    public Dataset(
            double[] design,
            int numSamples,
            int numColumns,
            boolean hasIntercept,
            double[] labels,
            double[] weights,
            List<String> featureNames) {
        this(design, numSamples, numColumns, hasIntercept, labels, weights, null, featureNames);
    }

    /**
     * A dataset with an offset.
     *
     * @param offset N finite values added to the rows' logits, or {@code null} for none
     * @see #Dataset(double[], int, int, boolean, double[], double[], List)
     */
    public Dataset(
            double[] design,
            int numSamples,
            int numColumns,
            boolean hasIntercept,
            double[] labels,
            double[] weights,
            double[] offset,
            List<String> featureNames) {
        Objects.requireNonNull(design, "design");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(weights, "weights");
        if (numSamples < 1 || numColumns < 1) {
            throw new IllegalArgumentException("a dataset needs at least one row and one column");
        }
        if ((long) numSamples * numColumns > design.length) {
            throw new IllegalArgumentException("design holds fewer than N * p values");
        }
        if (labels.length != numSamples || weights.length != numSamples) {
            throw new IllegalArgumentException("labels and weights need one value per row");
        }
        if (offset != null) {
            if (offset.length != numSamples) {
                throw new IllegalArgumentException("the offset needs one value per row");
            }
            for (int i = 0; i < numSamples; i++) {
                if (!Double.isFinite(offset[i])) {
                    throw new IllegalArgumentException("offset " + i + " is not finite");
                }
            }
        }
        int numFeatures = numColumns - (hasIntercept ? 1 : 0);
        if (featureNames.size() != numFeatures) {
            throw new IllegalArgumentException("expected " + numFeatures + " feature names");
        }
        double sum = 0;
        for (int i = 0; i < numSamples; i++) {
            if (!(labels[i] >= 0 && labels[i] <= 1)) {
                throw new IllegalArgumentException("label " + i + " is outside [0, 1]");
            }
            if (!(weights[i] >= 0 && weights[i] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("weight " + i + " is negative or not finite");
            }
            sum += weights[i];
        }
        if (!(sum > 0 && sum < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("the weights must have a positive, finite sum");
        }
        this.design = DMatrixRMaj.wrap(numSamples, numColumns, design);
        this.labels = labels;
        this.weights = weights;
        this.offset = offset;
        this.hasIntercept = hasIntercept;
        this.featureNames = List.copyOf(featureNames);
        this.totalWeight = sum;
    }

    /** N, the number of rows. */
    public int numSamples() {
        return design.numRows;
    }

    /** p, the number of coefficients (features plus the intercept when there is one). */
    public int numColumns() {
        return design.numCols;
    }

    /** d, the number of features. */
    public int numFeatures() {
        return featureNames.size();
    }

    public boolean hasIntercept() {
        return hasIntercept;
    }

    /** Whether the rows have an offset. */
    public boolean hasOffset() {
        return offset != null;
    }

    /** {@code sum w_i}. */
    public double totalWeight() {
        return totalWeight;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    /** The name of coefficient {@code column}: {@code (intercept)} or the feature's name. */
    public String columnName(int column) {
        if (hasIntercept) {
            return column == 0 ? "(intercept)" : featureNames.get(column - 1);
        }
        return featureNames.get(column);
    }

    /** {@code sum_i w_i x_ij^2 / sum_i w_i} for each column j, in a new array. */
    public double[] columnMeanSquares() {
        int numColumns = numColumns();
        double[] x = design.data;
        double[] sums = new double[numColumns];
        for (int row = 0; row < numSamples(); row++) {
            double weight = weights[row];
            int offset = row * numColumns;
            for (int j = 0; j < numColumns; j++) {
                double value = x[offset + j];
                sums[j] += weight * value * value;
            }
        }
        for (int j = 0; j < numColumns; j++) {
            sums[j] /= totalWeight;
        }
        return sums;
    }

    /** The design matrix, shared: do not modify. */
    DMatrixRMaj design() {
        return design;
    }

    /** The raw row-major design values, shared: do not modify. */
    double[] designData() {
        return design.data;
    }

    double label(int row) {
        return labels[row];
    }

    double weight(int row) {
        return weights[row];
    }

    double[] labels() {
        return labels;
    }

    double[] weights() {
        return weights;
    }

    /** The offset {@code o_i} per row, shared (do not modify), or {@code null} when there is none. */
    double[] offset() {
        return offset;
    }

    /** Row {@code row}'s offset, 0 when there is none. */
    double offset(int row) {
        return offset == null ? 0 : offset[row];
    }

    /**
     * The same rows and columns with {@code offset} (N finite values, owned by the new dataset;
     * {@code null} for none) in place of this one's. Shares the design, labels and weights.
     */
    public Dataset withOffset(double[] offset) {
        return new Dataset(
                design.data, numSamples(), numColumns(), hasIntercept, labels, weights, offset, featureNames);
    }

    /**
     * A new dataset with only the given columns (in increasing order), copying the design. Used to
     * drop aliased columns, which is rare enough for a copy to be the simple answer. The offset,
     * if any, is kept (shared).
     */
    public Dataset selectColumns(int[] keptColumns) {
        int numSamples = numSamples();
        int oldColumns = numColumns();
        int newColumns = keptColumns.length;
        double[] source = design.data;
        double[] copy = new double[numSamples * newColumns];
        for (int row = 0; row < numSamples; row++) {
            int from = row * oldColumns;
            int to = row * newColumns;
            for (int k = 0; k < newColumns; k++) {
                copy[to + k] = source[from + keptColumns[k]];
            }
        }
        boolean keepsIntercept = hasIntercept && newColumns > 0 && keptColumns[0] == 0;
        List<String> names = new java.util.ArrayList<>();
        for (int column : keptColumns) {
            if (!(hasIntercept && column == 0)) {
                names.add(columnName(column));
            }
        }
        return new Dataset(copy, numSamples, newColumns, keepsIntercept, labels, weights, offset, names);
    }
}
