package dev.logreg.math;

import java.util.SplittableRandom;

/**
 * Mini-batch stochastic gradient descent with iterate averaging.
 *
 * <p>Each epoch shuffles the rows (Fisher-Yates, from a {@link SplittableRandom} seeded with
 * {@code seed}: the same seed gives the same model, bit for bit) and walks them in mini-batches
 * of {@code batchSize}, stepping {@code b <- b - eta_k g_B(b)} with {@code g_B} the weighted mean
 * gradient of the batch (plus the penalty's) and a decaying rate
 * {@code eta_k = learningRate / sqrt(1 + k / batchesPerEpoch)} for the k-th step. The returned
 * coefficients are the Polyak-Ruppert average of the iterates over the second half of the steps
 * (the mean restarts at epochs 1, 2, 4, 8, ..., so it always covers between the last half and
 * all of the epochs run), which removes most of the noise SGD's last iterate carries. The loss history is
 * the full-data loss of that average before the first epoch and after each one; {@code converged}
 * means its full gradient met the tolerance at the end of an epoch.
 */
public final class SgdSolver implements Solver {

    public static final String NAME = "sgd";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FitResult minimize(Objective objective, double[] start, SolverOptions options) {
        if (!(objective instanceof StochasticObjective stochastic)) {
            throw new IllegalArgumentException("SGD needs an objective that is an average over rows");
        }
        int p = objective.dimension();
        if (start.length != p) {
            throw new IllegalArgumentException("expected " + p + " starting values");
        }
        long deadline = options.deadlineNanos(System.nanoTime());
        int numSamples = stochastic.numSamples();
        int batchSize = Math.min(options.batchSize(), numSamples);
        int batchesPerEpoch = (numSamples + batchSize - 1) / batchSize;
        int[] order = new int[numSamples];
        for (int i = 0; i < numSamples; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(options.seed());
        double[] iterate = start.clone();
        double[] average = start.clone();
        double[] batchGradient = new double[p];
        double[] fullGradient = new double[p];
        GrowableDoubleArray history = new GrowableDoubleArray(options.epochs() + 1);
        double loss = objective.evaluate(average, fullGradient, null);
        history.add(loss);
        long step = 0;
        long averagedSteps = 0;
        int epochs = 0;
        StopReason reason = StopReason.MAX_ITERATIONS;
        while (epochs < options.epochs()) {
            if (System.nanoTime() > deadline) {
                reason = StopReason.TIME_LIMIT;
                break;
            }
            if (Integer.bitCount(epochs + 1) == 1) {
                averagedSteps = 0;
            }
            for (int i = numSamples - 1; i > 0; i--) {
                int swapWith = random.nextInt(i + 1);
                int held = order[i];
                order[i] = order[swapWith];
                order[swapWith] = held;
            }
            for (int from = 0; from < numSamples; from += batchSize) {
                int to = Math.min(from + batchSize, numSamples);
                double rate = options.learningRate() / Math.sqrt(1.0 + (double) step / batchesPerEpoch);
                stochastic.batchGradient(iterate, order, from, to, batchGradient);
                for (int j = 0; j < p; j++) {
                    iterate[j] -= rate * batchGradient[j];
                }
                step++;
                averagedSteps++;
                double share = 1.0 / averagedSteps;
                for (int j = 0; j < p; j++) {
                    average[j] += share * (iterate[j] - average[j]);
                }
            }
            epochs++;
            loss = objective.evaluate(average, fullGradient, null);
            history.add(loss);
            if (!Double.isFinite(loss)) {
                reason = StopReason.NO_FURTHER_DECREASE;
                break;
            }
            if (Vectors.maxAbs(fullGradient) <= options.tolerance()) {
                reason = StopReason.GRADIENT_TOLERANCE;
                break;
            }
        }
        return new FitResult(NAME, average, loss, Vectors.maxAbs(fullGradient), epochs, history.toArray(),
                reason == StopReason.GRADIENT_TOLERANCE, reason, java.util.List.of());
    }
}
