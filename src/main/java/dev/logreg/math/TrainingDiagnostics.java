package dev.logreg.math;

import dev.logreg.math.kernel.GramKernel;
import dev.logreg.math.kernel.LogisticFunctions;

/**
 * What a report needs to draw a fitted model's scores on its training data, kept small whatever
 * the number of rows: the ROC curve (at most {@link #MAX_ROC_POINTS} points), the reliability
 * bins ({@link #CALIBRATION_BINS} equal-width bins of {@code mu_i = sigma(o_i + xhat_i^T b)}), and the
 * number of rows of positive weight, R's {@code n} in the degrees of freedom of the deviances
 * ({@code n - 1} for the null deviance with an intercept, {@code n - rank} for the residual one).
 *
 * <p>Computed by the pass after the fit: {@link SolutionPass} in memory, {@link ScoreSums} and {@link RocMerge} over a
 * cluster's partitions.
 *
 * @param roc null when either class has no weight
 */
public record TrainingDiagnostics(RocCurve roc, CalibrationBins calibration, int samplesWithWeight) {

    /** Enough for a smooth curve on any screen; the JSON stays a few kilobytes. */
    public static final int MAX_ROC_POINTS = 200;

    /** The customary reliability-diagram bins of width 0.1. */
    public static final int CALIBRATION_BINS = 10;

    /**
     * The diagnostics of coefficients {@code b} (one per design column) on {@code data}. Nothing
     * passed in is modified.
     */
    public static TrainingDiagnostics of(Dataset data, double[] b) {
        int n = data.numSamples();
        int p = data.numColumns();
        if (b.length != p) {
            throw new IllegalArgumentException("expected " + p + " coefficients");
        }
        double[] x = data.designData();
        double[] labels = data.labels();
        double[] weights = data.weights();
        double[] logits = new double[n];
        double[] probabilities = new double[n];
        GramKernel kernel = GramKernel.fastest();
        int samplesWithWeight = 0;
        for (int row = 0; row < n; row++) {
            double u = kernel.dot(x, row * p, b, p) + data.offset(row);
            logits[row] = u;
            probabilities[row] = LogisticFunctions.sigmoid(u);
            samplesWithWeight += weights[row] > 0 ? 1 : 0;
        }
        // Ranking by the logit keeps apart scores whose probabilities both round to 1.
        return new TrainingDiagnostics(
                RocCurve.of(logits, labels, weights, MAX_ROC_POINTS),
                CalibrationBins.of(probabilities, labels, weights, CALIBRATION_BINS),
                samplesWithWeight);
    }
}
