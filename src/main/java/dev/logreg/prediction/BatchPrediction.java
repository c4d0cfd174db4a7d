package dev.logreg.prediction;

import io.swagger.v3.oas.annotations.media.Schema;

/** The answers for a batch, in request order. */
@Schema(description = "Predictions for a batch, in request order")
record BatchPrediction(String modelId, double[] probabilities, int[] labels, double[] logits) {
}
