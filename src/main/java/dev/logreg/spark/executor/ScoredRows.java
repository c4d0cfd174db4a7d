package dev.logreg.spark.executor;

import dev.logreg.math.kernel.ScoreSums;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Runs on a Spark executor: maps each row without nulls and with positive weight of a partition
 * of {@code [label, weight, feature_1 .. feature_d]} rows to {@code (score, positive, negative) =
 * (u_i, w_i y_i, w_i (1 - y_i))}, with the logit {@code u_i = xhat_i^T b} of {@link
 * ScoreSums#logits}, the kernel of the other passes and of the in-memory fit. Rows are read in
 * batches ({@link RowBatch}) and handed on one by one as Spark asks for them: a partition is never
 * held whole.
 */
public final class ScoredRows implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    /** The score column, which the rows are ranked by. */
    public static final String SCORE = "score";

    /** The columns of the result. */
    public static final StructType SCHEMA = new StructType()
            .add(SCORE, DataTypes.DoubleType, false)
            .add("positive", DataTypes.DoubleType, false)
            .add("negative", DataTypes.DoubleType, false);

    private final int numFeatures;
    private final boolean hasIntercept;
    private final int[] keptColumns;
    private final double[] coefficients;

    /**
     * The scores at {@code b} over the design columns {@code keptColumns} (indices into the design:
     * the intercept column 0 when {@code hasIntercept}, then the features).
     */
    public ScoredRows(int numFeatures, boolean hasIntercept, int[] keptColumns, double[] b) {
        if (keptColumns.length != b.length) {
            throw new IllegalArgumentException("one coefficient per kept column");
        }
        this.numFeatures = numFeatures;
        this.hasIntercept = hasIntercept;
        this.keptColumns = keptColumns.clone();
        this.coefficients = b.clone();
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        RowBatch batch = new RowBatch(numFeatures, hasIntercept, keptColumns);
        double[] logits = new double[RowBatch.ROWS];
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                while (true) {
                    while (next < batch.count) {
                        if (batch.weights[next] > 0) {
                            return true;
                        }
                        next++;
                    }
                    if (!batch.fill(rows)) {
                        return false;
                    }
                    ScoreSums.logits(batch.design, batch.count, coefficients, logits);
                    next = 0;
                }
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                double weight = batch.weights[next];
                double label = batch.labels[next];
                // + 0.0 turns -0.0 into 0.0: one zero for Spark's range bounds, sort and the tie groups.
                double score = logits[next] + 0.0;
                next++;
                return RowFactory.create(score, weight * label, weight * (1 - label));
            }
        };
    }
}
