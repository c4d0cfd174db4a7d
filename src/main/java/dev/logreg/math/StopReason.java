package dev.logreg.math;

/** Why a solver stopped. */
public enum StopReason {
    /** {@code max|grad L| <= tolerance}. */
    GRADIENT_TOLERANCE,
    /** The iteration (or epoch) budget ran out. */
    MAX_ITERATIONS,
    /** The line search could not decrease the loss any further at machine precision. */
    NO_FURTHER_DECREASE,
    /** The time limit passed. */
    TIME_LIMIT,
    /** The minimum lies at infinity: the classes are separated (or one class is missing). */
    SEPARATION
}
