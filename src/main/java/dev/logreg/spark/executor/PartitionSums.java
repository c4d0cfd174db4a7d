package dev.logreg.spark.executor;

import dev.logreg.math.kernel.LogisticFunctions;
import dev.logreg.math.kernel.RowBlockSums;
import dev.logreg.math.kernel.ScoreSums;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * Runs on a Spark executor: reads one partition's rows and returns one array of sums over them (or,
 * for a source pulled into the service, {@link Pass#ROWS}, the rows themselves),
 * computed by the same Spring-free code as the in-memory fit ({@link RowBlockSums},
 * {@link ScoreSums}, {@link LogisticFunctions}). Shipped to the cluster in the small executor jar
 * (see pom.xml), which holds only this package and {@code dev.logreg.math.kernel}: no Spring, no EJML.
 *
 * <p>Each row is {@code [label, weight, feature_1 .. feature_d]}, all doubles. A row with a null
 * in any of them is left out of every pass, and counted by {@link Pass#TOTALS}. The rows are
 * copied in batches ({@link RowBatch}) into a dense row-major design (with the intercept column
 * when there is one), which the kernels read; the buffers are allocated once per partition.
 *
 * <p>The result is the packed doubles as big-endian bytes ({@link PackedDoubles}), one element per
 * partition.
 */
public final class PartitionSums implements MapPartitionsFunction<Row, byte[]> {

    private static final long serialVersionUID = 1L;

    /** What one pass over the rows computes. */
    public enum Pass {
        /** Counts and label totals, a packed {@link PartitionTotals}. */
        TOTALS,
        /** The loss's {@link RowBlockSums}, packed. */
        ROW_SUMS,
        /** The {@link ScoreSums} at the solution, packed. */
        SCORES,
        /** The rows without nulls themselves, {@code [label, weight, feature_1 .. feature_d]} each, in order. */
        ROWS
    }

    private final Pass pass;
    private final int numFeatures;
    private final boolean hasIntercept;
    private final int[] keptColumns;
    private final double[] coefficients;
    private final RowBlockSums.Content content;
    private final double[] step;
    private final int numBins;
    private final double threshold;

    private PartitionSums(
            Pass pass,
            int numFeatures,
            boolean hasIntercept,
            int[] keptColumns,
            double[] coefficients,
            RowBlockSums.Content content,
            double[] step,
            int numBins,
            double threshold) {
        this.pass = pass;
        this.numFeatures = numFeatures;
        this.hasIntercept = hasIntercept;
        this.keptColumns = keptColumns;
        this.coefficients = coefficients;
        this.content = content;
        this.step = step;
        this.numBins = numBins;
        this.threshold = threshold;
    }

    /** The counts and label totals of rows with {@code numFeatures} features. */
    public static PartitionSums totals(int numFeatures) {
        return new PartitionSums(Pass.TOTALS, numFeatures, false, new int[0], null, null, null, 0, 0);
    }

    /**
     * The partition's rows without nulls, {@code d + 2} doubles each ({@code [label, weight, feature_1 ..
     * feature_d]}), for a source small enough to fit in the service's memory.
     */
    public static PartitionSums rows(int numFeatures) {
        return new PartitionSums(Pass.ROWS, numFeatures, false, new int[0], null, null, null, 0, 0);
    }

    /**
     * The loss's sums at {@code b} over the design columns {@code keptColumns} (indices into the
     * design: the intercept column 0 when {@code hasIntercept}, then the features).
     */
    public static PartitionSums rowSums(
            int numFeatures, boolean hasIntercept, int[] keptColumns, double[] b, RowBlockSums.Content content) {
        return new PartitionSums(
                Pass.ROW_SUMS, numFeatures, hasIntercept, keptColumns.clone(), b.clone(), content, null, 0, 0);
    }

    /** The scores' sums at {@code b}, and the separation check's maxima along {@code step} (may be null). */
    public static PartitionSums scores(
            int numFeatures,
            boolean hasIntercept,
            int[] keptColumns,
            double[] b,
            double[] step,
            int numBins,
            double threshold) {
        return new PartitionSums(
                Pass.SCORES,
                numFeatures,
                hasIntercept,
                keptColumns.clone(),
                b.clone(),
                null,
                step == null ? null : step.clone(),
                numBins,
                threshold);
    }

    @Override
    public Iterator<byte[]> call(Iterator<Row> rows) {
        double[] result = switch (pass) {
            case TOTALS -> totals(rows);
            case ROW_SUMS -> rowSums(rows);
            case SCORES -> scores(rows);
            case ROWS -> rows(rows);
        };
        return List.of(PackedDoubles.toBytes(result)).iterator();
    }

    private double[] totals(Iterator<Row> rows) {
        int columns = numFeatures + 2;
        long[] nulls = new long[columns];
        long[] outOfRange = new long[columns];
        long rowCount = 0;
        long rowsWithNulls = 0;
        long rowsWithWeight = 0;
        double weightSum = 0;
        double labelSum = 0;
        double entropySum = 0;
        while (rows.hasNext()) {
            Row row = rows.next();
            rowCount++;
            boolean anyNull = false;
            for (int k = 0; k < columns; k++) {
                if (row.isNullAt(k)) {
                    nulls[k]++;
                    anyNull = true;
                }
            }
            if (anyNull) {
                rowsWithNulls++;
                continue;
            }
            double y = row.getDouble(0);
            double w = row.getDouble(1);
            boolean valid = true;
            if (!(y >= 0 && y <= 1)) {
                outOfRange[0]++;
                valid = false;
            }
            if (!(w >= 0 && w < Double.POSITIVE_INFINITY)) {
                outOfRange[1]++;
                valid = false;
            }
            for (int k = 2; k < columns; k++) {
                if (!Double.isFinite(row.getDouble(k))) {
                    outOfRange[k]++;
                    valid = false;
                }
            }
            if (valid && w > 0) {
                weightSum += w;
                labelSum += w * y;
                entropySum += w * LogisticFunctions.entropy(y);
                rowsWithWeight++;
            }
        }
        return new PartitionTotals(
                        rowCount,
                        rowsWithNulls,
                        Arrays.stream(nulls).boxed().toList(),
                        weightSum,
                        labelSum,
                        entropySum,
                        rowsWithWeight,
                        Arrays.stream(outOfRange).boxed().toList())
                .pack();
    }

    private double[] rows(Iterator<Row> rows) {
        int columns = numFeatures + 2;
        double[] values = new double[RowBatch.ROWS * columns];
        int length = 0;
        while (rows.hasNext()) {
            Row row = rows.next();
            if (anyNull(row, columns)) {
                continue;
            }
            if (length + columns > values.length) {
                values = Arrays.copyOf(values, 2 * values.length);
            }
            for (int k = 0; k < columns; k++) {
                values[length++] = row.getDouble(k);
            }
        }
        return Arrays.copyOf(values, length);
    }

    private static boolean anyNull(Row row, int columns) {
        for (int k = 0; k < columns; k++) {
            if (row.isNullAt(k)) {
                return true;
            }
        }
        return false;
    }

    private double[] rowSums(Iterator<Row> rows) {
        RowBlockSums sums = new RowBlockSums(keptColumns.length);
        RowBatch batch = new RowBatch(numFeatures, hasIntercept, keptColumns);
        while (batch.fill(rows)) {
            sums.addRows(batch.design, batch.labels, batch.weights, batch.count, coefficients, content);
        }
        double[] result = new double[sums.packedLength()];
        sums.pack(result, 0);
        return result;
    }

    private double[] scores(Iterator<Row> rows) {
        ScoreSums sums = new ScoreSums(keptColumns.length, numBins, threshold);
        RowBatch batch = new RowBatch(numFeatures, hasIntercept, keptColumns);
        while (batch.fill(rows)) {
            sums.addRows(batch.design, batch.labels, batch.weights, batch.count, coefficients, step);
        }
        double[] result = new double[sums.packedLength()];
        sums.pack(result, 0);
        return result;
    }
}
