package dev.logreg.training;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import dev.logreg.problem.InvalidRequestException;
import dev.logreg.text.DecimalNumbers;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.io.NumberInput;

/**
 * What FastCSV calls back with each field of a CSV training body: the first record names the
 * columns; in every later one, each cell's characters go to its {@link Column}, which parses them
 * into the {@link DatasetBuilder}. Nothing is allocated per row or cell unless a cell is wrong (its
 * error names the line and column); a line of whitespace alone is skipped, as an empty one.
 */
final class CsvTable extends AbstractBaseCsvCallbackHandler<CsvTable> {

    private final DatasetBuilder builder;
    private final String labelColumn;
    private final String weightColumn;
    private final int maxFeatures;
    /** The header's names until it has been read. */
    private final List<String> names = new ArrayList<>();

    private final List<String> featureNames = new ArrayList<>();
    /** Each column's consumer, in header order; null until the header has been read. */
    private Column[] columns;
    /** The current record's first cell was blank: a blank line, unless another cell follows. */
    private boolean firstCellBlank;

    CsvTable(DatasetBuilder builder, String labelColumn, String weightColumn, int maxFeatures) {
        this.builder = builder;
        this.labelColumn = labelColumn;
        this.weightColumn = weightColumn;
        this.maxFeatures = maxFeatures;
    }

    boolean hasHeader() {
        return columns != null;
    }

    /** The feature columns' names, in header order. */
    List<String> featureNames() {
        return featureNames;
    }

    /** The line the current record starts on (1 is the header's, when the body starts with it). */
    long line() {
        return getStartingLineNumber();
    }

    @Override
    protected void handleBegin(long startingLineNumber) {
        firstCellBlank = false;
    }

    @Override
    protected void handleField(int index, char[] text, int offset, int length, boolean quoted) {
        if (columns == null) {
            // The label and the weight besides maxFeatures features: a longer header is past the limit.
            builder.checkFeatureCount(index - 1, "body");
            names.add(quoted ? new String(text, offset, length) : new String(text, offset, length).trim());
            return;
        }
        if (index == 0) {
            firstCellBlank = !quoted && isBlank(text, offset, length);
            if (firstCellBlank) {
                return;
            }
            builder.startRow();
        } else if (index == 1 && firstCellBlank) {
            builder.startRow();
            columns[0].accept(text, offset, 0, line());
        }
        if (index < columns.length) {
            columns[index].accept(text, offset, length, line());
        }
    }

    @Override
    protected CsvTable buildRecord() {
        if (getRecordType() != RecordType.DATA) {
            return this;
        }
        boolean blankLine =
                columns == null ? names.size() == 1 && names.get(0).isEmpty() : getFieldCount() == 1 && firstCellBlank;
        if (blankLine) {
            names.clear();
        } else if (columns == null) {
            readHeader();
        } else {
            if (getFieldCount() != columns.length) {
                builder.error("line " + line(), "expected " + columns.length + " cells, got " + getFieldCount());
            }
            builder.endRow("line ", line(), "");
        }
        return this;
    }

    /** Gives each column of the header its role; refuses a label or weight column that is not one column. */
    private void readHeader() {
        int labelIndex = uniqueColumn("label", labelColumn);
        int weightIndex = -1;
        if (weightColumn != null) {
            if (weightColumn.equals(labelColumn)) {
                throw new InvalidRequestException(
                        "weight",
                        "names the label column '" + labelColumn + "': the weights need a column of their own");
            }
            weightIndex = uniqueColumn("weight", weightColumn);
        }
        columns = new Column[names.size()];
        for (int c = 0; c < columns.length; c++) {
            String field = ", column '" + names.get(c) + "'";
            if (c == labelIndex) {
                columns[c] = new LabelColumn(builder, field);
            } else if (c == weightIndex) {
                columns[c] = new WeightColumn(builder, field);
            } else {
                columns[c] = new FeatureColumn(builder, field);
                featureNames.add(names.get(c));
            }
        }
        builder.checkFeatureCount(featureNames.size(), "body");
    }

