package dev.logreg.math;

/** Told where a solver is, for a client watching a long fit. Called on the solver's thread. */
@FunctionalInterface
public interface SolverProgress {

    /** Does nothing. */
    SolverProgress NONE = (iteration, loss, gradientNorm) -> {};

    /**
     * @param iteration iterations done (0 at the starting point)
     * @param loss L(b) there
     * @param gradientNorm {@code max|grad L(b)|} there
     */
    void iterationDone(int iteration, double loss, double gradientNorm);
}
