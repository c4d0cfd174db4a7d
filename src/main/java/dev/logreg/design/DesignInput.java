package dev.logreg.design;

import java.util.Set;

/** A column of the raw table the design reads, and its type: {@code number}, {@code text} or {@code logical}. */
public record DesignInput(String name, String type) {

    static final String NUMBER = "number";
    static final String TEXT = "text";
    static final String LOGICAL = "logical";

    public DesignInput {
        if (name == null || !Set.of(NUMBER, TEXT, LOGICAL).contains(type)) {
            throw new IllegalArgumentException("an input has a name and a type: number, text or logical");
        }
    }

    static String typeOf(Column column) {
        if (column instanceof Column.Numbers) {
            return NUMBER;
        }
        return column instanceof Column.Logicals ? LOGICAL : TEXT;
    }
}
