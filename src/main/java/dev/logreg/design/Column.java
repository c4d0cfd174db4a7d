package dev.logreg.design;

import java.util.List;

/**
 * One column of a {@link Table}: numbers, text or logicals, each with missing cells. Cells are
 * held in primitive arrays (text as codes into a dictionary of its distinct values), so a column
 * costs no object per row.
 */
sealed interface Column permits Column.Numbers, Column.Texts, Column.Logicals {

    String name();

    int size();

    boolean isMissing(int row);

    /** The cell as a client wrote it, for error messages. */
    String describe(int row);

    /** Numbers; {@code NaN} is a missing cell. */
    record Numbers(String name, double[] values) implements Column {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        public boolean isMissing(int row) {
            return Double.isNaN(values[row]);
        }

        @Override
        public String describe(int row) {
            return isMissing(row) ? "NA" : RNumbers.format(values[row]);
        }
    }

    /** Text as codes into {@code dictionary} (distinct values in order of appearance); -1 is missing. */
    record Texts(String name, int[] codes, List<String> dictionary) implements Column {
        @Override
        public int size() {
            return codes.length;
        }

        @Override
        public boolean isMissing(int row) {
            return codes[row] < 0;
        }

        @Override
        public String describe(int row) {
            return isMissing(row) ? "NA" : "'" + dictionary.get(codes[row]) + "'";
        }

        String text(int row) {
            return dictionary.get(codes[row]);
        }
    }

    /** Logicals: 1 true, 0 false, -1 missing. */
    record Logicals(String name, byte[] values) implements Column {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        public boolean isMissing(int row) {
            return values[row] < 0;
        }

        @Override
        public String describe(int row) {
            return isMissing(row) ? "NA" : values[row] == 1 ? "TRUE" : "FALSE";
        }
    }
}
