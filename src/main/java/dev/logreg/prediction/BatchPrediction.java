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
        double[] probabilities,
        int[] labels,
        double[] logits,

        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "the interval's level, as asked for (only with interval)", example = "0.95")
        Double interval,

        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "per row, the standard error of the logit, sqrt(xhat^T Cov xhat) (only with interval)")
        double[] standardErrors,

        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "per row, sigma(logit - z standardError) (only with interval)")
        double[] lower,

        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "per row, sigma(logit + z standardError) (only with interval)")
        double[] upper) {}
