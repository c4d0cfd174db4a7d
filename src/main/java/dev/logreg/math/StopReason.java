package dev.logreg.math;

/** Why a solver stopped. */
public enum StopReason {
    /** {@code max|grad L| <= tolerance}. */
    GRADIENT_TOLERANCE,
    /**
     * A Newton step would decrease the loss by less than the loss's own rounding error: the
     * minimum is reached to machine precision, even though {@code max|grad L|} sits above the
     * tolerance (large feature scales put the gradient's rounding noise there). Converged.
     */
    MACHINE_PRECISION,
    /** The iteration (or epoch) budget ran out. */
    MAX_ITERATIONS,
    /** The line search could not decrease the loss any further at machine precision. */
    NO_FURTHER_DECREASE,
    /** The time limit passed. */
    TIME_LIMIT,
    /** The minimum lies at infinity: the classes are separated (or one class is missing). */
    SEPARATION
}
