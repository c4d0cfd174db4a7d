package dev.logreg.math;

import java.util.List;
import java.util.Objects;

/**
 * Everything a fit produced.
 *
 * @param coefficients one per design column, intercept first when there is one; 0 for an aliased
 *     column, so that predictions work
 * @param aliased per design column, whether it was dropped as a linear combination of earlier ones
 * @param keptColumns the indices of the non-aliased columns, which {@code inference} describes
 * @param solverResult the solver's report, over the kept columns
 * @param inference the statistics over the kept columns
 * @param metrics the training-data metrics at threshold 0.5
 * @param warnings every finding, solver's included
 * @param fitNanos wall-clock time of the rank check and the solver; the rest of the fit (separation
 *     check, statistics, metrics, ROC) is the statistics' time
 * @param diagnostics the ROC curve (null when one class has no weight) and
 *     reliability bins of the training data
 */
public record Fit(
        double[] coefficients,
        boolean[] aliased,
        int[] keptColumns,
        FitResult solverResult,
        Inference inference,
        ClassificationMetrics metrics,
        List<FitWarning> warnings,
        long fitNanos,
        TrainingDiagnostics diagnostics) {

    public Fit {
        coefficients = coefficients.clone();
        aliased = aliased.clone();
        keptColumns = keptColumns.clone();
        Objects.requireNonNull(solverResult, "solverResult");
        Objects.requireNonNull(inference, "inference");
        Objects.requireNonNull(metrics, "metrics");
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(diagnostics, "diagnostics");
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    @Override
    public boolean[] aliased() {
        return aliased.clone();
    }

    @Override
    public int[] keptColumns() {
        return keptColumns.clone();
    }
}
