package dev.logreg.math;

import dev.logreg.math.kernel.RocBlock;
import dev.logreg.math.kernel.ScoreSums;
import java.util.List;

/**
 * Training rows that live elsewhere, in a cluster's partitions, and are seen only through sums
 * over them: the loss's {@link RowSums}, the {@link LabelTotals}, the {@link ScoreSums} at the
 * solution, and the ROC AUC and curve from the rows cut by score range ({@link RocMerge}). Rows
 * left out (nulls) are the implementation's business: every sum skips the same rows.
 */
public interface PartitionedRows {

    /** p, the design columns: the features, and the intercept column first when there is one. */
    int numColumns();

    boolean hasIntercept();

    /** The d feature names, in design order. */
    List<String> featureNames();

    /** The label totals of the rows (one pass, or remembered from the first). */
    LabelTotals labelTotals();

    /** The row sums over the design columns {@code keptColumns} (increasing), one pass per call of compute. */
    RowSums rowSums(int[] keptColumns);

    /**
     * One pass at the solution over the columns {@code keptColumns}: {@code b} and the Newton
     * step {@code step} (null: no separation check) are over those columns.
     */
    ScoreSums scoreSums(int[] keptColumns, double[] b, double[] step, int numBins, double threshold);

    /**
     * The ROC AUC and the ROC curve (at most {@code maxPoints} points) of the logits at {@code b}
     * over the columns {@code keptColumns}: the rows of positive weight cut into blocks by score
     * range, each block's {@link RocBlock} passes, joined by {@link RocMerge}.
     */
    RocMerge.Result roc(int[] keptColumns, double[] b, int maxPoints);

    /** The name of design column {@code column}: {@code (intercept)} or the feature's name. */
    default String columnName(int column) {
        if (hasIntercept()) {
            return column == 0 ? "(intercept)" : featureNames().get(column - 1);
        }
        return featureNames().get(column);
    }
}
