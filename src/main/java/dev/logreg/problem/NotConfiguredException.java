package dev.logreg.problem;

/** A request for a feature the service's configuration leaves off (503, no Retry-After). */
public final class NotConfiguredException extends RuntimeException {

    public NotConfiguredException(String message) {
        super(message);
    }
}
