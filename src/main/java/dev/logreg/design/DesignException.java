package dev.logreg.design;

/**
 * A table, formula or record that cannot be coded: {@link #field()} names what is wrong in the
 * request's terms ({@code formula}, {@code weights}, {@code factors.class.levels}, or a cell as
 * {@code data.class[2]}), {@link #column()} and {@link #row()} name the cell when there is one (so
 * that other request forms can name it their way), and the message says what is wrong.
 */
public final class DesignException extends IllegalArgumentException {

    private final String field;
    private final String column;
    private final int row;

    DesignException(String field, String message) {
        super(message);
        this.field = field;
        this.column = null;
        this.row = -1;
    }

    /** A problem with a cell: the field is {@code data.column[row]}. */
    DesignException(String column, int row, String message) {
        super(message);
        this.field = "data." + column + "[" + row + "]";
        this.column = column;
        this.row = row;
    }

    /** A problem in the formula at 0-based {@code position}. */
    static DesignException formula(int position, String message) {
        return new DesignException("formula", "at position " + position + ": " + message);
    }

    public String field() {
        return field;
    }

    /** The column of the cell at fault, or null. */
    public String column() {
        return column;
    }

    /** The 0-based row of the cell at fault, or -1. */
    public int row() {
        return row;
    }
}
