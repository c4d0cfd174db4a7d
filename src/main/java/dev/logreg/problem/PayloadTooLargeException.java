package dev.logreg.problem;

/** The body exceeds the configured limit (413). */
public final class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(long limitBytes) {
        super("The request body is larger than the limit of " + limitBytes + " bytes.");
    }

    /** A body over the limit that {@code setting} sets. */
    public PayloadTooLargeException(long limitBytes, String setting) {
        super("The request body is larger than the limit of " + limitBytes + " bytes (" + setting + ").");
    }
}
