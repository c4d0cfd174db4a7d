package dev.logreg.math;

import dev.logreg.math.kernel.LogisticFunctions;

/**
 * Sums over the rows of positive weight that the statistics need besides the loss's own sums:
 *
 * <pre>
 *   totalWeight      = sum w_i
 *   weightedLabelSum = sum w_i y_i
 *   labelEntropySum  = sum w_i (-y_i log y_i - (1 - y_i) log(1 - y_i))   (0 for 0/1 labels)
 * </pre>
 *
 * Sums over disjoint blocks of rows add up, so a cluster's partitions compute them apart.
 */
public record LabelTotals(double totalWeight, double weightedLabelSum, double labelEntropySum) {

    /** The totals of an in-memory dataset. */
    public static LabelTotals of(Dataset data) {
        double[] labels = data.labels();
        double[] weights = data.weights();
        double labelEntropySum = 0;
        double weightedLabelSum = 0;
        for (int row = 0; row < data.numSamples(); row++) {
            double weight = weights[row];
            if (weight == 0) {
                continue;
            }
            double y = labels[row];
            labelEntropySum += weight * LogisticFunctions.entropy(y);
            weightedLabelSum += weight * y;
        }
        return new LabelTotals(data.totalWeight(), weightedLabelSum, labelEntropySum);
    }
}
