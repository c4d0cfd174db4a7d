package dev.logreg.math;

/** An objective that is an average over rows, so a mini-batch of rows estimates its gradient. */
public interface StochasticObjective extends Objective {

    /** N, the number of rows. */
    int numSamples();

    /**
     * Writes into {@code gradient} the gradient of the loss restricted to the rows
     * {@code rowOrder[from..to)}: their weighted mean gradient plus the penalty's. Returns the
     * batch's total weight; when it is 0, {@code gradient} holds only the penalty's gradient.
     * Only {@code gradient} is modified.
     */
    double batchGradient(double[] b, int[] rowOrder, int from, int to, double[] gradient);
}
