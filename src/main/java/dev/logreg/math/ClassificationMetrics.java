package dev.logreg.math;

import dev.logreg.math.kernel.GramKernel;
import dev.logreg.math.kernel.LogisticFunctions;
import dev.logreg.math.kernel.ScoreSums;

/**
 * How well a model classifies its training data, with weights, at a threshold. A soft label
 * {@code y_i} counts as weight {@code w_i y_i} of a positive and {@code w_i (1 - y_i)} of a
 * negative, so 0/1 labels give the usual counts.
 *
 * <pre>
 *   accuracy = (TP + TN) / sum w
 *   logLoss  = (1 / sum w) sum w_i h_i(u_i)            (the unpenalised loss; u_i = o_i + xhat_i^T b)
 *   brier    = (1 / sum w) sum w_i (mu_i - y_i)^2
 *   rocAuc   = P(score of a positive > score of a negative) + P(tie) / 2
 * </pre>
 *
 * The sums come from {@link ScoreSums} (one pass with the reliability bins and the separation check: {@link
 * SolutionPass} in memory, a cluster's partitions otherwise); the AUC from the scores in order.
 *
 * @param rocAuc NaN when one class has no weight
 */
public record ClassificationMetrics(
        double accuracy,
        double logLoss,
        double rocAuc,
        double brierScore,
        double truePositives,
        double falsePositives,
        double trueNegatives,
        double falseNegatives) {

    /**
     * Computes the metrics of coefficients {@code b} on {@code data}; a sample is labelled 1 when
     * {@code sigma(u) >= threshold}. Nothing passed in is modified.
     */
    public static ClassificationMetrics of(Dataset data, double[] b, double threshold) {
        int n = data.numSamples();
        int p = data.numColumns();
        double[] x = data.designData();
        double[] labels = data.labels();
        double[] weights = data.weights();
        double[] logits = new double[n];
        GramKernel kernel = GramKernel.fastest();
        double truePositives = 0;
        double falsePositives = 0;
        double trueNegatives = 0;
        double falseNegatives = 0;
        double crossEntropy = 0;
        double squaredError = 0;
        for (int row = 0; row < n; row++) {
            double u = kernel.dot(x, row * p, b, p) + data.offset(row);
            logits[row] = u;
            double weight = weights[row];
            double y = labels[row];
            double mu = LogisticFunctions.sigmoid(u);
            double positive = weight * y;
            double negative = weight * (1 - y);
            if (mu >= threshold) {
                truePositives += positive;
                falsePositives += negative;
            } else {
                falseNegatives += positive;
                trueNegatives += negative;
            }
            if (weight > 0) {
                crossEntropy += weight * LogisticFunctions.crossEntropy(u, y);
                squaredError += weight * (mu - y) * (mu - y);
            }
        }
        double totalWeight = data.totalWeight();
        return new ClassificationMetrics(
                (truePositives + trueNegatives) / totalWeight,
                crossEntropy / totalWeight,
                rocAuc(logits, labels, weights),
                squaredError / totalWeight,
                truePositives,
                falsePositives,
                trueNegatives,
                falseNegatives);
    }

    /**
     * The metrics from sums over the rows ({@link ScoreSums}, added up over blocks of rows computed
     * apart), with {@code totalWeight = sum w}; the ROC AUC needs the scores in order
     * ({@link RocMerge}) and is passed in.
     */
    public static ClassificationMetrics fromSums(ScoreSums sums, double totalWeight, double rocAuc) {
        return new ClassificationMetrics(
                (sums.truePositives() + sums.trueNegatives()) / totalWeight,
                sums.crossEntropySum() / totalWeight,
                rocAuc,
                sums.squaredErrorSum() / totalWeight,
                sums.truePositives(),
                sums.falsePositives(),
                sums.trueNegatives(),
                sums.falseNegatives());
    }

    /**
     * The weighted, tie-aware area under the ROC curve in O(N log N): rows are sorted by score
     * and each group of tied scores adds {@code positives * (negatives below + negatives tied / 2)}.
     * Returns NaN when either class has no weight. Nothing passed in is modified.
     */
    public static double rocAuc(double[] scores, double[] labels, double[] weights) {
        return rocAuc(scores, IndexSort.ascending(scores), labels, weights);
    }

    /** {@link #rocAuc(double[], double[], double[])} with the rows already ranked by ascending score. */
    static double rocAuc(double[] scores, int[] order, double[] labels, double[] weights) {
        double negativesBelow = 0;
        double area = 0;
        double totalPositive = 0;
        int start = 0;
        while (start < order.length) {
            int end = start;
            double groupPositive = 0;
            double groupNegative = 0;
            while (end < order.length && scores[order[end]] == scores[order[start]]) {
                int row = order[end];
                groupPositive += weights[row] * labels[row];
                groupNegative += weights[row] * (1 - labels[row]);
                end++;
            }
            area += groupPositive * (negativesBelow + 0.5 * groupNegative);
            negativesBelow += groupNegative;
            totalPositive += groupPositive;
            start = end;
        }
        double pairs = totalPositive * negativesBelow;
        return pairs > 0 ? area / pairs : Double.NaN;
    }
}
