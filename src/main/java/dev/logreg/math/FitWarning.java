package dev.logreg.math;

import java.util.Objects;

/**
 * A finding about a fit that a user should act on, with a stable {@code code}.
 *
 * @param code one of the constants below
 * @param message plain words saying what happened and what to do
 */
public record FitWarning(String code, String message) {

    public static final String SEPARATION = "SEPARATION";
    public static final String NOT_CONVERGED = "NOT_CONVERGED";
    public static final String COLLINEAR = "COLLINEAR";
    public static final String PENALIZED_INFERENCE = "PENALIZED_INFERENCE";
    public static final String HESSIAN_DAMPED = "HESSIAN_DAMPED";

    public FitWarning {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
