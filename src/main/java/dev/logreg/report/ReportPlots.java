package dev.logreg.report;

import dev.logreg.model.Diagnostics;
import dev.logreg.model.ElasticNetSummary;
import dev.logreg.model.Metrics;
import dev.logreg.model.Model;
import dev.logreg.model.TrainingSummary;
import java.util.List;
import java.util.Locale;

/** The report's three plots of a model, as SVG. */
final class ReportPlots {

    /** Square plots: ROC and reliability diagrams compare x with y on the same scale. */
    private static final int SIZE = 420;

    /** The unit interval with a little room, so a curve along an edge stays visible. */
    private static final double LOW = -0.02;

    private static final double HIGH = 1.02;

    /**
     * The rows-per-bin strip under the reliability diagram; the two together are as tall as the
     * other plots.
     */
    private static final int HISTOGRAM_HEIGHT = 116;

    /** A loss history longer than this is drawn from every k-th point (and the last). */
    private static final int MAX_HISTORY_POINTS = 1000;

    /** Iterations up to this many get a marker each. */
    private static final int MAX_MARKED_ITERATIONS = 60;

    private ReportPlots() {}

    /**
     * The ROC curve of the training data, its area shaded, with the AUC and the point where the
     * metrics' threshold 0.5 operates ({@code TPR = TP / (TP + FN)}, {@code FPR = FP / (FP + TN)}).
     */
    static String roc(Model model) {
        Diagnostics.Roc roc = model.diagnostics().roc();
        double[] fpr = roc.falsePositiveRates();
        double[] tpr = roc.truePositiveRates();
        SvgPlot plot = new SvgPlot(
                SIZE,
                SIZE,
                "ROC curve (training data)",
                SvgPlot.Axis.linear("false positive rate", LOW, HIGH),
                SvgPlot.Axis.linear("true positive rate", LOW, HIGH));
        plot.segment(0, 0, 1, 1, "reference");
        Double auc = model.metrics().rocAuc();
        String description;
        if (fpr.length == 0 || auc == null) {
            plot.message("Undefined: only one class has weight");
            description = "No ROC curve: only one class has weight in the training data.";
        } else {
            plot.area(fpr, tpr, 0, "series-area").line(fpr, tpr, "series");
            Metrics.ConfusionMatrix matrix = model.metrics().confusionMatrix();
            double operatingTpr = matrix.truePositives() / (matrix.truePositives() + matrix.falseNegatives());
            double operatingFpr = matrix.falsePositives() / (matrix.falsePositives() + matrix.trueNegatives());
            String operating =
                    String.format(Locale.ROOT, "threshold 0.5: TPR %.3f, FPR %.3f", operatingTpr, operatingFpr);
            boolean nearRightEdge = operatingFpr > 0.8;
            plot.point(operatingFpr, operatingTpr, 5, "operating-point", operating)
                    .label(
                            operatingFpr,
                            operatingTpr,
                            nearRightEdge ? -9 : 9,
                            16,
                            "0.5",
                            nearRightEdge ? "point-label label-left" : "point-label");
            plot.note(SvgPlot.Corner.BOTTOM_RIGHT, "AUC = " + Numbers.fixed(auc, 3), operating);
            description = "ROC curve through " + fpr.length + " points; area under the curve " + Numbers.fixed(auc, 3)
                    + ". The diagonal is a classifier that guesses.";
        }
        return plot.render("roc-plot", description);
    }

