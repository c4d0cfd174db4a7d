package dev.logreg.spark;

/** A source whose columns do not fit the request: missing, not numeric, or with values out of range. */
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

    public String field() {
        return field;
    }
}
