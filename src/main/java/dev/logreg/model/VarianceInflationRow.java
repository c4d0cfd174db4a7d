package dev.logreg.model;

import io.swagger.v3.oas.annotations.media.Schema;

/** One term's generalised variance inflation (Fox and Monette), as {@code car::vif}. */
@Schema(description = "Generalised variance inflation of one term (car::vif)")
public record VarianceInflationRow(
        @Schema(example = "hp") String term,

        @Schema(
                types = {"number", "null"},
                example = "2.444")
        Double gvif,

        @Schema(description = "the term's columns", example = "1")
        int df,

        @Schema(
                types = {"number", "null"},
                description = "GVIF^(1/(2 df))",
                example = "1.563")
        Double gvifAdjusted) {}
