package dev.logreg.design;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A raw table: named columns of equal length, each numbers, text or logicals, with missing
 * cells, in the order the client gave them (which is the order {@code .} expands to). Built by a
 * {@link TableBuilder}; immutable once built.
 */
public final class Table {

    private final Map<String, Column> columns;
    private final int numRows;

    Table(List<Column> columns, int numRows) {
        Map<String, Column> byName = new LinkedHashMap<>();
        for (Column column : columns) {
            if (column.size() != numRows) {
                throw new IllegalArgumentException(
                        "column " + column.name() + " has " + column.size() + " cells, expected " + numRows);
            }
            if (byName.put(column.name(), column) != null) {
                throw new IllegalArgumentException("column " + column.name() + " appears twice");
            }
        }
        this.columns = Collections.unmodifiableMap(byName);
        this.numRows = numRows;
    }

    public int numRows() {
        return numRows;
    }

    /** The column names in the order given. */
    public List<String> columnNames() {
        return new ArrayList<>(columns.keySet());
    }

    public boolean hasColumn(String name) {
        return columns.containsKey(name);
    }

    /** The column named {@code name}, or null. */
    Column column(String name) {
        return columns.get(name);
    }
}
