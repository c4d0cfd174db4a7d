package dev.logreg.math;

import dev.logreg.math.kernel.RocBlock;
import java.util.Arrays;

/**
 * The ROC curve of scores against labels, weighted, as at most a bounded number of its vertices.
 *
 * <p>With {@code P = sum w_i y_i} and {@code N = sum w_i (1 - y_i)} (a soft label counts as part
 * positive, part negative, as in {@link ClassificationMetrics}), lowering a threshold {@code t}
 * through the distinct scores gives the vertices
 *
 * <pre>
 *   TPR(t) = (1 / P) sum_{s_i >= t} w_i y_i,      FPR(t) = (1 / N) sum_{s_i >= t} w_i (1 - y_i)
 * </pre>
 *
 * from (0, 0) to (1, 1); a group of tied scores is one vertex, so the straight segments between
 * vertices give exactly the tie-aware area of {@link ClassificationMetrics#rocAuc}. Rows of zero
 * weight add no vertex.
 *
 * <p>When there are more vertices than asked for, the curve keeps the first vertex past each of
 * {@code maxPoints - 1} equal steps of {@code FPR + TPR} (which grows from 0 to 2 along the curve),
 * plus both ends: the kept points are spread evenly along the curve, whatever the data. A vertex
 * is kept when its step ({@link RocBlock#bucket}) is past the step of the vertex before it, so
 * blocks of rows cut by score range can pick their vertices apart ({@link RocMerge}).
 *
 * @param falsePositiveRates FPR of each kept vertex, non-decreasing from 0 to 1
 * @param truePositiveRates TPR of each kept vertex, non-decreasing from 0 to 1
 */
public record RocCurve(double[] falsePositiveRates, double[] truePositiveRates) {

    public RocCurve {
        if (falsePositiveRates.length != truePositiveRates.length) {
            throw new IllegalArgumentException("one true positive rate per false positive rate");
        }
        falsePositiveRates = falsePositiveRates.clone();
        truePositiveRates = truePositiveRates.clone();
    }

    @Override
    public double[] falsePositiveRates() {
        return falsePositiveRates.clone();
    }

    @Override
    public double[] truePositiveRates() {
        return truePositiveRates.clone();
    }

    /** The number of points. */
    public int size() {
        return falsePositiveRates.length;
    }

    /**
     * The ROC curve of {@code scores}, or null when either class has no weight (the curve is then
     * undefined). Nothing passed in is modified.
     *
     * @param maxPoints the most points kept, at least 2
     */
    public static RocCurve of(double[] scores, double[] labels, double[] weights, int maxPoints) {
        return of(scores, IndexSort.ascending(scores), labels, weights, maxPoints);
    }

    /**
     * {@link #of(double[], double[], double[], int)} with the rows already ranked: {@code order} lists the rows by
     * ascending score ({@link IndexSort#ascending}), so one sort serves the curve and the AUC. Nothing passed in is
     * modified.
     */
    static RocCurve of(double[] scores, int[] order, double[] labels, double[] weights, int maxPoints) {
        if (maxPoints < 2) {
            throw new IllegalArgumentException("a curve needs at least its two ends");
        }
        double totalPositive = 0;
        double totalNegative = 0;
        for (int row = 0; row < scores.length; row++) {
            totalPositive += weights[row] * labels[row];
            totalNegative += weights[row] * (1 - labels[row]);
        }
        if (!(totalPositive > 0 && totalNegative > 0)) {
            return null;
        }
        double[] fpr = new double[scores.length + 1];
        double[] tpr = new double[scores.length + 1];
        int vertices = 1;
        double positivesAbove = 0;
        double negativesAbove = 0;
        int end = order.length;
        while (end > 0) {
            int start = end - 1;
            while (start > 0 && scores[order[start - 1]] == scores[order[end - 1]]) {
                start--;
            }
            double groupWeight = 0;
            for (int k = start; k < end; k++) {
                int row = order[k];
                positivesAbove += weights[row] * labels[row];
                negativesAbove += weights[row] * (1 - labels[row]);
                groupWeight += weights[row];
            }
            if (groupWeight > 0) {
                fpr[vertices] = Math.min(1.0, negativesAbove / totalNegative);
                tpr[vertices] = Math.min(1.0, positivesAbove / totalPositive);
                vertices++;
            }
            end = start;
        }
        // The sums reach P and N up to rounding; the last vertex is (1, 1) by definition.
        fpr[vertices - 1] = 1.0;
        tpr[vertices - 1] = 1.0;
        return thin(fpr, tpr, vertices, maxPoints);
    }

    private static RocCurve thin(double[] fpr, double[] tpr, int vertices, int maxPoints) {
        if (vertices <= maxPoints) {
            return new RocCurve(Arrays.copyOf(fpr, vertices), Arrays.copyOf(tpr, vertices));
        }
        double step = RocBlock.thinningStep(maxPoints);
        double[] keptFpr = new double[maxPoints];
        double[] keptTpr = new double[maxPoints];
        int kept = 1;
        int previousBucket = 0;
        for (int v = 1; v < vertices - 1; v++) {
            int bucket = RocBlock.bucket(fpr[v] + tpr[v], step);
            if (bucket > previousBucket && kept < maxPoints - 1) {
                keptFpr[kept] = fpr[v];
                keptTpr[kept] = tpr[v];
                kept++;
            }
            previousBucket = bucket;
        }
        keptFpr[kept] = 1.0;
        keptTpr[kept] = 1.0;
        kept++;
        return new RocCurve(Arrays.copyOf(keptFpr, kept), Arrays.copyOf(keptTpr, kept));
    }
}
