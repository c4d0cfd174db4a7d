package dev.logreg.design;

import dev.logreg.math.Dataset;

/**
 * A training table coded by its {@link Design}: the model matrix (row-major, {@code numRows x
 * numColumns}, the rows left after missing values were omitted), labels in [0, 1], weights
 * ({@code weights} times the trials of {@code cbind(s, f)}), the offset ({@code null} when the
 * formula has none) and, for each coded row, its row in the table.
 */
public record CodedTable(
        Design design,
        double[] x,
        int numRows,
        int numColumns,
        double[] labels,
        double[] weights,
        double[] offset,
        int[] tableRows) {

    /** The rows as a {@link Dataset}, with the offset; the arrays are shared. */
    public Dataset dataset() {
        return new Dataset(
                x, numRows, numColumns, design.hasIntercept(), labels, weights, offset, design.featureNames());
    }
}
