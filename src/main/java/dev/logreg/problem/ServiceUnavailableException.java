package dev.logreg.problem;

import java.time.Duration;
import java.util.Objects;

/** The service cannot take this request now (503); the client may retry after {@code retryAfter}. */
public final class ServiceUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    public ServiceUnavailableException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** When to retry, as a {@code Retry-After} header: whole seconds, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
