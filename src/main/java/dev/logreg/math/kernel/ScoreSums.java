package dev.logreg.math.kernel;

import java.util.Arrays;

/**
 * What the training metrics, the reliability bins and the separation check need from the rows at
 * the solution {@code b}, as sums and maxima over blocks of rows that add up ({@link #add}), so a
 * cluster's partitions can compute them apart. With {@code u_i = xhat_i^T b},
 * {@code mu_i = sigma(u_i)} and the Newton step {@code delta} at {@code b}:
 *
 * <pre>
 *   TP = sum_{mu_i >= t} w_i y_i      FP = sum_{mu_i >= t} w_i (1 - y_i)
 *   FN = sum_{mu_i <  t} w_i y_i      TN = sum_{mu_i <  t} w_i (1 - y_i)
 *   crossEntropy = sum w_i h_i(u_i),   squaredError = sum w_i (mu_i - y_i)^2
 *   per bin k of mu (width 1/B): sum w_i, sum w_i mu_i, sum w_i y_i, rows of positive weight
 *   maxShift = max |xhat_i^T delta|,  againstLabel = max of the shift against y_i,
 *   reach_j = max |x_ij delta_j|       (rows of positive weight only, see SeparationCheck)
 * </pre>
 *
 * The one place these per-row formulas are written, for rows in memory too ({@code SolutionPass}): {@code
 * ClassificationMetrics}, {@code CalibrationBins} and {@code SeparationCheck} of {@code dev.logreg.math} decide from
 * these sums. Not thread-safe.
 */
public final class ScoreSums {

    private static final int COUNTERS = 6;

    private final int numColumns;
    private final int numBins;
    private final double threshold;
    /** TP, FP, TN, FN, crossEntropy, squaredError. */
    private final double[] counters = new double[COUNTERS];

    private final double[] binWeight;
    private final double[] binPredicted;
    private final double[] binLabel;
    private final double[] binRows;
    private final double[] columnReach;
    private double maxShift;
    private double worstAgainstLabel;
    private double samplesWithWeight;

    /**
     * @param numColumns p
     * @param numBins B, the reliability bins
     * @param threshold t, where a score counts as positive
     */
    public ScoreSums(int numColumns, int numBins, double threshold) {
        if (numColumns < 1 || numBins < 1) {
            throw new IllegalArgumentException("numColumns and numBins must be positive");
        }
        this.numColumns = numColumns;
        this.numBins = numBins;
        this.threshold = threshold;
        this.binWeight = new double[numBins];
        this.binPredicted = new double[numBins];
        this.binLabel = new double[numBins];
        this.binRows = new double[numBins];
        this.columnReach = new double[numColumns];
    }

    /**
     * Adds rows {@code [0, numRows)} (laid out as in {@link RowBlockSums#addRows(double[], double[],
     * double[], int, double[], RowBlockSums.Content)}) at coefficients {@code b}; {@code step} is
     * the Newton step at {@code b} for the separation check, or null to skip it. Modifies only this
     * object.
     */
    public void addRows(double[] design, double[] labels, double[] weights, int numRows, double[] b, double[] step) {
        addRows(design, labels, weights, null, 0, numRows, b, step, null);
    }

    /**
     * Adds rows {@code [fromRow, toRow)} as {@link #addRows(double[], double[], double[], int, double[], double[])}
     * does, with each row's offset {@code o_i} from {@code offsets} (null for none) added to its logit, and, unless
     * {@code logits} is null, writes each row's {@code u_i} to {@code logits[i]} (for the ROC of rows in memory,
     * from the same pass). Modifies only this object and {@code logits[fromRow .. toRow)}.
     */
    public void addRows(
            double[] design,
            double[] labels,
            double[] weights,
            double[] offsets,
            int fromRow,
            int toRow,
            double[] b,
            double[] step,
            double[] logits) {
        int p = numColumns;
        if (b.length != p || (step != null && step.length != p)) {
            throw new IllegalArgumentException("column counts differ");
        }
        GramKernel kernel = GramKernel.fastest();
        for (int row = fromRow; row < toRow; row++) {
            double weight = weights[row];
            double y = labels[row];
            int offset = row * p;
            double u = kernel.dot(design, offset, b, p) + (offsets == null ? 0 : offsets[row]);
            if (logits != null) {
                logits[row] = u;
            }
            double mu = LogisticFunctions.sigmoid(u);
            double positive = weight * y;
            double negative = weight * (1 - y);
            if (mu >= threshold) {
                counters[0] += positive;
                counters[1] += negative;
            } else {
                counters[3] += positive;
                counters[2] += negative;
            }
            if (!(weight > 0)) {
                continue;
            }
            samplesWithWeight++;
            counters[4] += weight * LogisticFunctions.crossEntropy(u, y);
            counters[5] += weight * (mu - y) * (mu - y);
            int bin = Math.min(numBins - 1, (int) Math.floor(mu * numBins));
            binWeight[bin] += weight;
            binPredicted[bin] += weight * mu;
            binLabel[bin] += weight * y;
            binRows[bin]++;
            if (step != null) {
                double shift = kernel.dot(design, offset, step, p);
                for (int j = 0; j < p; j++) {
                    columnReach[j] = Math.max(columnReach[j], Math.abs(design[offset + j] * step[j]));
                }
                maxShift = Math.max(maxShift, Math.abs(shift));
                double againstLabel = y == 1 ? -shift : y == 0 ? shift : Math.abs(shift);
                worstAgainstLabel = Math.max(worstAgainstLabel, againstLabel);
            }
        }
    }

