package dev.logreg.training;

import dev.logreg.model.Diagnostics;
import dev.logreg.model.Metrics;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A stored model on labelled rows it was not trained on; nothing is stored.
 *
 * @param roc the ROC curve's points (at most 200), empty when one class has no weight
 * @param reliability the reliability diagram's bins of width 0.1 (the empty ones left out)
 */
@Schema(description = "A stored model evaluated on new labelled rows; nothing is stored")
record EvaluationResult(
        @Schema(example = "3f2a0c1e-5b7d-4f7e-9c1a-2b8f6d0e4a11")
        String modelId,

        @Schema(example = "332") int numSamples,
        @Schema(example = "332") double totalWeight,
        @Schema(example = "0.5") double threshold,
        Metrics metrics,
        Calibration calibration,
        List<RocPoint> roc,
        List<Diagnostics.CalibrationBin> reliability) {

    EvaluationResult {
        roc = List.copyOf(roc);
        reliability = List.copyOf(reliability);
    }

    /**
     * The logistic recalibration of the model's logits on the rows, as rms::val.prob's Intercept and
     * Slope: (0, 1) for a calibrated model, a slope below 1 for an overfitted one.
     */
    @Schema(description = "Logistic recalibration y ~ sigma(intercept + slope * logit) on the rows (rms::val.prob)")
    record Calibration(
            @Schema(
                    types = {"number", "null"},
                    description = "null when the logits separate the classes",
                    example = "0.02")
            Double intercept,

            @Schema(
                    types = {"number", "null"},
                    description = "null when the logits separate the classes",
                    example = "0.92")
            Double slope) {}

    @Schema(description = "One point of the ROC curve")
    record RocPoint(
            @Schema(example = "0.1") double falsePositiveRate,
            @Schema(example = "0.6") double truePositiveRate) {}
}
