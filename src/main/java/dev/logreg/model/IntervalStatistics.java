package dev.logreg.model;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Confidence intervals of the coefficients at a level, intercept first, and of their odds ratios
 * ({@code exp} of the bounds). An entry is null for an aliased column, or a side that does not exist
 * (a profile interval under separation).
 *
 * @param type {@code wald} (from the covariance {@code options.covariance} names) or {@code profile}
 *     (profile likelihood)
 */
@Schema(description = "Confidence intervals at options.level, intercept first, and their odds ratios")
public record IntervalStatistics(
        @Schema(
                allowableValues = {"wald", "profile"},
                example = "profile")
        String type,

        @Schema(example = "0.95") double level,

        @ArraySchema(schema = @Schema(types = {"number", "null"}), arraySchema = @Schema(example = "[8.37, 0.0106]"))
        List<Double> lower,

        @ArraySchema(schema = @Schema(types = {"number", "null"}), arraySchema = @Schema(example = "[40.55, 0.0906]"))
        List<Double> upper,

        @ArraySchema(schema = @Schema(types = {"number", "null"}), arraySchema = @Schema(example = "[4327.4, 1.0107]"))
        List<Double> oddsRatioLower,

        @ArraySchema(schema = @Schema(types = {"number", "null"}), arraySchema = @Schema(example = "[4.0e17, 1.0948]"))
        List<Double> oddsRatioUpper) {

    public IntervalStatistics {
        Objects.requireNonNull(type, "type");
        lower = Collections.unmodifiableList(new ArrayList<>(lower));
        upper = Collections.unmodifiableList(new ArrayList<>(upper));
        oddsRatioLower = Collections.unmodifiableList(new ArrayList<>(oddsRatioLower));
        oddsRatioUpper = Collections.unmodifiableList(new ArrayList<>(oddsRatioUpper));
    }
}
