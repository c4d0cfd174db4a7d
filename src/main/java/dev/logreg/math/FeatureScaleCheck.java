package dev.logreg.math;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Refuses features whose scale puts their sums of squares beyond double precision. The fit needs
 * {@code sum w x_j^2}, and the covariance its inverse: beyond a root mean square of
 * {@link #LARGEST_SCALE} (or below {@link #SMALLEST_SCALE}) these overflow or underflow, and a
 * tiny column would look constant to the rank check and be dropped as aliased, which it is not.
 * Such a feature is refused by name; rescaled by a power of ten it fits, and only its own
 * coefficient changes (inversely).
 */
final class FeatureScaleCheck {

    static final double LARGEST_SCALE = 1e140;
    static final double SMALLEST_SCALE = 1e-140;

    private FeatureScaleCheck() {}

    /**
     * Checks each feature's root mean square {@code sqrt(4 G_jj) = sqrt(sum w x_j^2 / sum w)}, read
     * from the unpenalised Hessian at {@code b = 0}, {@code G = X^T diag(w) X / (4 sum w)}. A column
     * whose sum underflowed to 0 is told apart from an all-zero one (which the rank check drops, as
     * R does) by looking at its values. Nothing is modified.
     *
     * @throws DegenerateDataException naming every feature out of range
     */
    static void check(Dataset data, DMatrixRMaj gramAtZero) {
        List<String> problems = new ArrayList<>();
        for (int column = data.hasIntercept() ? 1 : 0; column < data.numColumns(); column++) {
            double rootMeanSquare = Math.sqrt(4 * gramAtZero.get(column, column));
            boolean tooLarge = !(rootMeanSquare <= LARGEST_SCALE);
            if (!tooLarge && !(rootMeanSquare < SMALLEST_SCALE)) {
                continue;
            }
            String size;
            if (rootMeanSquare > 0 && rootMeanSquare < Double.POSITIVE_INFINITY) {
                size = String.format("%.3g", rootMeanSquare);
            } else {
                // The sum overflowed or underflowed: the values tell its size, and 0 from an all-zero column.
                double largest = largestMagnitude(data, column);
                if (largest == 0) {
                    continue;
                }
                size = String.format("about %.3g (its largest magnitude)", largest);
            }
            problems.add(String.format(
                    "%s has a root mean square of %s, %s %.0e: too %s for sums of squares" + " in double precision",
                    data.columnName(column),
                    size,
                    tooLarge ? "above" : "below",
                    tooLarge ? LARGEST_SCALE : SMALLEST_SCALE,
                    tooLarge ? "large" : "small"));
        }
        if (!problems.isEmpty()) {
            throw new DegenerateDataException("Feature scale out of range: " + String.join("; ", problems)
                    + ". Rescale such a feature by a power of ten: its coefficient scales inversely and the"
                    + " rest of the fit is unchanged.");
        }
    }

    /**
     * The same check for rows in a cluster's partitions, from the Gram matrix alone: a feature
     * whose sum of squares underflowed to exactly 0 cannot be told from an all-zero one without
     * another pass, and is left to the rank check.
     *
     * @throws DegenerateDataException naming every feature out of range
     */
    static void check(PartitionedRows rows, DMatrixRMaj gramAtZero) {
        List<String> problems = new ArrayList<>();
        for (int column = rows.hasIntercept() ? 1 : 0; column < rows.numColumns(); column++) {
            double rootMeanSquare = Math.sqrt(4 * gramAtZero.get(column, column));
            if (!(rootMeanSquare <= LARGEST_SCALE)) {
                problems.add(String.format(
                        "%s has a root mean square above %.0e: too large for sums of squares" + " in double precision",
                        rows.columnName(column), LARGEST_SCALE));
            } else if (rootMeanSquare > 0 && rootMeanSquare < SMALLEST_SCALE) {
                problems.add(String.format(
                        "%s has a root mean square of %.3g, below %.0e: too small for sums of"
                                + " squares in double precision",
                        rows.columnName(column), rootMeanSquare, SMALLEST_SCALE));
            }
        }
        if (!problems.isEmpty()) {
            throw new DegenerateDataException("Feature scale out of range: " + String.join("; ", problems)
                    + ". Rescale such a feature by a power of ten: its coefficient scales inversely and the"
                    + " rest of the fit is unchanged.");
        }
    }

    /** {@code max |x_ij|} over the rows with positive weight. */
    private static double largestMagnitude(Dataset data, int column) {
        double[] design = data.designData();
        int numColumns = data.numColumns();
        double largest = 0;
        for (int row = 0; row < data.numSamples(); row++) {
            if (data.weight(row) > 0) {
                largest = Math.max(largest, Math.abs(design[row * numColumns + column]));
            }
        }
        return largest;
    }
}
