package dev.logreg.problem;

/** The store has no room for another model: its count or byte capacity is reached (503). */
public final class StoreFullException extends RuntimeException {

    public StoreFullException(String message) {
        super(message);
    }
}
