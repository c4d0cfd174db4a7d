package dev.logreg.spark.executor;

import java.util.Iterator;
import org.apache.spark.sql.Row;

/**
 * The next rows without nulls of a partition of {@code [label, weight, feature_1 .. feature_d]}
 * rows, as the kernels read them: a dense row-major design over the kept design columns (the
 * intercept's constant 1 when column 0 is the intercept), labels and weights. Reused for the whole
 * partition.
 */
final class RowBatch {

    /** Rows copied per batch: 1024 x p doubles stay in the cache for p up to a few dozen. */
    static final int ROWS = 1024;

    final double[] design;
    final double[] labels = new double[ROWS];
    final double[] weights = new double[ROWS];
    /** Per design column, its field in the row, or -1 for the intercept's constant 1. */
    private final int[] fields;

    private final int inputColumns;
    int count;

    /**
     * @param keptColumns the design columns to copy (indices into the design: the intercept column
     *     0 when {@code hasIntercept}, then the features)
     */
    RowBatch(int numFeatures, boolean hasIntercept, int[] keptColumns) {
        int numColumns = keptColumns.length;
        inputColumns = numFeatures + 2;
        design = new double[ROWS * numColumns];
        fields = new int[numColumns];
        for (int k = 0; k < numColumns; k++) {
            int column = keptColumns[k];
            fields[k] = hasIntercept ? (column == 0 ? -1 : column + 1) : column + 2;
        }
    }

    /** Copies up to {@value #ROWS} rows; false when the partition has no more. */
    boolean fill(Iterator<Row> rows) {
        int p = fields.length;
        count = 0;
        while (count < ROWS && rows.hasNext()) {
            Row row = rows.next();
            boolean anyNull = false;
            for (int k = 0; k < inputColumns && !anyNull; k++) {
                anyNull = row.isNullAt(k);
            }
            if (anyNull) {
                continue;
            }
            labels[count] = row.getDouble(0);
            weights[count] = row.getDouble(1);
            int offset = count * p;
            for (int k = 0; k < p; k++) {
                design[offset + k] = fields[k] < 0 ? 1.0 : row.getDouble(fields[k]);
            }
            count++;
        }
        return count > 0;
    }
}
