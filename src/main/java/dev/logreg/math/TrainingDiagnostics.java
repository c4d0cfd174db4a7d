package dev.logreg.math;

/**
 * What a report needs to draw a fitted model's scores on its training data, kept small whatever
 * the number of rows: the ROC curve (at most {@link #MAX_ROC_POINTS} points), the reliability
 * bins ({@link #CALIBRATION_BINS} equal-width bins of {@code mu_i = sigma(xhat_i^T b)}), and the
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
}
