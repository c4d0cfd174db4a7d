package dev.logreg.problem;

/** A source URI outside {@code logreg.spark.allowed-sources} (403): refused before Spark is reached. */
public final class SourceNotAllowedException extends RuntimeException {

    public SourceNotAllowedException(String message) {
        super(message);
    }
}
