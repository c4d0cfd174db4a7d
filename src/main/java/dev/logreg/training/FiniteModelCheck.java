package dev.logreg.training;

import dev.logreg.model.Diagnostics;
import dev.logreg.model.Metrics;
import dev.logreg.model.Model;
import dev.logreg.model.TrainingSummary;

/**
 * Finds a number in a model that is not finite. The assembler turns a non-finite statistic into
 * null, but the coefficients, the loss and the metrics have no null: a fit that overflowed there
 * (a solver stepping to 1e299 on features of scale 1e300, say) is no model to store or to send.
 */
final class FiniteModelCheck {

    private FiniteModelCheck() {}

    /** The first field holding NaN or an infinity, as a JSON path, or null when all are finite. */
    static String firstNonFinite(Model model) {
        String where = first("intercept", model.intercept());
        where = where != null ? where : first("coefficients", model.coefficients());
        TrainingSummary training = model.training();
        where = where != null ? where : first("training.loss", training.loss());
        where = where != null ? where : first("training.gradientNorm", training.gradientNorm());
        where = where != null ? where : first("training.lossHistory", training.lossHistory());
        where = where != null ? where : first("training.totalWeight", training.totalWeight());
        double[][] covariance =
                model.statistics() == null ? null : model.statistics().covariance();
        for (int i = 0; covariance != null && i < covariance.length && where == null; i++) {
            where = first("statistics.covariance[" + i + "]", covariance[i]);
        }
        Metrics metrics = model.metrics();
        Metrics.ConfusionMatrix confusion = metrics.confusionMatrix();
        where = where != null
                ? where
                : first(
                        "metrics",
                        metrics.accuracy(),
                        metrics.logLoss(),
                        metrics.brierScore(),
                        confusion.truePositives(),
                        confusion.falsePositives(),
                        confusion.trueNegatives(),
                        confusion.falseNegatives());
        Diagnostics diagnostics = model.diagnostics();
        where = where != null
                ? where
                : first("diagnostics.roc", diagnostics.roc().falsePositiveRates());
        where = where != null
                ? where
                : first("diagnostics.roc", diagnostics.roc().truePositiveRates());
        for (Diagnostics.CalibrationBin bin : diagnostics.calibration()) {
            where = where != null
                    ? where
                    : first(
                            "diagnostics.calibration",
                            bin.lower(),
                            bin.upper(),
                            bin.meanPredicted(),
                            bin.observedRate(),
                            bin.weight());
        }
        return where;
    }

    private static String first(String field, double... values) {
        for (double value : values) {
            if (!Double.isFinite(value)) {
                return field;
            }
        }
        return null;
    }
}
