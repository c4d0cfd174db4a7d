package dev.logreg.spark;

/**
 * A source that does not fit the request: unreadable, or its columns missing, not numeric, or with values out of
 * range. The message quotes nothing of the source's content, only what the request named and counts.
 */
public final class SourceColumnException extends RuntimeException {

    private final String field;

    /**
     * @param field the request field that names the column, such as {@code source.label}
     * @param message what is wrong, naming the column
     */
    public SourceColumnException(String field, String message) {
        super(message);
        this.field = field;
    }

    /**
     * @param field the request field at fault
     * @param message what is wrong, without any of the source's content
     * @param cause Spark's failure, for the log only: its text may quote the source
     */
    public SourceColumnException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
