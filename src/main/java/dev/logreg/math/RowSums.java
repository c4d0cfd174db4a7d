package dev.logreg.math;

import dev.logreg.math.kernel.RowBlockSums;

/**
 * Computes {@link RowBlockSums} over a whole dataset. Where the rows live and who adds them up
 * (one thread, all cores, a cluster) is the implementation's business; the loss and the solvers
 * see only this.
 */
public interface RowSums {

    /** p, the number of coefficients. */
    int numColumns();

    /** {@code sum w_i} over all rows. */
    double totalWeight();

    /**
     * Computes the sums over all rows at coefficients {@code b}, overwriting {@code result}.
     * {@code b} is not modified.
     */
    void compute(double[] b, RowBlockSums.Content content, RowBlockSums result);
}
