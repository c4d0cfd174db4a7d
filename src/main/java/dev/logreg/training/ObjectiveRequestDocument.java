package dev.logreg.training;

import io.swagger.v3.oas.annotations.media.Schema;

/** The shape of the body of {@code POST /objective}, for the OpenAPI document only. */
@Schema(name = "ObjectiveRequest", description = "A dataset and coefficients b = [b0, b1, ..., bd]")
record ObjectiveRequestDocument(
        @Schema(
                description = "N rows of d finite numbers",
                requiredMode = Schema.RequiredMode.REQUIRED,
                example = "[[110, 2.62], [110, 2.875], [93, 2.32]]")
        double[][] features,

        @Schema(description = "N labels in [0, 1]", requiredMode = Schema.RequiredMode.REQUIRED, example = "[1, 1, 1]")
        double[] labels,

        @Schema(description = "N frequency weights >= 0; default 1", example = "[1, 1, 2]")
        double[] weights,

        @Schema(
                description = "d + 1 coefficients, the intercept first",
                requiredMode = Schema.RequiredMode.REQUIRED,
                example = "[18.87, 0.0363, -8.08]")
        double[] coefficients,

        @Schema(description = "ridge penalty on b_1..d", defaultValue = "0", minimum = "0")
        Double l2) {}
