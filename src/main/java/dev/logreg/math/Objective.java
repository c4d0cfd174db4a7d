package dev.logreg.math;

import org.ejml.data.DMatrixRMaj;

/** A twice-differentiable function of the coefficients, as a solver sees it. */
public interface Objective {

    /** The number of coefficients. */
    int dimension();

    /** {@code L(b)}; {@code b} is not modified. */
    double value(double[] b);

    /**
     * Returns {@code L(b)}, writing {@code grad L(b)} into {@code gradient} and the full symmetric
     * {@code Hess L(b)} into {@code hessian} when they are non-null. Only those two are modified.
     */
    double evaluate(double[] b, double[] gradient, DMatrixRMaj hessian);

    /**
     * The scale {@code s_j} of each coordinate for a solver's {@link StoppingRule}, or null when
     * unknown (then the rule reads the plain gradient). May take a pass over the data: ask once.
     */
    default double[] coordinateScales() {
        return null;
    }
}
