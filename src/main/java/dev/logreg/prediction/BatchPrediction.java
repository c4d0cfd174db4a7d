package dev.logreg.prediction;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answers for a batch, in request order; the interval arrays are present only when an
 * {@code interval} was asked for.
 */
@Schema(description = "Predictions for a batch, in request order")
record BatchPrediction(
        String modelId,

        @Schema(description = "per row, sigma(logit); null for a row missing a value the model's formula needs")
        Double[] probabilities,

        @Schema(description = "per row, 1 when probability >= threshold; null with the probability")
        Integer[] labels,

        @Schema(description = "per row, b_0 + x^T b (+ the offset); null with the probability")
        Double[] logits,

        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "the interval's level, as asked for (only with interval)", example = "0.95")
        Double interval,

        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "per row, the standard error of the logit, sqrt(xhat^T Cov xhat) (only with interval)")
        Double[] standardErrors,

        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "per row, sigma(logit - z standardError) (only with interval)")
        Double[] lower,

        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "per row, sigma(logit + z standardError) (only with interval)")
        Double[] upper) {}
