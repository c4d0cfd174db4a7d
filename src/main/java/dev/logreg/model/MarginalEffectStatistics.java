package dev.logreg.model;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Objects;

/**
 * Marginal effects on the probability, as statsmodels' {@code get_margeff(method = "dydx",
 * dummy = True)}: one per column, the intercept excluded.
 *
 * @param at {@code average} (over the training rows) or {@code mean} (at the mean row)
 */
@Schema(description = "Marginal effects dy/dx with delta-method standard errors (statsmodels' get_margeff)")
public record MarginalEffectStatistics(
        @Schema(
                allowableValues = {"average", "mean"},
                example = "average")
        String at,

        List<Effect> effects) {

    public MarginalEffectStatistics {
        Objects.requireNonNull(at, "at");
        effects = List.copyOf(effects);
    }

    /**
     * One column's effect; a 0/1 column (or a factor level) is a discrete change from 0 to 1 (from
     * the reference level). Numbers are null when not available (no covariance).
     */
    @Schema(description = "One column's marginal effect, intervals at options.level")
    public record Effect(
            @Schema(example = "wt") String name,

            @Schema(
                    description = "whether this is a discrete change (a 0/1 column or a factor level)",
                    example = "false")
            boolean discrete,

            @Schema(
                    types = {"number", "null"},
                    example = "-0.4416")
            Double dydx,

            @Schema(
                    types = {"number", "null"},
                    example = "0.1048")
            Double standardError,

            @Schema(
                    types = {"number", "null"},
                    example = "-4.21")
            Double zValue,

            @Schema(
                    types = {"number", "null"},
                    example = "2.5e-5")
            Double pValue,

            @Schema(
                    types = {"number", "null"},
                    example = "-0.647")
            Double lower,

            @Schema(
                    types = {"number", "null"},
                    example = "-0.236")
            Double upper) {}
}
