package dev.logreg.problem;

/** The body is not well-formed JSON or CSV (400). */
public final class MalformedBodyException extends RuntimeException {

    public MalformedBodyException(String message) {
        super(message);
    }
}