    /**
     * The reliability diagram: per bin of predicted probability, the observed rate against the
     * mean prediction, each point's area growing with the bin's weight; under it, sharing its x
     * axis, the rows per bin as a histogram.
     */
    static String calibration(Model model) {
        List<Diagnostics.CalibrationBin> bins = model.diagnostics().calibration();
        SvgPlot diagram = new SvgPlot(
                SIZE,
                SIZE - HISTOGRAM_HEIGHT,
                "Calibration (training data)",
                SvgPlot.Axis.linear("mean predicted probability", LOW, HIGH),
                SvgPlot.Axis.linear("observed rate of label 1", LOW, HIGH));
        diagram.segment(0, 0, 1, 1, "reference");
        double[] predicted = new double[bins.size()];
        double[] observed = new double[bins.size()];
        double heaviest = 0;
        int mostRows = 1;
        for (int k = 0; k < bins.size(); k++) {
            predicted[k] = bins.get(k).meanPredicted();
            observed[k] = bins.get(k).observedRate();
            heaviest = Math.max(heaviest, bins.get(k).weight());
            mostRows = Math.max(mostRows, bins.get(k).rows());
        }
        diagram.line(predicted, observed, "series thin");
        SvgPlot histogram = new SvgPlot(
                SIZE,
                HISTOGRAM_HEIGHT,
                "",
                SvgPlot.Axis.linear("", LOW, HIGH),
                SvgPlot.Axis.linear("rows", 0, mostRows * 1.35));
        for (Diagnostics.CalibrationBin bin : bins) {
            String tooltip = String.format(
                    Locale.ROOT,
                    "predicted %s to %s: mean prediction %.3f, observed %.3f, %d rows, weight %s",
                    Numbers.fixed(bin.lower(), 1),
                    Numbers.fixed(bin.upper(), 1),
                    bin.meanPredicted(),
                    bin.observedRate(),
                    bin.rows(),
                    Numbers.significant(bin.weight(), 4));
            diagram.point(
                    bin.meanPredicted(),
                    bin.observedRate(),
                    3.5 + 6.5 * Math.sqrt(bin.weight() / heaviest),
                    "marker",
                    tooltip);
            histogram
                    .bar(bin.lower() + 0.005, bin.upper() - 0.005, 0, bin.rows(), "bar", tooltip)
                    .label(
                            (bin.lower() + bin.upper()) / 2,
                            bin.rows(),
                            0,
                            -4,
                            Integer.toString(bin.rows()),
                            "bar-label");
        }
        return diagram.render(
                        "calibration-plot",
                        "Reliability diagram with " + bins.size()
                                + " bins of predicted probability: observed rate"
                                + " against mean prediction; the diagonal is"
                                + " perfect calibration.")
                + histogram.render(
                        "calibration-counts", "Rows of the training data in each bin of predicted" + " probability.");
    }

