package dev.logreg.math;

import dev.logreg.math.kernel.ScoreSums;

/**
 * The data of a reliability (calibration) diagram: the predicted probabilities {@code mu_i} are
 * split into {@code B} equal-width bins {@code [k/B, (k+1)/B)} (the last one closed), and each bin
 * with positive weight reports
 *
 * <pre>
 *   weight        = sum_{i in bin} w_i
 *   meanPredicted = (1 / weight) sum_{i in bin} w_i mu_i
 *   observedRate  = (1 / weight) sum_{i in bin} w_i y_i
 * </pre>
 *
 * A well-calibrated model has {@code observedRate ~ meanPredicted} in every bin. Empty bins (no row
 * of positive weight) are left out, so all arrays have one entry per reported bin, in order.
 *
 * @param lower each bin's lower edge
 * @param upper each bin's upper edge
 * @param meanPredicted the weighted mean predicted probability in each bin
 * @param observedRate the weighted mean label in each bin
 * @param weight the total weight in each bin
 * @param rows the number of rows of positive weight in each bin
 */
public record CalibrationBins(
        double[] lower, double[] upper, double[] meanPredicted, double[] observedRate, double[] weight, int[] rows) {

    public CalibrationBins {
        int size = lower.length;
        if (upper.length != size
                || meanPredicted.length != size
                || observedRate.length != size
                || weight.length != size
                || rows.length != size) {
            throw new IllegalArgumentException("every array needs one entry per bin");
        }
        lower = lower.clone();
        upper = upper.clone();
        meanPredicted = meanPredicted.clone();
        observedRate = observedRate.clone();
        weight = weight.clone();
        rows = rows.clone();
    }

    /** The number of reported (non-empty) bins. */
    public int size() {
        return lower.length;
    }

    /**
     * Bins {@code probabilities} (each in [0, 1]) into {@code numBins} equal-width bins. Nothing
     * passed in is modified.
     */
    public static CalibrationBins of(double[] probabilities, double[] labels, double[] weights, int numBins) {
        if (numBins < 1) {
            throw new IllegalArgumentException("at least one bin");
        }
        double[] weightSum = new double[numBins];
        double[] predictedSum = new double[numBins];
        double[] labelSum = new double[numBins];
        int[] rowCount = new int[numBins];
        for (int row = 0; row < probabilities.length; row++) {
            double w = weights[row];
            if (w > 0) {
                int bin = Math.min(numBins - 1, (int) Math.floor(probabilities[row] * numBins));
                weightSum[bin] += w;
                predictedSum[bin] += w * probabilities[row];
                labelSum[bin] += w * labels[row];
                rowCount[bin]++;
            }
        }
        return fromSums(weightSum, predictedSum, labelSum, rowCount);
    }

    /** The non-empty bins of the per-bin sums of {@code sums}, as {@link #of} reports them. */
    public static CalibrationBins fromSums(ScoreSums sums) {
        return fromSums(sums.binWeights(), sums.binPredicted(), sums.binLabels(), sums.binRows());
    }

    /**
     * The bins from per-bin sums over rows of positive weight (bin {@code k} is
     * {@code [k/B, (k+1)/B)}, {@code B = weightSum.length}): {@code sum w_i}, {@code sum w_i mu_i},
     * {@code sum w_i y_i} and the row count, as blocks of rows computed apart add them up. Nothing
     * passed in is modified.
     */
    public static CalibrationBins fromSums(
            double[] weightSum, double[] predictedSum, double[] labelSum, int[] rowCount) {
        int numBins = weightSum.length;
        int filled = 0;
        for (int bin = 0; bin < numBins; bin++) {
            filled += rowCount[bin] > 0 ? 1 : 0;
        }
        double[] lower = new double[filled];
        double[] upper = new double[filled];
        double[] meanPredicted = new double[filled];
        double[] observedRate = new double[filled];
        double[] weight = new double[filled];
        int[] rows = new int[filled];
        int k = 0;
        for (int bin = 0; bin < numBins; bin++) {
            if (rowCount[bin] == 0) {
                continue;
            }
            lower[k] = (double) bin / numBins;
            upper[k] = (double) (bin + 1) / numBins;
            meanPredicted[k] = predictedSum[bin] / weightSum[bin];
            observedRate[k] = labelSum[bin] / weightSum[bin];
            weight[k] = weightSum[bin];
            rows[k] = rowCount[bin];
            k++;
        }
        return new CalibrationBins(lower, upper, meanPredicted, observedRate, weight, rows);
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }

    @Override
    public double[] meanPredicted() {
        return meanPredicted.clone();
    }

    @Override
    public double[] observedRate() {
        return observedRate.clone();
    }

    @Override
    public double[] weight() {
        return weight.clone();
    }

    @Override
    public int[] rows() {
        return rows.clone();
    }
}
