package dev.logreg.model;

import java.util.List;

/**
 * An upper estimate of the heap a stored {@link Model} holds, from its arrays and strings, so
 * that the store's byte capacity ({@code logreg.store.max-bytes}) bounds the memory models take.
 *
 * <p>A {@code double[n]} takes {@code 16 + 8n} bytes, a string of length {@code c} at most
 * {@code 40 + 2c}, and every small object (a record, a boxed {@code Double}) is counted as
 * {@code 16} bytes plus {@code 8} per field. The covariance matrix, {@code p (16 + 8p)}, dominates
 * for wide models; the ROC curve (at most 200 points) and the loss history for long ones.
 */
final class ModelFootprint {

    private static final long OBJECT = 16;
    private static final long FIELD = 8;

    private ModelFootprint() {}

    static long bytes(Model model) {
        long bytes = object(11) + string(model.id()) + string(model.name()) + object(2);
        bytes += strings(model.featureNames()) + doubles(model.numFeatures());
        bytes += object(10) + string(model.options().solver());
        TrainingSummary training = model.training();
        bytes += object(12)
                + string(training.solver())
                + string(training.stopReason())
                + doubles(training.lossHistory().length);
        for (ModelWarning warning : training.warnings()) {
            bytes += object(2) + string(warning.code()) + string(warning.message());
        }
        Statistics statistics = model.statistics();
        if (statistics != null) {
            bytes += statistics(statistics);
        }
        ElasticNetSummary elasticNet = model.elasticNet();
        if (elasticNet != null) {
            ElasticNetSummary.Path path = elasticNet.path();
            int lambdas = path.lambda().length;
            bytes += object(4) + object(5) + 4 * doubles(lambdas) + lambdas * doubles(model.numFeatures());
            if (elasticNet.crossValidation() != null) {
                bytes += object(6) + 2 * doubles(lambdas);
            }
        }
        bytes += object(5) + object(1) + object(4);
        Diagnostics diagnostics = model.diagnostics();
        bytes += object(3)
                + object(2)
                + 2 * doubles(diagnostics.roc().falsePositiveRates().length)
                + diagnostics.calibration().size() * object(6);
        return bytes;
    }

    private static long statistics(Statistics statistics) {
        long bytes = object(10) + 7 * object(1);
        for (CoefficientStatistics row : statistics.coefficients()) {
            bytes += object(7) + string(row.name()) + 6 * object(1);
        }
        double[][] covariance = statistics.covariance();
        if (covariance != null) {
            bytes += OBJECT + FIELD * covariance.length;
            for (double[] row : covariance) {
                bytes += doubles(row.length);
            }
        }
        return bytes;
    }

    private static long object(int fields) {
        return OBJECT + FIELD * fields;
    }

    private static long doubles(int length) {
        return OBJECT + 8L * length;
    }

    private static long string(String text) {
        return text == null ? 0 : 40 + 2L * text.length();
    }

    private static long strings(List<String> texts) {
        long bytes = OBJECT + FIELD * texts.size();
        for (String text : texts) {
            bytes += string(text);
        }
        return bytes;
    }
}