    /**
     * An elastic net's coefficient path: each feature's coefficient (original scale) against lambda on
     * a log scale, largest lambda left as glmnet's {@code plot(fit, xvar = "lambda")} draws it
     * mirrored; the selected lambda marked. Null for other models.
     */
    static String coefficientPath(Model model) {
        ElasticNetSummary elasticNet = model.elasticNet();
        if (elasticNet == null) {
            return null;
        }
        ElasticNetSummary.Path path = elasticNet.path();
        double[] lambdas = positive(path.lambda());
        if (lambdas.length < 2) {
            return null;
        }
        int d = model.numFeatures();
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int l = 0; l < lambdas.length; l++) {
            for (double value : path.coefficients().get(l)) {
                low = Math.min(low, value);
                high = Math.max(high, value);
            }
        }
        double pad = Math.max((high - low) * 0.05, 1e-12);
        SvgPlot plot = new SvgPlot(
                SIZE,
                SIZE,
                "Coefficient path",
                SvgPlot.Axis.log("lambda  (log scale)", lambdas[lambdas.length - 1], lambdas[0]),
                SvgPlot.Axis.linear("coefficient", low - pad, high + pad));
        double[] ys = new double[lambdas.length];
        for (int j = 0; j < d; j++) {
            for (int l = 0; l < lambdas.length; l++) {
                ys[l] = path.coefficients().get(l)[j];
            }
            plot.line(lambdas, ys, "series");
            plot.point(
                    lambdas[lambdas.length - 1],
                    ys[lambdas.length - 1],
                    3,
                    "marker small",
                    model.featureNames().get(j));
        }
        markSelected(plot, elasticNet.selectedLambda(), low - pad, high + pad);
        return plot.render(
                "coefficient-path-plot",
                "Each feature's coefficient against lambda (log scale), the selected lambda marked.");
    }

    /**
     * An elastic net's cross-validation curve: cvm against lambda (log scale) with error bars of one
     * cvsd, lambda.min and lambda.1se marked, as glmnet's {@code plot(cv.glmnet)}. Null without one.
     */
    static String crossValidation(Model model) {
        ElasticNetSummary elasticNet = model.elasticNet();
        if (elasticNet == null || elasticNet.crossValidation() == null) {
            return null;
        }
        ElasticNetSummary.CrossValidationSummary cv = elasticNet.crossValidation();
        double[] lambdas = elasticNet.path().lambda();
        int shown = positive(lambdas).length;
        if (shown < 2) {
            return null;
        }
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int l = 0; l < shown; l++) {
            low = Math.min(low, cv.cvm()[l] - cv.cvsd()[l]);
            high = Math.max(high, cv.cvm()[l] + cv.cvsd()[l]);
        }
        double pad = Math.max((high - low) * 0.05, 1e-12);
        SvgPlot plot = new SvgPlot(
                SIZE,
                SIZE,
                "Cross-validation (" + cv.folds() + " folds)",
                SvgPlot.Axis.log("lambda  (log scale)", lambdas[shown - 1], lambdas[0]),
                SvgPlot.Axis.linear(cv.measure(), low - pad, high + pad));
        for (int l = 0; l < shown; l++) {
            plot.segment(lambdas[l], cv.cvm()[l] - cv.cvsd()[l], lambdas[l], cv.cvm()[l] + cv.cvsd()[l], "series");
            plot.point(
                    lambdas[l],
                    cv.cvm()[l],
                    2.5,
                    "marker small",
                    String.format(Locale.ROOT, "lambda %.4g: %.6g \u00b1 %.3g", lambdas[l], cv.cvm()[l], cv.cvsd()[l]));
        }
        markSelected(plot, cv.lambdaMin(), low - pad, high + pad);
        markSelected(plot, cv.lambda1se(), low - pad, high + pad);
        plot.note(
                SvgPlot.Corner.TOP_RIGHT,
                "lambda.min = " + Numbers.significant(cv.lambdaMin(), 4),
                "lambda.1se = " + Numbers.significant(cv.lambda1se(), 4));
        return plot.render(
                "cross-validation-plot",
                "The cross-validated " + cv.measure() + " with one standard error against lambda (log scale),"
                        + " lambda.min and lambda.1se marked.");
    }

    /** The leading positive lambdas (a log axis cannot show 0). */
    private static double[] positive(double[] lambdas) {
        int count = 0;
        while (count < lambdas.length && lambdas[count] > 0) {
            count++;
        }
        return java.util.Arrays.copyOf(lambdas, count);
    }

    private static void markSelected(SvgPlot plot, double lambda, double low, double high) {
        if (lambda > 0) {
            plot.segment(lambda, low, lambda, high, "reference");
        }
    }

    /**
     * The loss by iteration: the distance to the smallest loss reached, {@code L_k - min L}, on a
     * log scale, where Newton's quadratic convergence shows as a plunge; the loss itself on a
     * linear scale when there is no such distance to draw (a single iteration).
     */
    static String convergence(Model model) {
        TrainingSummary training = model.training();
        double[] history = training.lossHistory();
        boolean epochs = "sgd".equals(training.solver());
        String step = epochs ? "epoch" : "iteration";
        double smallest = Double.POSITIVE_INFINITY;
        for (double loss : history) {
            smallest = Math.min(smallest, loss);
        }
        int stride = Math.max(1, (history.length + MAX_HISTORY_POINTS - 1) / MAX_HISTORY_POINTS);
        int shown = (history.length - 1) / stride + 1 + ((history.length - 1) % stride == 0 ? 0 : 1);
        double[] steps = new double[shown];
        double[] gaps = new double[shown];
        double[] losses = new double[shown];
        double smallestGap = Double.POSITIVE_INFINITY;
        double largestGap = 0;
        for (int k = 0; k < shown; k++) {
            int index = Math.min(k * stride, history.length - 1);
            steps[k] = index;
            losses[k] = history[index];
            gaps[k] = history[index] - smallest;
            if (gaps[k] > 0) {
                smallestGap = Math.min(smallestGap, gaps[k]);
                largestGap = Math.max(largestGap, gaps[k]);
            }
        }
        double lastStep = Math.max(history.length - 1, 5);
        SvgPlot.Axis x = SvgPlot.Axis.linear(step, 0, lastStep);
        SvgPlot plot;
        double[] ys;
        if (largestGap > 0) {
            double low = Math.pow(10, Math.floor(Math.log10(smallestGap)));
            double high = Math.pow(10, Math.ceil(Math.log10(largestGap)));
            plot = new SvgPlot(
                    SIZE,
                    SIZE,
                    "Convergence of the loss",
                    x,
                    SvgPlot.Axis.log("L(b) \u2212 min L  (log scale)", low, high > low ? high : low * 10));
            ys = gaps;
        } else {
            double level = history.length == 0 ? 0 : history[0];
            double pad = Math.max(Math.abs(level) * 0.1, 1e-3);
            plot = new SvgPlot(SIZE, SIZE, "Loss by " + step, x, SvgPlot.Axis.linear("L(b)", level - pad, level + pad));
            ys = losses;
        }
        plot.line(steps, ys, "series");
        if (history.length <= MAX_MARKED_ITERATIONS) {
            for (int k = 0; k < shown; k++) {
                plot.point(
                        steps[k],
                        ys[k],
                        3,
                        "marker small",
                        String.format(Locale.ROOT, "%s %d: L = %.10g", step, (int) steps[k], losses[k]));
            }
        }
        plot.note(
                SvgPlot.Corner.TOP_RIGHT,
                "min L = " + Numbers.significant(smallest, 6),
                training.iterations() + " " + step + (training.iterations() == 1 ? "" : "s") + ", "
                        + (training.converged() ? "converged" : "not converged"));
        return plot.render(
                "convergence-plot",
                "The training loss after each " + step + ", "
                        + (largestGap > 0
                                ? "as its distance to the smallest loss on a log scale."
                                : "on a linear scale."));
    }
}
