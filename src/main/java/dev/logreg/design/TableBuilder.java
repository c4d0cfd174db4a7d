package dev.logreg.design;

import dev.logreg.math.GrowableDoubleArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a {@link Table} cell by cell, from JSON columns or records, CSV rows or query
 * parameters. A column's type follows its cells: all numbers make numbers, all logicals make
 * logicals, anything else (a string among them) makes text, the numbers and logicals before it
 * written as R writes them. {@link ColumnBuilder#addCell} reads a cell of text as R's
 * {@code read.csv} does: empty or {@code NA} is missing, a number is a number, {@code TRUE} or
 * {@code FALSE} in any case is a logical.
 */
public final class TableBuilder {

    private final Map<String, ColumnBuilder> columns = new LinkedHashMap<>();

    /** The builder of column {@code name}, created (after the existing ones) on first use. */
    public ColumnBuilder column(String name) {
        return columns.computeIfAbsent(name, ColumnBuilder::new);
    }

    /** Whether column {@code name} has been started. */
    public boolean hasColumn(String name) {
        return columns.containsKey(name);
    }

    /** A number as R's {@code as.character} writes it: how {@code factor(x)} names a numeric level. */
    public static String formatNumber(double value) {
        return RNumbers.format(value);
    }

    /** The number of columns so far. */
    public int numColumns() {
        return columns.size();
    }

    /**
     * The table of {@code numRows} rows; columns with fewer cells are padded with missing cells
     * (a record without the key).
     *
     * @throws IllegalArgumentException when a column has more than {@code numRows} cells
     */
    public Table build(int numRows) {
        List<Column> built = new ArrayList<>(columns.size());
        for (ColumnBuilder column : columns.values()) {
            if (column.size() > numRows) {
                throw new IllegalArgumentException(
                        "column " + column.name + " has " + column.size() + " values, expected " + numRows);
            }
            column.padTo(numRows);
            built.add(column.build());
        }
        return new Table(built, numRows);
    }

    /** The cells of one column, appended in row order. */
    public static final class ColumnBuilder {

        private enum Kind {
            UNKNOWN,
            NUMBERS,
            LOGICALS,
            TEXTS
        }

        private final String name;
        private Kind kind = Kind.UNKNOWN;
        private int size;
        private GrowableDoubleArray numbers;
        private byte[] logicals;
        private int[] codes;
        private Map<String, Integer> dictionary;
        private List<String> distinct;

        private ColumnBuilder(String name) {
            this.name = name;
        }

        public int size() {
            return size;
        }

        /** Whether a number appended now keeps the column numbers (it holds numbers or only missing cells). */
        public boolean acceptsNumbers() {
            return kind == Kind.UNKNOWN || kind == Kind.NUMBERS;
        }

        /** Appends a missing cell. */
        public void addMissing() {
            switch (kind) {
                case UNKNOWN -> size++;
                case NUMBERS -> appendNumber(Double.NaN);
                case LOGICALS -> appendLogical((byte) -1);
                case TEXTS -> appendCode(-1);
            }
        }

        /** Appends a number ({@code NaN} is missing). */
        public void addNumber(double value) {
            if (Double.isNaN(value)) {
                addMissing();
                return;
            }
            switch (kind) {
                case UNKNOWN -> {
                    becomeNumbers();
                    appendNumber(value);
                }
                case NUMBERS -> appendNumber(value);
                case LOGICALS -> {
                    becomeTexts();
                    appendText(RNumbers.format(value));
                }
                case TEXTS -> appendText(RNumbers.format(value));
            }
        }

        /** Appends a logical. */
        public void addLogical(boolean value) {
            switch (kind) {
                case UNKNOWN -> {
                    becomeLogicals();
                    appendLogical(value ? (byte) 1 : 0);
                }
                case LOGICALS -> appendLogical(value ? (byte) 1 : 0);
                case NUMBERS -> {
                    becomeTexts();
                    appendText(value ? "TRUE" : "FALSE");
                }
                case TEXTS -> appendText(value ? "TRUE" : "FALSE");
            }
        }

        /** Appends a string as text, whatever it holds ({@code null} is missing). */
        public void addString(String value) {
            if (value == null) {
                addMissing();
                return;
            }
            if (kind != Kind.TEXTS) {
                becomeTexts();
            }
            appendText(value);
        }

        /**
         * Appends a cell of text as R's {@code read.csv} reads it: empty or {@code NA} is missing,
         * a decimal number is a number, {@code TRUE}/{@code FALSE} (any case) a logical, else text.
         */
        public void addCell(String cell) {
            if (cell == null || cell.isEmpty() || cell.equals("NA")) {
                addMissing();
                return;
            }
            if (kind == Kind.UNKNOWN || kind == Kind.NUMBERS) {
                double number = parseNumber(cell);
                if (!Double.isNaN(number)) {
                    addNumber(number);
                    return;
                }
            }
            if (kind == Kind.UNKNOWN || kind == Kind.LOGICALS) {
                String upper = cell.toUpperCase(Locale.ROOT);
                if (upper.equals("TRUE") || upper.equals("FALSE")) {
                    addLogical(upper.equals("TRUE"));
                    return;
                }
            }
            addString(cell);
        }

        /** A decimal number ({@code 12}, {@code -1.5e3}), or NaN when the cell is not one. */
        static double parseNumber(String cell) {
            int length = cell.length();
            boolean digit = false;
            for (int i = 0; i < length; i++) {
                char c = cell.charAt(i);
                if (c >= '0' && c <= '9') {
                    digit = true;
                } else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                    return Double.NaN;
                }
            }
            if (!digit) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(cell);
            } catch (NumberFormatException notANumber) {
                return Double.NaN;
            }
        }

        /** Appends missing cells up to {@code rows} cells (a record without this column). */
        public void padTo(int rows) {
            while (size < rows) {
                addMissing();
            }
        }

        private void becomeNumbers() {
            numbers = new GrowableDoubleArray(Math.max(16, size * 2));
            for (int i = 0; i < size; i++) {
                numbers.add(Double.NaN);
            }
            kind = Kind.NUMBERS;
        }

        private void becomeLogicals() {
            logicals = new byte[Math.max(16, size * 2)];
            Arrays.fill(logicals, 0, size, (byte) -1);
            kind = Kind.LOGICALS;
        }

        /** Turns the cells so far into text, numbers and logicals written as R writes them. */
        private void becomeTexts() {
            Kind previous = kind;
            int rows = size;
            codes = new int[Math.max(16, rows * 2)];
            dictionary = new HashMap<>();
            distinct = new ArrayList<>();
            kind = Kind.TEXTS;
            size = 0;
            for (int i = 0; i < rows; i++) {
                switch (previous) {
                    case UNKNOWN -> appendCode(-1);
                    case NUMBERS -> {
                        double value = numbers.get(i);
                        if (Double.isNaN(value)) {
                            appendCode(-1);
                        } else {
                            appendText(RNumbers.format(value));
                        }
                    }
                    case LOGICALS -> {
                        byte value = logicals[i];
                        if (value < 0) {
                            appendCode(-1);
                        } else {
                            appendText(value == 1 ? "TRUE" : "FALSE");
                        }
                    }
                    case TEXTS -> throw new IllegalStateException("already text");
                }
            }
            numbers = null;
            logicals = null;
        }

        private void appendNumber(double value) {
            numbers.add(value);
            size++;
        }

        private void appendLogical(byte value) {
            if (size == logicals.length) {
                logicals = Arrays.copyOf(logicals, grown(size));
            }
            logicals[size++] = value;
        }

        private void appendText(String value) {
            Integer code = dictionary.get(value);
            if (code == null) {
                code = distinct.size();
                dictionary.put(value, code);
                distinct.add(value);
            }
            appendCode(code);
        }

        private void appendCode(int code) {
            if (size == codes.length) {
                codes = Arrays.copyOf(codes, grown(size));
            }
            codes[size++] = code;
        }

        private static int grown(int size) {
            return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(16L, 2L * size));
        }

        Column build() {
            return switch (kind) {
                case UNKNOWN -> {
                    double[] missing = new double[size];
                    Arrays.fill(missing, Double.NaN);
                    yield new Column.Numbers(name, missing);
                }
                case NUMBERS -> new Column.Numbers(name, numbers.toArray());
                case LOGICALS -> new Column.Logicals(name, Arrays.copyOf(logicals, size));
                case TEXTS -> new Column.Texts(name, Arrays.copyOf(codes, size), List.copyOf(distinct));
            };
        }
    }
}
