package dev.logreg.model;

import java.time.Instant;
import java.util.List;

/** Models and stores for controller slice tests. */
public final class TestModels {

    private TestModels() {}

    /** A stored-model-shaped value: u = 1 + 2 hp - 3 wt. */
    public static Model example(String id) {
        TrainingOptions options =
                new TrainingOptions("newton", true, 0, 100, 1e-8, 0.5, 32, 50, 0, false, "ml", "model");
        TrainingSummary training = new TrainingSummary(
                "newton",
                true,
                3,
                0.3,
                1e-12,
                new double[] {0.69, 0.4, 0.3, 0.3},
                "GRADIENT_TOLERANCE",
                1.0,
                10,
                2,
                10,
                List.of());
        Statistics statistics = new Statistics(
                List.of(
                        new CoefficientStatistics("(intercept)", 1.0, 0.5, 2.0, 0.05, 0.02, 1.98),
                        new CoefficientStatistics("hp", 2.0, 1.0, 2.0, 0.05, 0.04, 3.96),
                        new CoefficientStatistics("wt", -3.0, 1.5, -2.0, 0.05, -5.94, -0.06)),
                -4.0,
                8.0,
                13.0,
                14.0,
                15.0,
                0.38,
                0.01,
                3,
                new double[][] {{0.25, 0, 0}, {0, 1, 0}, {0, 0, 2.25}});
        Metrics metrics = new Metrics(0.8, 0.3, 0.9, 0.1, new Metrics.ConfusionMatrix(4, 1, 4, 1));
        Diagnostics diagnostics = new Diagnostics(
                new Diagnostics.Roc(new double[] {0, 0, 0.2, 1}, new double[] {0, 0.6, 0.8, 1}),
                List.of(
                        new Diagnostics.CalibrationBin(0.1, 0.2, 0.15, 0.2, 5, 5),
                        new Diagnostics.CalibrationBin(0.8, 0.9, 0.85, 0.8, 5, 5)),
                10);
        Provenance provenance = new Provenance(
                "0".repeat(64),
                "logreg-dataset-v1",
                null,
                10,
                2,
                10,
                "0.1.0",
                "17.0.15+6 (Eclipse Adoptium)",
                "0.46.1",
                2,
                "Vector API, 4 doubles per vector",
                options,
                new Provenance.Timings(0.5, 0.01, 1.0, 0.25, 1.8));
        return new Model(
                id,
                "example",
                Instant.parse("2026-11-24T00:00:00Z"),
                List.of("hp", "wt"),
                1.0,
                new double[] {2.0, -3.0},
                options,
                training,
                statistics,
                metrics,
                diagnostics,
                provenance);
    }

    /** The real in-memory store. */
    public static ModelStore inMemoryStore() {
        return new InMemoryModelStore(Integer.MAX_VALUE, Long.MAX_VALUE);
    }
}
