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
}
