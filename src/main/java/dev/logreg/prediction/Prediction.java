package dev.logreg.prediction;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer for one sample; the interval fields are present only when an {@code interval} was
 * asked for.
 */
@Schema(description = "The prediction for one sample")
record Prediction(
        @Schema(example = "3f2a0c1e-5b7d-4f7e-9c1a-2b8f6d0e4a11")
        String modelId,

        @Schema(
                description = "sigma(logit); null when a value the model's formula needs is missing",
                types = {"number", "null"},
                example = "0.73")
        Double probability,

        @Schema(
                description = "1 when probability >= threshold; null with the probability",
                types = {"integer", "null"},
                example = "1")
        Integer label,

        @Schema(
                description = "b_0 + x^T b (+ the offset); null with the probability",
                types = {"number", "null"},
                example = "0.99")
        Double logit,

        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "the interval's level, as asked for (only with interval)", example = "0.95")
        Double interval,

        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(
                description = "standard error of the logit by the delta method, sqrt(xhat^T Cov xhat) with the"
                        + " model's covariance matrix (only with interval)",
                example = "1.18")
        Double standardError,

        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(
                description = "lower end of the interval for the probability, sigma(logit - z standardError)"
                        + " with z the normal quantile at (1 + interval) / 2 (only with interval)",
                example = "0.21")
        Double lower,

        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(
                description = "upper end of the interval for the probability, sigma(logit + z standardError)"
                        + " (only with interval)",
                example = "0.97")
        Double upper) {

    /** A prediction without an interval. */
    Prediction(String modelId, double probability, int label, double logit) {
        this(modelId, probability, label, logit, null, null, null, null);
    }

    /** No prediction: a value the model needs is missing. */
    static Prediction missing(String modelId) {
        return new Prediction(modelId, null, null, null, null, null, null, null);
    }
}
