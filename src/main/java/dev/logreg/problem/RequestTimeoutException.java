package dev.logreg.problem;

/**
 * The request body stopped arriving, or arrived too slowly, before it ended (408): the client
 * stalled. The connection is closed after the answer, which the client may no longer be reading.
 */
public final class RequestTimeoutException extends RuntimeException {

    public RequestTimeoutException(String message) {
        super(message);
    }
}
