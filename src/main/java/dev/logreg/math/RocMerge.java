package dev.logreg.math;

import dev.logreg.math.kernel.RocBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The ROC AUC and the ROC curve of rows cut into blocks by score range, from the blocks' two
 * passes ({@link RocBlock}): the same numbers as {@link ClassificationMetrics#rocAuc} and
 * {@link RocCurve#of} on all the rows, up to the order in which the weights are added.
 *
 * <p>With the blocks in decreasing order of score, {@code P_k, N_k, A_k} block k's positive and
 * negative weight and area, and {@code P_above_k = sum_{j < k} P_j}:
 *
 * <pre>
 *   AUC = sum_k (A_k + N_k P_above_k) / (P N)
 * </pre>
 *
 * since a negative of block k ranks below every positive of the blocks above it. Each block's
 * {@link RocBlock.Plan} carries its {@code P_above, N_above} and groups above, so that it can
 * compute its vertices as the whole curve would; the driver then joins the kept vertices, keeps the
 * first {@code maxPoints - 2} of them (as {@link RocCurve} does) and adds both ends.
 */
public final class RocMerge {

    /**
     * The AUC and the curve of some rows.
     *
     * @param auc NaN when either class has no weight
     * @param curve null when either class has no weight
     */
    public record Result(double auc, RocCurve curve) {}

    private static final Comparator<double[]> BY_HIGHEST_DESCENDING = Comparator.comparingDouble(block -> -block[0]);

    private final List<double[]> blocks;
    private final int maxPoints;
    private final double totalPositive;
    private final double totalNegative;
    private final long totalGroups;
    private final double area;

    /**
     * Joins the first pass's summaries ({@link RocBlock#summary}), in any order; empty blocks are
     * left out. Nothing passed in is modified.
     *
     * @param maxPoints the most points the curve keeps, at least 2
     * @throws IllegalArgumentException when the blocks' score ranges overlap
     */
    public RocMerge(List<double[]> summaries, int maxPoints) {
        if (maxPoints < 2) {
            throw new IllegalArgumentException("a curve needs at least its two ends");
        }
        this.maxPoints = maxPoints;
        blocks = new ArrayList<>();
        for (double[] summary : summaries) {
            if (summary.length != RocBlock.SUMMARY_LENGTH) {
                throw new IllegalArgumentException("a summary has " + RocBlock.SUMMARY_LENGTH + " doubles");
            }
            if (!Double.isNaN(summary[0])) {
                blocks.add(summary.clone());
            }
        }
        blocks.sort(BY_HIGHEST_DESCENDING);
        double positive = 0;
        double negative = 0;
        double pairs = 0;
        long groups = 0;
        for (int k = 0; k < blocks.size(); k++) {
            double[] block = blocks.get(k);
            if (k > 0 && !(block[0] < blocks.get(k - 1)[1])) {
                throw new IllegalArgumentException("the score ranges of two blocks overlap: ["
                        + block[1] + ", " + block[0] + "] and [" + blocks.get(k - 1)[1] + ", "
                        + blocks.get(k - 1)[0] + "]");
            }
            pairs += block[4] + block[3] * positive;
            positive += block[2];
            negative += block[3];
            groups += (long) block[5];
        }
        totalPositive = positive;
        totalNegative = negative;
        totalGroups = groups;
        area = pairs;
    }

    /** The weighted, tie-aware AUC; NaN when either class has no weight. */
    public double auc() {
        double pairs = totalPositive * totalNegative;
        return pairs > 0 ? area / pairs : Double.NaN;
    }

    /** Whether both classes have weight, so that the curve is defined. */
    public boolean hasCurve() {
        return totalPositive > 0 && totalNegative > 0;
    }

    /** Each non-empty block's place for the second pass, highest scores first. */
    public List<RocBlock.Plan> plans() {
        if (!hasCurve()) {
            throw new IllegalStateException("no curve: one class has no weight");
        }
        List<RocBlock.Plan> plans = new ArrayList<>(blocks.size());
        double positiveAbove = 0;
        double negativeAbove = 0;
        long groupsAbove = 0;
        for (double[] block : blocks) {
            plans.add(new RocBlock.Plan(
                    block[0],
                    positiveAbove,
                    negativeAbove,
                    groupsAbove,
                    totalPositive,
                    totalNegative,
                    totalGroups,
                    maxPoints));
            // The same additions as the block's own running sums, so a block starts where the one above ended.
            positiveAbove = positiveAbove + block[2];
            negativeAbove = negativeAbove + block[3];
            groupsAbove += (long) block[5];
        }
        return plans;
    }

    /**
     * The curve from the second pass's results ({@link RocBlock#keptVertices}), in any order, one
     * per plan. Nothing passed in is modified.
     *
     * @throws IllegalArgumentException when the results do not match the plans' blocks
     */
    public RocCurve curve(List<double[]> keptVertices) {
        List<double[]> ordered = new ArrayList<>(keptVertices);
        ordered.sort(BY_HIGHEST_DESCENDING);
        if (ordered.size() != blocks.size()) {
            throw new IllegalArgumentException(ordered.size() + " blocks of vertices for " + blocks.size() + " blocks");
        }
        double[] fpr = new double[maxPoints];
        double[] tpr = new double[maxPoints];
        int kept = 1;
        for (int k = 0; k < ordered.size(); k++) {
            double[] block = ordered.get(k);
            if (block[0] != blocks.get(k)[0]) {
                throw new IllegalArgumentException("vertices of a block with highest score " + block[0]
                        + " where the summaries have " + blocks.get(k)[0]);
            }
            for (int v = 1; v + 1 < block.length && kept < maxPoints - 1; v += 2) {
                fpr[kept] = block[v];
                tpr[kept] = block[v + 1];
                kept++;
            }
        }
        fpr[kept] = 1.0;
        tpr[kept] = 1.0;
        kept++;
        return new RocCurve(Arrays.copyOf(fpr, kept), Arrays.copyOf(tpr, kept));
    }
}
