package dev.logreg.model;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One row of R's coefficient table. Every number is null for an aliased coefficient, and a
 * number that cannot be computed (a singular information matrix) is null too.
 *
 * @param oddsRatio {@code exp(estimate)}, null when it overflows; filled in from the estimate for
 *     models stored before it was recorded
 */
@Schema(description = "One row of the coefficient table; numbers are null for an aliased column")
public record CoefficientStatistics(
        @Schema(example = "(intercept)") String name,

        @Schema(
                types = {"number", "null"},
                example = "18.866")
        Double estimate,

        @Schema(
                types = {"number", "null"},
                description = "sqrt of the diagonal of the covariance options.covariance names (I(b)^-1 for model)",
                example = "7.444")
        Double standardError,

        @Schema(
                types = {"number", "null"},
                example = "2.534")
        Double zValue,

        @Schema(
                types = {"number", "null"},
                description = "two-sided normal p-value",
                example = "0.0113")
        Double pValue,

        @Schema(
                types = {"number", "null"},
                description = "95% Wald interval, lower end",
                example = "4.27")
        Double lower95,

        @Schema(
                types = {"number", "null"},
                description = "95% Wald interval, upper end",
                example = "33.46")
        Double upper95,

        @Schema(
                types = {"number", "null"},
                description = "exp(estimate): the factor by which the odds change per unit of the feature",
                example = "1.037")
        Double oddsRatio) {

    public CoefficientStatistics {
        if (oddsRatio == null && estimate != null && Double.isFinite(Math.exp(estimate))) {
            oddsRatio = Math.exp(estimate);
        }
    }

    /** A row whose odds ratio is {@code exp(estimate)}. */
    public CoefficientStatistics(
            String name,
            Double estimate,
            Double standardError,
            Double zValue,
            Double pValue,
            Double lower95,
            Double upper95) {
        this(name, estimate, standardError, zValue, pValue, lower95, upper95, null);
    }
}
