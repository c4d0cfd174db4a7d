package dev.logreg.math.kernel;

import java.io.Serializable;

/**
 * One block of scored rows for the ROC AUC and the ROC curve when the rows are cut into blocks by
 * score range (a cluster's range partitions): every row of a block scores above every row of the
 * next block, so tied scores share a block. Within its block each row arrives as
 * {@code (s_i, w_i y_i, w_i (1 - y_i))} in non-increasing order of score, rows of positive weight
 * only; {@link dev.logreg.math.RocMerge} joins the blocks on the driver. This class runs on executors: it uses no
 * other class of the service.
 *
 * <p>First pass ({@link #summarising()}): the block's totals, its number of distinct scores
 * (groups) and its tie-aware area, with {@code P_g, N_g} a group's positive and negative weight,
 *
 * <pre>
 *   area = sum_g N_g (P_above_g + P_g / 2),     P_above_g = sum of P over the block's higher groups
 * </pre>
 *
 * <p>Second pass ({@link #pickingVertices(Plan)}): given the totals of the blocks above it
 * ({@link Plan}), each group's ROC vertex {@code (FPR, TPR)} as {@code RocCurve} computes it, and
 * of these only the ones {@code RocCurve}'s thinning keeps: every vertex when there are few, else
 * the first vertex of each bucket {@link #bucket} of {@code FPR + TPR}, which a block can tell from
 * the vertex before it alone. The last vertex of all is left out: the curve ends at (1, 1).
 */
public final class RocBlock {

    /** The doubles of a summary ({@link #summary}): highest, lowest, P, N, area, groups. */
    public static final int SUMMARY_LENGTH = 6;

    /**
     * What the blocks above this one add up to, and the totals of all, for the vertex pass.
     *
     * @param highest the block's highest score, which names it
     * @param positiveAbove P of the blocks above, added in their order
     * @param negativeAbove N of the blocks above
     * @param groupsAbove groups (distinct scores) of the blocks above
     * @param totalPositive P of all blocks
     * @param totalNegative N of all blocks
     * @param totalGroups groups of all blocks: the ROC curve has {@code totalGroups + 1} vertices
     * @param maxPoints the most points the curve keeps
     */
    public record Plan(
            double highest,
            double positiveAbove,
            double negativeAbove,
            long groupsAbove,
            double totalPositive,
            double totalNegative,
            long totalGroups,
            int maxPoints)
            implements Serializable {

        public Plan {
            if (maxPoints < 2 || !(totalPositive > 0 && totalNegative > 0)) {
                throw new IllegalArgumentException("a curve needs both classes and at least its two ends");
            }
        }

        /** Whether the curve keeps every vertex: it has no more than {@code maxPoints}. */
        boolean keepsAll() {
            return totalGroups + 1 <= maxPoints;
        }
    }

    private final Plan plan;
    private final double step;
    private double highest = Double.NaN;
    private double lowest = Double.NaN;
    private double positive;
    private double negative;
    private double area;
    private long groups;
    private double groupScore = Double.NaN;
    private double groupPositive;
    private double groupNegative;
    private int previousBucket;
    private double[] vertices;
    private int vertexCount;

    private RocBlock(Plan plan) {
        this.plan = plan;
        if (plan == null) {
            step = Double.NaN;
            return;
        }
        step = thinningStep(plan.maxPoints());
        previousBucket = bucket(
                rate(plan.negativeAbove(), 0, plan.totalNegative())
                        + rate(plan.positiveAbove(), 0, plan.totalPositive()),
                step);
        // Each kept vertex is the first of its bucket (at most maxPoints - 1 of them), or every vertex.
        vertices = new double[2 * plan.maxPoints()];
    }

    /** A block for the first pass: totals, groups and area. */
    public static RocBlock summarising() {
        return new RocBlock(null);
    }

    /** A block for the second pass: the vertices the curve keeps, at the place {@code plan} gives. */
    public static RocBlock pickingVertices(Plan plan) {
        return new RocBlock(plan);
    }

    /**
     * The step of {@code FPR + TPR} (from 0 to 2) between the vertices a curve of at most {@code
     * maxPoints} points keeps: {@code 2 / (maxPoints - 1)}.
     */
    public static double thinningStep(int maxPoints) {
        return 2.0 / (maxPoints - 1);
    }

    /** The bucket {@code floor(travelled / step)} of a vertex whose {@code FPR + TPR} is {@code travelled}. */
    public static int bucket(double travelled, double step) {
        return (int) Math.floor(travelled / step);
    }

    /** {@code min(1, (above + within) / total)}: a rate of the cumulative weight, as {@code RocCurve} clamps it. */
    private static double rate(double above, double within, double total) {
        return Math.min(1.0, (above + within) / total);
    }

    /**
     * Adds a row of score {@code score} (not above the previous row's) with positive weight
     * {@code positive = w y} and negative weight {@code negative = w (1 - y)}. Modifies only this block.
     *
     * @throws IllegalArgumentException when the score is above the previous one's
     */
    public void add(double score, double positive, double negative) {
        if (score == groupScore) {
            groupPositive += positive;
            groupNegative += negative;
            return;
        }
        if (score > groupScore) {
            throw new IllegalArgumentException("scores must arrive in non-increasing order");
        }
        closeGroup();
        if (Double.isNaN(highest)) {
            highest = score;
        }
        groupScore = score;
        groupPositive = positive;
        groupNegative = negative;
    }

    /** Ends the group in progress: its area, the running totals, and its vertex. */
    private void closeGroup() {
        if (Double.isNaN(groupScore)) {
            return;
        }
        area += groupNegative * (positive + 0.5 * groupPositive);
        positive += groupPositive;
        negative += groupNegative;
        groups++;
        lowest = groupScore;
        if (plan != null && plan.groupsAbove() + groups < plan.totalGroups()) {
            double fpr = rate(plan.negativeAbove(), negative, plan.totalNegative());
            double tpr = rate(plan.positiveAbove(), positive, plan.totalPositive());
            int bucket = bucket(fpr + tpr, step);
            if (plan.keepsAll() || bucket > previousBucket) {
                vertices[2 * vertexCount] = fpr;
                vertices[2 * vertexCount + 1] = tpr;
                vertexCount++;
            }
            previousBucket = bucket;
        }
        groupScore = Double.NaN;
    }

    /** Whether no row was added. */
    public boolean isEmpty() {
        return Double.isNaN(highest);
    }

    /**
     * The first pass's result: highest and lowest score, P, N, area and groups (as a double), in
     * that order ({@value #SUMMARY_LENGTH} doubles). Call once, after the last row.
     */
    public double[] summary() {
        closeGroup();
        return new double[] {highest, lowest, positive, negative, area, groups};
    }

    /**
     * The second pass's result: the block's highest score, then the kept vertices as (FPR, TPR)
     * pairs in order. Call once, after the last row.
     */
    public double[] keptVertices() {
        if (plan == null) {
            throw new IllegalStateException("a summarising block picks no vertices");
        }
        closeGroup();
        double[] result = new double[1 + 2 * vertexCount];
        result[0] = highest;
        System.arraycopy(vertices, 0, result, 1, 2 * vertexCount);
        return result;
    }
}
