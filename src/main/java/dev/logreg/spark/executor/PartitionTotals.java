package dev.logreg.spark.executor;

import java.util.ArrayList;
import java.util.List;

/**
 * What the first pass ({@link PartitionSums.Pass#TOTALS}) counts over rows of {@code m = d + 2}
 * input columns {@code [label, weight, feature_1 .. feature_d]}, for one partition or, added in
 * partition order ({@link #plus}), for the source. The one place that knows how these travel as
 * doubles ({@link #pack}, {@link #unpack}):
 *
 * <pre>
 *   [rows, rowsWithNulls, nulls_1 .. nulls_m, sum w, sum w y, sum w entropy(y), rowsWithWeight,
 *    outOfRange_1 .. outOfRange_m]
 * </pre>
 *
 * Counts travel as doubles, exact below 2^53.
 *
 * @param rows every row
 * @param rowsWithNulls rows with a null in any input column, left out of the sums below
 * @param nullsPerColumn per input column, the rows with a null there
 * @param weightSum {@code sum w} over the valid rows of positive weight
 * @param labelSum {@code sum w y} over them
 * @param entropySum {@code sum w entropy(y)} over them
 * @param rowsWithWeight the valid rows of positive weight
 * @param outOfRangePerColumn per input column, the rows without nulls whose value is out of range
 *     (a label outside [0, 1], a weight negative or not finite, a feature not finite)
 */
public record PartitionTotals(
        long rows,
        long rowsWithNulls,
        List<Long> nullsPerColumn,
        double weightSum,
        double labelSum,
        double entropySum,
        long rowsWithWeight,
        List<Long> outOfRangePerColumn) {

    /** The doubles before the per-column counts, and between them. */
    private static final int LEADING = 2;

    private static final int MIDDLE = 4;

    public PartitionTotals {
        nullsPerColumn = List.copyOf(nullsPerColumn);
        outOfRangePerColumn = List.copyOf(outOfRangePerColumn);
        if (nullsPerColumn.size() != outOfRangePerColumn.size()) {
            throw new IllegalArgumentException("one null count and one out-of-range count per input column");
        }
    }

    /** The totals of no rows over {@code inputColumns} columns. */
    public static PartitionTotals none(int inputColumns) {
        List<Long> zeros = new ArrayList<>(inputColumns);
        for (int k = 0; k < inputColumns; k++) {
            zeros.add(0L);
        }
        return new PartitionTotals(0, 0, zeros, 0, 0, 0, 0, zeros);
    }

    /** The number of doubles {@link #pack} writes for {@code inputColumns} columns. */
    public static int packedLength(int inputColumns) {
        return LEADING + inputColumns + MIDDLE + inputColumns;
    }

    /** The input columns counted: the label, the weight and the features. */
    public int inputColumns() {
        return nullsPerColumn.size();
    }

    /** The totals as the doubles {@link #unpack} reads. */
    public double[] pack() {
        int m = inputColumns();
        double[] packed = new double[packedLength(m)];
        packed[0] = rows;
        packed[1] = rowsWithNulls;
        int middle = LEADING + m;
        for (int k = 0; k < m; k++) {
            packed[LEADING + k] = nullsPerColumn.get(k);
            packed[middle + MIDDLE + k] = outOfRangePerColumn.get(k);
        }
        packed[middle] = weightSum;
        packed[middle + 1] = labelSum;
        packed[middle + 2] = entropySum;
        packed[middle + 3] = rowsWithWeight;
        return packed;
    }

    /** The totals {@link #pack} wrote; {@code packed} is not modified. */
    public static PartitionTotals unpack(double[] packed) {
        int m = (packed.length - LEADING - MIDDLE) / 2;
        if (m < 0 || packedLength(m) != packed.length) {
            throw new IllegalArgumentException("not packed totals: " + packed.length + " doubles");
        }
        int middle = LEADING + m;
        List<Long> nulls = new ArrayList<>(m);
        List<Long> outOfRange = new ArrayList<>(m);
        for (int k = 0; k < m; k++) {
            nulls.add((long) packed[LEADING + k]);
            outOfRange.add((long) packed[middle + MIDDLE + k]);
        }
        return new PartitionTotals(
                (long) packed[0],
                (long) packed[1],
                nulls,
                packed[middle],
                packed[middle + 1],
                packed[middle + 2],
                (long) packed[middle + 3],
                outOfRange);
    }

    /** These totals and {@code other}'s (over as many columns) added: counts and sums add. */
    public PartitionTotals plus(PartitionTotals other) {
        if (other.inputColumns() != inputColumns()) {
            throw new IllegalArgumentException("input column counts differ");
        }
        List<Long> nulls = new ArrayList<>(inputColumns());
        List<Long> outOfRange = new ArrayList<>(inputColumns());
        for (int k = 0; k < inputColumns(); k++) {
            nulls.add(nullsPerColumn.get(k) + other.nullsPerColumn.get(k));
            outOfRange.add(outOfRangePerColumn.get(k) + other.outOfRangePerColumn.get(k));
        }
        return new PartitionTotals(
                rows + other.rows,
                rowsWithNulls + other.rowsWithNulls,
                nulls,
                weightSum + other.weightSum,
                labelSum + other.labelSum,
                entropySum + other.entropySum,
                rowsWithWeight + other.rowsWithWeight,
                outOfRange);
    }
}
