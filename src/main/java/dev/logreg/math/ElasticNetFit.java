package dev.logreg.math;

import java.util.List;
import java.util.Objects;

/**
 * An elastic-net training: the path, its cross-validation, the selected lambda and the model there.
 *
 * @param path the path on all rows
 * @param crossValidation null without cross-validation
 * @param selectedLambda the path's last lambda without cross-validation, else lambda.min or lambda.1se
 * @param coefficients at {@code selectedLambda}, one per design column (intercept first when there is one)
 * @param metrics the training-data metrics at threshold 0.5 there
 * @param diagnostics the training-data ROC curve and reliability bins there
 * @param inference for a ridge-only fit whose penalty is a plain {@code lambda / 2 ||b||^2} (alpha = 0,
 *     not standardised, equal penalty factors): the penalised statistics at the selected lambda, as
 *     for {@code l2 = lambda}; null otherwise
 * @param warnings what the fit noticed
 * @param fitNanos the path's and the cross-validation's wall-clock time
 * @param timedOut whether the path stopped at the training time limit (then not converged, and not
 *     cross-validated)
 */
public record ElasticNetFit(
        ElasticNetPath path,
        CrossValidation crossValidation,
        double selectedLambda,
        double[] coefficients,
        ClassificationMetrics metrics,
        TrainingDiagnostics diagnostics,
        Inference inference,
        List<FitWarning> warnings,
        long fitNanos,
        boolean timedOut) {

    public ElasticNetFit {
        Objects.requireNonNull(path, "path");
        coefficients = coefficients.clone();
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(diagnostics, "diagnostics");
        warnings = List.copyOf(warnings);
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }
}
