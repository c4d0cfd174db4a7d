package dev.logreg.math;

/**
 * An objective that is an average over rows plus a ridge penalty,
 * {@code L(b) = (1 / sum w) sum_i w_i l_i(b) + (1/2) sum_j lambda_j b_j^2}, so that a mini-batch of
 * rows estimates the gradient of its first term. The penalty is exposed separately so that a
 * stochastic solver can take it implicitly (a step that stays stable however large
 * {@code lambda_j} is) instead of through the noisy batch estimate.
 */
public interface StochasticObjective extends Objective {

    /** N, the number of rows. */
    int numSamples();

    /**
     * Writes into {@code gradient} the weighted mean gradient of the data term over the rows
     * {@code rowOrder[from..to)}, {@code (1 / sum_B w) sum_{i in B} w_i grad l_i(b)}, without the
     * penalty. Returns the batch's total weight; when it is 0, {@code gradient} is all zeros.
     * Only {@code gradient} is modified; allocates nothing.
     */
    double batchGradient(double[] b, int[] rowOrder, int from, int to, double[] gradient);

    /** {@code lambda_j}, the ridge weight on coefficient {@code j} (0 for an unpenalised one). */
    double ridgeWeight(int j);
}
