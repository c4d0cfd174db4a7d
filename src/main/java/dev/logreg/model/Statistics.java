package dev.logreg.model;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * What R's {@code summary.glm} reports. A number that is not defined for this fit (for example
 * McFadden's R^2 when the null log-likelihood is 0) is null, never NaN.
 *
 * @param covariance {@code I(b)^-1} over the estimated (non-aliased) coefficients, in the order
 *     of {@code coefficients}; null when the information matrix is singular
 */
@Schema(description = "Inference as R's summary.glm: Wald statistics, deviances, information criteria")
public record Statistics(
        List<CoefficientStatistics> coefficients,
        @Schema(types = {"number", "null"}, description = "sum w [y log mu + (1 - y) log(1 - mu)]", example = "-5.03") Double logLikelihood,
        @Schema(types = {"number", "null"}, description = "binomial deviance, relative to the saturated model", example = "10.06") Double deviance,
        @Schema(types = {"number", "null"}, description = "deviance of the intercept-only model (mu = 0.5 without intercept)", example = "43.23")
        Double nullDeviance,
        @Schema(types = {"number", "null"}, example = "16.06") Double aic,
        @Schema(types = {"number", "null"}, example = "20.45") Double bic,
        @Schema(types = {"number", "null"}, description = "null when the null log-likelihood is 0 (one class)", example = "0.77") Double mcFaddenR2,
        @Schema(types = {"number", "null"}, description = "likelihood-ratio test against the null model", example = "1.0e-6")
        Double likelihoodRatioPValue,
        @Schema(description = "number of estimated (non-aliased) coefficients", example = "3") int rank,
        @Schema(types = {"array", "null"}, description = "covariance matrix of the estimated (non-aliased) coefficients; null when I(b) is singular") double[][] covariance) {

    public Statistics {
        coefficients = List.copyOf(coefficients);
        covariance = covariance == null ? null : deepCopy(covariance);
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
