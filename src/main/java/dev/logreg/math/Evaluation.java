package dev.logreg.math;

import java.util.List;

/**
 * How a fitted model does on labelled rows it was not trained on: the metrics at a threshold, the
 * ROC curve and reliability bins (as for the training rows), and the logistic recalibration of its
 * logits, as {@code rms::val.prob}'s Intercept and Slope:
 *
 * <pre>
 *   (a, s) = the maximum-likelihood fit of  y_i ~ sigma(a + s u_i),   u_i = o_i + xhat_i^T b
 * </pre>
 *
 * (a = 0 and s = 1 for a calibrated model; s below 1 means overfitting), weighted by {@code w_i}.
 *
 * @param calibrationIntercept a; NaN when the recalibration has no finite estimate (the logits
 *     separate the classes, or one class only)
 * @param calibrationSlope s; NaN likewise
 */
public record Evaluation(
        ClassificationMetrics metrics,
        TrainingDiagnostics diagnostics,
        double calibrationIntercept,
        double calibrationSlope) {

    private static final SolverOptions RECALIBRATION = new SolverOptions(100, 1e-10);

    /** The evaluation of coefficients {@code b} on {@code rows}. Nothing passed in is modified. */
    public static Evaluation of(Dataset rows, double[] b, double threshold) {
        int n = rows.numSamples();
        int p = rows.numColumns();
        if (b.length != p) {
            throw new IllegalArgumentException("expected " + p + " coefficients");
        }
        double[] x = rows.designData();
        double[] design = new double[2 * n];
        for (int row = 0; row < n; row++) {
            double u = rows.offset(row);
            for (int j = 0; j < p; j++) {
                u += x[row * p + j] * b[j];
            }
            design[2 * row] = 1;
            design[2 * row + 1] = u;
        }
        Dataset logits = new Dataset(design, n, 2, true, rows.labels(), rows.weights(), List.of("logit"));
        LogisticLoss loss = new LogisticLoss(new LocalRowSums(logits), 0, true);
        FitResult recalibration = new NewtonSolver().minimize(loss, new double[] {0, 1}, RECALIBRATION);
        double[] estimates = recalibration.coefficients();
        boolean finite = recalibration.converged()
                && SeparationCheck.divergingColumns(logits, loss, estimates).isEmpty();
        return new Evaluation(
                ClassificationMetrics.of(rows, b, threshold),
                TrainingDiagnostics.of(rows, b),
                finite ? estimates[0] : Double.NaN,
                finite ? estimates[1] : Double.NaN);
    }
}
