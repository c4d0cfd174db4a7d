package dev.logreg.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a model read back from storage is one this service could have written: every array as
 * long as the feature count says, the covariance {@code r x r} for the {@code r} estimated
 * coefficients, every number finite (a null where the format allows one). The record's own
 * constructors check only what they need to exist; a file edited by hand, cut and mended, or
 * written by a bug can hold a model they accept that would then fail a prediction with an
 * exception (an interval on a covariance of the wrong size), so such a model is not loaded.
 */
final class StoredModelCheck {

    private StoredModelCheck() {}

    /** What is wrong with {@code model}, naming the field, or null when it is sound. */
    static String firstProblem(Model model) {
        List<String> names = model.featureNames();
        int d = names.size();
        Set<String> distinct = new HashSet<>();
        for (String name : names) {
            if (name == null || !distinct.add(name)) {
                return "featureNames: a null or repeated name";
            }
        }
        String where = firstNonFinite("intercept", model.intercept());
        where = where != null ? where : firstNonFinite("coefficients", model.coefficients());
        // An elastic-net model has no statistics (no Wald inference for a penalised fit).
        where = where != null || model.statistics() == null
                ? where
                : statistics(model.statistics(), d + (model.options().fitIntercept() ? 1 : 0));
        where = where != null ? where : training(model.training(), d);
        where = where != null ? where : metrics(model.metrics());
        return where != null ? where : diagnostics(model.diagnostics());
    }

    /** The coefficient table has {@code p} rows; the covariance is r x r for the r estimated ones. */
    private static String statistics(Statistics statistics, int p) {
        List<CoefficientStatistics> rows = statistics.coefficients();
        if (rows.size() != p) {
            return "statistics.coefficients: " + rows.size() + " rows for " + p + " coefficients";
        }
        int estimated = 0;
        for (CoefficientStatistics row : rows) {
            if (row.name() == null) {
                return "statistics.coefficients: a row without a name";
            }
            if (row.estimate() != null) {
                estimated++;
            }
            String where = firstPresentNonFinite(
                    "statistics.coefficients",
                    row.estimate(),
                    row.standardError(),
                    row.zValue(),
                    row.pValue(),
                    row.lower95(),
                    row.upper95());
            if (where != null) {
                return where;
            }
        }
        if (statistics.rank() != estimated) {
            return "statistics.rank: " + statistics.rank() + " with " + estimated + " estimated coefficients";
        }
        double[][] covariance = statistics.covariance();
        if (covariance != null) {
            if (covariance.length != estimated) {
                return "statistics.covariance: " + covariance.length + " rows for " + estimated + " estimates";
            }
            for (double[] row : covariance) {
                if (row == null || row.length != estimated) {
                    return "statistics.covariance: a row that is not " + estimated + " long";
                }
                String where = firstNonFinite("statistics.covariance", row);
                if (where != null) {
                    return where;
                }
            }
        }
        return firstPresentNonFinite(
                "statistics",
                statistics.logLikelihood(),
                statistics.deviance(),
                statistics.nullDeviance(),
                statistics.aic(),
                statistics.bic(),
                statistics.mcFaddenR2(),
                statistics.likelihoodRatioPValue());
    }

    private static String training(TrainingSummary training, int d) {
        if (training.numFeatures() != d) {
            return "training.numFeatures: " + training.numFeatures() + " for " + d + " feature names";
        }
        String where = firstNonFinite(
                "training",
                training.loss(),
                training.gradientNorm(),
                training.durationMillis(),
                training.totalWeight());
        return where != null ? where : firstNonFinite("training.lossHistory", training.lossHistory());
    }

    private static String metrics(Metrics metrics) {
        Metrics.ConfusionMatrix confusion = metrics.confusionMatrix();
        if (confusion == null) {
            return "metrics.confusionMatrix: missing";
        }
        String where = firstNonFinite("metrics", metrics.accuracy(), metrics.logLoss(), metrics.brierScore());
        where = where != null ? where : firstPresentNonFinite("metrics.rocAuc", metrics.rocAuc());
        return where != null
                ? where
                : firstNonFinite(
                        "metrics.confusionMatrix",
                        confusion.truePositives(),
                        confusion.falsePositives(),
                        confusion.trueNegatives(),
                        confusion.falseNegatives());
    }

    private static String diagnostics(Diagnostics diagnostics) {
        String where = firstNonFinite("diagnostics.roc", diagnostics.roc().falsePositiveRates());
        where = where != null
                ? where
                : firstNonFinite("diagnostics.roc", diagnostics.roc().truePositiveRates());
        for (Diagnostics.CalibrationBin bin : diagnostics.calibration()) {
            where = where != null
                    ? where
                    : firstNonFinite(
                            "diagnostics.calibration",
                            bin.lower(),
                            bin.upper(),
                            bin.meanPredicted(),
                            bin.observedRate(),
                            bin.weight());
        }
        return where;
    }

    private static String firstNonFinite(String field, double... values) {
        for (double value : values) {
            if (!Double.isFinite(value)) {
                return field + ": " + value + " is not a finite number";
            }
        }
        return null;
    }

    /** Nulls are allowed here (a statistic not defined for the fit); NaN and infinities are not. */
    private static String firstPresentNonFinite(String field, Double... values) {
        for (Double value : values) {
            if (value != null && !Double.isFinite(value)) {
                return field + ": " + value + " is not a finite number";
            }
        }
        return null;
    }
}
