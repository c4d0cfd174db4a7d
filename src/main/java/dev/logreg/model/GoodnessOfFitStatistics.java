package dev.logreg.model;

import io.swagger.v3.oas.annotations.media.Schema;

/** Goodness-of-fit tests on the training rows (frequency weights as repeated rows). */
@Schema(description = "Hosmer-Lemeshow and le Cessie-van Houwelingen goodness-of-fit tests on the training rows")
public record GoodnessOfFitStatistics(HosmerLemeshow hosmerLemeshow, LeCessieVanHouwelingen leCessieVanHouwelingen) {

    /** As {@code ResourceSelection::hoslem.test} with g = 10. */
    @Schema(description = "Hosmer-Lemeshow test, groups by deciles of the fitted probability (hoslem.test)")
    public record HosmerLemeshow(
            @Schema(description = "groups formed (fewer than 10 when deciles coincide)", example = "10")
            int groups,

            @Schema(
                    types = {"number", "null"},
                    example = "4.95")
            Double statistic,

            @Schema(description = "g - 2", example = "8") int df,

            @Schema(
                    types = {"number", "null"},
                    example = "0.763")
            Double pValue) {}

    /** As {@code rms::residuals.lrm(type = "gof")}. */
    @Schema(description = "le Cessie-van Houwelingen-Copas-Hosmer unweighted sum of squares test (rms)")
    public record LeCessieVanHouwelingen(
            @Schema(
                    types = {"number", "null"},
                    example = "1.491")
            Double sumOfSquares,

            @Schema(
                    types = {"number", "null"},
                    example = "1.424")
            Double expected,

            @Schema(
                    types = {"number", "null"},
                    example = "0.186")
            Double sd,

            @Schema(
                    types = {"number", "null"},
                    example = "0.363")
            Double zValue,

            @Schema(
                    types = {"number", "null"},
                    example = "0.717")
            Double pValue) {}
}
