package dev.logreg.prediction;

import io.swagger.v3.oas.annotations.media.Schema;

/** The answer for one sample. */
@Schema(description = "The prediction for one sample")
record Prediction(
        @Schema(example = "3f2a0c1e-5b7d-4f7e-9c1a-2b8f6d0e4a11") String modelId,
        @Schema(description = "sigma(logit)", example = "0.73") double probability,
        @Schema(description = "1 when probability >= threshold", example = "1") int label,
        @Schema(description = "b_0 + x^T b", example = "0.99") double logit) {
}