    /** The index of the one column named {@code name}, which the query parameter {@code parameter} gave. */
    private int uniqueColumn(String parameter, String name) {
        int found = names.indexOf(name);
        if (found < 0) {
            throw new InvalidRequestException(parameter, "no column named '" + name + "' in the header");
        }
        int again = names.subList(found + 1, names.size()).indexOf(name);
        if (again >= 0) {
            throw new InvalidRequestException(
                    parameter,
                    "names column '" + name + "', but the header has it twice (columns " + (found + 1) + " and "
                            + (found + again + 2) + "): rename the other one");
        }
        return found;
    }

    private static boolean isBlank(char[] text, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (text[i] > ' ') {
                return false;
            }
        }
        return true;
    }

    /**
     * Where the cells of one column go. {@link #accept} gets the cell's characters in FastCSV's
     * buffer, valid only during the call, and the line its record starts on.
     */
    abstract static class Column {

        final DatasetBuilder builder;
        /** {@code ", column 'name'"}: what follows the line number in this column's errors. */
        final String fieldSuffix;

        Column(DatasetBuilder builder, String fieldSuffix) {
            this.builder = builder;
            this.fieldSuffix = fieldSuffix;
        }

        abstract void accept(char[] text, int offset, int length, long line);

        String field(long line) {
            return "line " + line + fieldSuffix;
        }

        /**
         * The cell as a finite number, or NaN when it is not one ({@link #problem} then says why).
         * Whitespace around the number is ignored.
         */
        static double number(char[] text, int offset, int length) {
            int start = offset;
            int end = offset + length;
            while (start < end && text[start] <= ' ') {
                start++;
            }
            while (end > start && text[end - 1] <= ' ') {
                end--;
            }
            if (start == end || !DecimalNumbers.isDecimal(text, start, end)) {
                return Double.NaN;
            }
            try {
                double value = NumberInput.parseDouble(text, start, end - start, true);
                return Double.isFinite(value) ? value : Double.NaN;
            } catch (NumberFormatException notANumber) {
                return Double.NaN;
            }
        }

        /** Why a cell for which {@link #number} gave NaN is not a finite number. */
        static String problem(char[] text, int offset, int length) {
            String cell = new String(text, offset, length).trim();
            if (cell.isEmpty()) {
                return "empty cell";
            }
            return DecimalNumbers.isDecimal(cell.toCharArray(), 0, cell.length())
                    ? "not a finite number: '" + cell + "'"
                    : "not a number: '" + cell + "'";
        }
    }

    private static final class FeatureColumn extends Column {

        FeatureColumn(DatasetBuilder builder, String fieldSuffix) {
            super(builder, fieldSuffix);
        }

        @Override
        void accept(char[] text, int offset, int length, long line) {
            double value = number(text, offset, length);
            if (Double.isNaN(value)) {
                builder.addInvalid(field(line), problem(text, offset, length));
            } else {
                builder.addValue(value);
            }
        }
    }

    private static final class LabelColumn extends Column {

        LabelColumn(DatasetBuilder builder, String fieldSuffix) {
            super(builder, fieldSuffix);
        }

        @Override
        void accept(char[] text, int offset, int length, long line) {
            double value = number(text, offset, length);
            if (Double.isNaN(value)) {
                builder.error(field(line), problem(text, offset, length));
                value = 0.0;
            }
            builder.addLabel(value, "line ", line, fieldSuffix);
        }
    }

    private static final class WeightColumn extends Column {

        WeightColumn(DatasetBuilder builder, String fieldSuffix) {
            super(builder, fieldSuffix);
        }

        @Override
        void accept(char[] text, int offset, int length, long line) {
            double value = number(text, offset, length);
            if (Double.isNaN(value)) {
                builder.error(field(line), problem(text, offset, length));
                value = 1.0;
            }
            builder.addWeight(value, "line ", line, fieldSuffix);
        }
    }
}