    /**
     * Writes the logits {@code u_i = xhat_i^T b} of rows {@code [0, numRows)} (laid out as in
     * {@link #addRows}) to {@code logits[0 .. numRows)}, by the same kernel as {@link #addRows}, so
     * that rows tie here exactly when they tie there and in the in-memory fit. Modifies only {@code logits}.
     */
    public static void logits(double[] design, int numRows, double[] b, double[] logits) {
        int p = b.length;
        GramKernel kernel = GramKernel.fastest();
        for (int row = 0; row < numRows; row++) {
            logits[row] = kernel.dot(design, row * p, b, p);
        }
    }

    /** Adds another block's sums (and maxima) to these; {@code other} is not modified. */
    public void add(ScoreSums other) {
        double[] packed = new double[other.packedLength()];
        other.pack(packed, 0);
        addPacked(packed, 0);
    }

    /** The number of doubles {@link #pack} writes. */
    public int packedLength() {
        return COUNTERS + 4 * numBins + numColumns + 3;
    }

    /** Writes every sum and maximum to {@code target[offset ..]}, for an executor to send. */
    public void pack(double[] target, int offset) {
        int next = offset;
        for (double[] part : new double[][] {counters, binWeight, binPredicted, binLabel, binRows, columnReach}) {
            System.arraycopy(part, 0, target, next, part.length);
            next += part.length;
        }
        target[next++] = maxShift;
        target[next++] = worstAgainstLabel;
        target[next] = samplesWithWeight;
    }

    /** Adds sums written by {@link #pack} (same p and B): sums add, maxima take the larger. */
    public void addPacked(double[] source, int offset) {
        int next = offset;
        for (double[] part : new double[][] {counters, binWeight, binPredicted, binLabel, binRows}) {
            for (int k = 0; k < part.length; k++) {
                part[k] += source[next++];
            }
        }
        for (int j = 0; j < numColumns; j++) {
            columnReach[j] = Math.max(columnReach[j], source[next++]);
        }
        maxShift = Math.max(maxShift, source[next++]);
        worstAgainstLabel = Math.max(worstAgainstLabel, source[next++]);
        samplesWithWeight += source[next];
    }

    /** TP, the weight of the positive labels of rows scored {@code >= t}. */
    public double truePositives() {
        return counters[0];
    }

    /** FP, the weight of the negative labels of rows scored {@code >= t}. */
    public double falsePositives() {
        return counters[1];
    }

    /** TN, the weight of the negative labels of rows scored below {@code t}. */
    public double trueNegatives() {
        return counters[2];
    }

    /** FN, the weight of the positive labels of rows scored below {@code t}. */
    public double falseNegatives() {
        return counters[3];
    }

    /** {@code sum w_i h_i(u_i)}, the unpenalised loss's sum. */
    public double crossEntropySum() {
        return counters[4];
    }

    /** {@code sum w_i (mu_i - y_i)^2}, the Brier score's sum. */
    public double squaredErrorSum() {
        return counters[5];
    }

    /** Per reliability bin {@code [k/B, (k+1)/B)} of {@code mu}: {@code sum w_i}; a copy. */
    public double[] binWeights() {
        return binWeight.clone();
    }

    /** Per reliability bin: {@code sum w_i mu_i}; a copy. */
    public double[] binPredicted() {
        return binPredicted.clone();
    }

    /** Per reliability bin: {@code sum w_i y_i}; a copy. */
    public double[] binLabels() {
        return binLabel.clone();
    }

    /** Per reliability bin: the rows of positive weight. */
    public int[] binRows() {
        int[] rows = new int[numBins];
        for (int bin = 0; bin < numBins; bin++) {
            rows[bin] = (int) binRows[bin];
        }
        return rows;
    }

    /** Rows of positive weight. */
    public long samplesWithWeight() {
        return (long) samplesWithWeight;
    }

    /** {@code max |xhat_i^T delta|} over rows of positive weight. */
    public double maxShift() {
        return maxShift;
    }

    /** The largest shift of a row's logit against its own label. */
    public double worstAgainstLabel() {
        return worstAgainstLabel;
    }

    /** {@code max_i |x_ij delta_j|} per column; a copy. */
    public double[] columnReach() {
        return Arrays.copyOf(columnReach, numColumns);
    }
}
