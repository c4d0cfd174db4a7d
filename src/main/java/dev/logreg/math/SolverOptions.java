package dev.logreg.math;

import java.time.Duration;

/**
 * How a solver runs and when it stops.
 *
 * @param maxIterations the most iterations (Newton, gradient descent, L-BFGS), at least 1
 * @param tolerance stop when {@code max_j |grad_j L| <= tolerance}, positive
 * @param timeLimit stop, unconverged, once this much time has passed; {@code null} for none
 * @param learningRate SGD: the initial step on the mean gradient of a mini-batch, positive
 * @param batchSize SGD: rows per mini-batch, at least 1
 * @param epochs SGD: passes over the data, at least 1
 * @param seed SGD: the seed of the per-epoch shuffles (same seed, same model)
 */
public record SolverOptions(
        int maxIterations,
        double tolerance,
        Duration timeLimit,
        double learningRate,
        int batchSize,
        int epochs,
        long seed) {

    public static final int DEFAULT_MAX_ITERATIONS = 100;
    public static final double DEFAULT_TOLERANCE = 1e-8;
    public static final double DEFAULT_LEARNING_RATE = 1.0;
    public static final int DEFAULT_BATCH_SIZE = 32;
    public static final int DEFAULT_EPOCHS = 50;
    public static final long DEFAULT_SEED = 0;

    public SolverOptions {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be at least 1");
        }
        if (!(tolerance > 0 && tolerance < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("tolerance must be positive and finite");
        }
        if (timeLimit != null && (timeLimit.isNegative() || timeLimit.isZero())) {
            throw new IllegalArgumentException("timeLimit must be positive");
        }
        if (!(learningRate > 0 && learningRate < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("learningRate must be positive and finite");
        }
        if (batchSize < 1 || epochs < 1) {
            throw new IllegalArgumentException("batchSize and epochs must be at least 1");
        }
    }

    /** Newton-style options: the SGD settings at their defaults. */
    public SolverOptions(int maxIterations, double tolerance) {
        this(maxIterations, tolerance, null, DEFAULT_LEARNING_RATE, DEFAULT_BATCH_SIZE, DEFAULT_EPOCHS, DEFAULT_SEED);
    }

    /** The same options with a time limit. */
    public SolverOptions withTimeLimit(Duration limit) {
        return new SolverOptions(maxIterations, tolerance, limit, learningRate, batchSize, epochs, seed);
    }

    /** The {@link System#nanoTime()} after which to stop, counted from {@code startNanos}. */
    long deadlineNanos(long startNanos) {
        return timeLimit == null ? Long.MAX_VALUE : startNanos + timeLimit.toNanos();
    }
}
