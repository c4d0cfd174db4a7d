package dev.logreg.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * What R's {@code summary.glm} reports. A number that is not defined for this fit (for example
 * McFadden's R^2 when the null log-likelihood is 0) is null, never NaN.
 *
 * @param covariance the covariance matrix of the estimated (non-aliased) coefficients, in the
 *     order of {@code coefficients}: {@code I(b)^-1}, or the sandwich that the options' covariance
 *     names; null when the information matrix is singular (or, for HC2 and HC3, a hat value is 1).
 *     For a Firth fit the likelihood numbers are taken at Firth's estimates without the penalty,
 *     and the null model is the intercept-only Firth fit, as R's brglm2 reports them
 * @param intervals the confidence intervals at {@code options.level} (Wald or profile) with their
 *     odds ratios; null for models stored before they were recorded
 * @param marginalEffects null unless {@code options.marginalEffects} asked for them
 * @param goodnessOfFit the Hosmer-Lemeshow and le Cessie-van Houwelingen tests on the training rows;
 *     null when the rows were not in memory (a Spark source) or for older models
 * @param vif variance inflation per term; null with fewer than two terms, or as goodnessOfFit
 */
@Schema(description = "Inference as R's summary.glm: Wald statistics, deviances, information criteria")
public record Statistics(
        List<CoefficientStatistics> coefficients,

        @Schema(
                types = {"number", "null"},
                description = "sum w [y log mu + (1 - y) log(1 - mu)]",
                example = "-5.03")
        Double logLikelihood,

        @Schema(
                types = {"number", "null"},
                description = "binomial deviance, relative to the saturated model",
                example = "10.06")
        Double deviance,

        @Schema(
                types = {"number", "null"},
                description = "deviance of the intercept-only model (mu = 0.5 without intercept); with a"
                        + " formula's offset, of the intercept-only fit with it (R's null.deviance)",
                example = "43.23")
        Double nullDeviance,

        @Schema(
                types = {"number", "null"},
                example = "16.06")
        Double aic,

        @Schema(
                types = {"number", "null"},
                example = "20.45")
        Double bic,

        @Schema(
                types = {"number", "null"},
                description = "null when the null log-likelihood is 0 (one class)",
                example = "0.77")
        Double mcFaddenR2,

        @Schema(
                types = {"number", "null"},
                description = "likelihood-ratio test against the null model",
                example = "1.0e-6")
        Double likelihoodRatioPValue,

        @Schema(description = "number of estimated (non-aliased) coefficients", example = "3")
        int rank,

        @Schema(
                types = {"array", "null"},
                description =
                        "covariance matrix of the estimated (non-aliased) coefficients, the one options.covariance"
                                + " names (model: I(b)^-1); null when I(b) is singular, or for HC2/HC3 when"
                                + " a hat value is 1")
        double[][] covariance,

        IntervalStatistics intervals,

        @Schema(
                types = {"object", "null"},
                description = "marginal effects dy/dx; null unless options.marginalEffects asked for them")
        MarginalEffectStatistics marginalEffects,

        @Schema(
                types = {"object", "null"},
                description = "Hosmer-Lemeshow and le Cessie-van Houwelingen tests; null for a model whose rows were"
                        + " not in memory (a source) or stored before they were computed")
        GoodnessOfFitStatistics goodnessOfFit,

        @Schema(
                types = {"array", "null"},
                description = "generalised variance inflation per term (car::vif); null with fewer than two terms")
        List<VarianceInflationRow> vif) {

    public Statistics {
        coefficients = List.copyOf(coefficients);
        covariance = covariance == null ? null : deepCopy(covariance);
        vif = vif == null ? null : List.copyOf(vif);
    }

    /** The statistics without the interpretation (intervals, marginal effects, GOF, VIF). */
    public Statistics(
            List<CoefficientStatistics> coefficients,
            Double logLikelihood,
            Double deviance,
            Double nullDeviance,
            Double aic,
            Double bic,
            Double mcFaddenR2,
            Double likelihoodRatioPValue,
            int rank,
            double[][] covariance) {
        this(
                coefficients,
                logLikelihood,
                deviance,
                nullDeviance,
                aic,
                bic,
                mcFaddenR2,
                likelihoodRatioPValue,
                rank,
                covariance,
                null,
                null,
                null,
                null);
    }

    /** These statistics with the given interpretation. */
    public Statistics withInterpretation(
            IntervalStatistics newIntervals,
            MarginalEffectStatistics newMarginalEffects,
            GoodnessOfFitStatistics newGoodnessOfFit,
            List<VarianceInflationRow> newVif) {
        return new Statistics(
                coefficients,
                logLikelihood,
                deviance,
                nullDeviance,
                aic,
                bic,
                mcFaddenR2,
                likelihoodRatioPValue,
                rank,
                covariance,
                newIntervals,
                newMarginalEffects,
                newGoodnessOfFit,
                newVif);
    }

    /**
     * The variance of the logit at a sample by the delta method, {@code xhat^T C xhat}, where
     * {@code xhat = (1, x_1, ..., x_d)} ({@code x} alone without an intercept) restricted to the
     * estimated columns and {@code C} is {@link #covariance}: an aliased column's coefficient is
     * fixed at 0, so it adds no variance (R's {@code predict.glm(se.fit = TRUE)} on a rank-deficient
     * fit). Sums the lower triangle once, {@code sum_a x_a (C_aa x_a + 2 sum_{b<a} C_ab x_b)},
     * allocating nothing. {@code features} is not modified.
     *
     * @param features the d feature values, aliased ones included
     * @param hasIntercept whether the first coefficient row is the intercept
     * @return the variance, at least 0; NaN when there is no covariance matrix
     */
    public double logitVariance(double[] features, boolean hasIntercept) {
        if (covariance == null) {
            return Double.NaN;
        }
        int offset = hasIntercept ? 1 : 0;
        if (features.length + offset != coefficients.size()) {
            throw new IllegalArgumentException("expected " + (coefficients.size() - offset) + " features");
        }
        double variance = 0;
        int a = 0;
        for (int column = 0; column < coefficients.size(); column++) {
            if (coefficients.get(column).estimate() == null) {
                continue;
            }
            double xa = column < offset ? 1.0 : features[column - offset];
            double[] row = covariance[a];
            double cross = 0;
            int b = 0;
            for (int other = 0; other < column; other++) {
                if (coefficients.get(other).estimate() != null) {
                    cross += row[b++] * (other < offset ? 1.0 : features[other - offset]);
                }
            }
            variance += xa * (row[a] * xa + 2 * cross);
            a++;
        }
        return Math.max(variance, 0);
    }

    /** Whether there is a covariance matrix, and so standard errors of predictions. */
    @JsonIgnore
    public boolean hasCovariance() {
        return covariance != null;
    }

    @Override
    public double[][] covariance() {
        return covariance == null ? null : deepCopy(covariance);
    }

    private static double[][] deepCopy(double[][] matrix) {
        double[][] copy = new double[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            copy[i] = matrix[i].clone();
        }
        return copy;
    }
}
