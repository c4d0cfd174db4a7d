package dev.logreg.training;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import dev.logreg.design.Table;
import dev.logreg.design.TableBuilder;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.io.NumberInput;

/**
 * What FastCSV calls back with each field of a CSV table for a formula: the first record names the
 * columns, every later cell goes to its column of a {@link TableBuilder} as R's {@code read.csv}
 * types it (empty or {@code NA} missing; a column whose cells are all numbers is numbers, all
 * {@code TRUE}/{@code FALSE} logical, anything else text). A number in a column that is still
 * numbers is parsed from FastCSV's buffer, with no string made for it; a blank line is skipped.
 */
final class CsvFormulaTable extends AbstractBaseCsvCallbackHandler<CsvFormulaTable> {

    private final DatasetBuilder errors;
    private final DatasetLimits limits;
    private final TableBuilder table = new TableBuilder();
    private final List<String> names = new ArrayList<>();
    private TableBuilder.ColumnBuilder[] columns;
    private int numRows;
    private long numCells;
    private boolean firstCellBlank;

    CsvFormulaTable(DatasetBuilder errors, DatasetLimits limits) {
        this.errors = errors;
        this.limits = limits;
    }

    boolean hasHeader() {
        return columns != null;
    }

    long line() {
        return getStartingLineNumber();
    }

    Table table() {
        return table.build(numRows);
    }

    @Override
    protected void handleBegin(long startingLineNumber) {
        firstCellBlank = false;
    }

    @Override
    protected void handleField(int index, char[] text, int offset, int length, boolean quoted) {
        if (columns == null) {
            errors.checkFeatureCount(index, "body");
            names.add(quoted ? new String(text, offset, length) : new String(text, offset, length).trim());
            return;
        }
        if (index == 0) {
            firstCellBlank = !quoted && isBlank(text, offset, length);
            if (firstCellBlank) {
                return;
            }
            startRow();
        } else if (index == 1 && firstCellBlank) {
            startRow();
            add(0, text, offset, 0, false);
        }
        if (index < columns.length) {
            add(index, text, offset, length, quoted);
        }
    }

    private void startRow() {
        if (numRows >= limits.maxRows()) {
            throw DatasetBuilder.limitExceeded(
                    "body", "more than " + limits.maxRows() + " rows", "logreg.max-rows", limits.maxRows());
        }
        numRows++;
        numCells += columns.length;
        if (numCells > limits.maxCells()) {
            throw DatasetBuilder.limitExceeded(
                    "body", "more than " + limits.maxCells() + " cells", "logreg.max-cells", limits.maxCells());
        }
    }

    private void add(int index, char[] text, int offset, int length, boolean quoted) {
        TableBuilder.ColumnBuilder column = columns[index];
        int start = offset;
        int end = offset + length;
        if (!quoted) {
            while (start < end && text[start] <= ' ') {
                start++;
            }
            while (end > start && text[end - 1] <= ' ') {
                end--;
            }
        }
        if (column.acceptsNumbers() && looksNumeric(text, start, end)) {
            try {
                double value = NumberInput.parseDouble(text, start, end - start, true);
                if (Double.isFinite(value)) {
                    column.addNumber(value);
                    return;
                }
            } catch (NumberFormatException notANumber) {
                // text, read below
            }
        }
        column.addCell(new String(text, start, end - start));
    }

    /** Digits with a sign, point or exponent: worth parsing as a number. */
    private static boolean looksNumeric(char[] text, int start, int end) {
        boolean digit = false;
        for (int i = start; i < end; i++) {
            char c = text[i];
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return digit;
    }

    @Override
    protected CsvFormulaTable buildRecord() {
        if (getRecordType() != RecordType.DATA) {
            return this;
        }
        boolean blankLine =
                columns == null ? names.size() == 1 && names.get(0).isEmpty() : getFieldCount() == 1 && firstCellBlank;
        if (blankLine) {
            names.clear();
        } else if (columns == null) {
            columns = new TableBuilder.ColumnBuilder[names.size()];
            for (int c = 0; c < columns.length; c++) {
                if (table.hasColumn(names.get(c))) {
                    throw new dev.logreg.problem.InvalidRequestException(
                            "body", "the header names column '" + names.get(c) + "' twice");
                }
                columns[c] = table.column(names.get(c));
            }
        } else {
            if (getFieldCount() != columns.length) {
                errors.error("line " + line(), "expected " + columns.length + " cells, got " + getFieldCount());
            }
            for (TableBuilder.ColumnBuilder column : columns) {
                column.padTo(numRows);
            }
        }
        return this;
    }

    private static boolean isBlank(char[] text, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (text[i] > ' ') {
                return false;
            }
        }
        return true;
    }
}
