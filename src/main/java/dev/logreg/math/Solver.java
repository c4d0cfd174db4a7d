package dev.logreg.math;

/** Minimises an {@link Objective}; implementations hold no state between calls. */
public interface Solver {

    /** The name clients choose it by, as in {@code options.solver}. */
    String name();

    /**
     * Minimises {@code objective} from {@code start} (not modified).
     *
     * @throws IllegalArgumentException when {@code start} has the wrong length
     */
    FitResult minimize(Objective objective, double[] start, SolverOptions options);
}
