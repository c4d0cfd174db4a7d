package dev.logreg.math;

/** The data admit no model at all, whatever the solver. */
public final class DegenerateDataException extends IllegalArgumentException {

    public DegenerateDataException(String message) {
        super(message);
    }
}
