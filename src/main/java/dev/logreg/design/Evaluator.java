package dev.logreg.design;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates a formula's variables over a {@link Table}: arithmetic as R computes it (a {@code NaN}
 * result, {@code log(-1)} say, is missing, as {@code is.na} sees it) and factors with R's default
 * level order. Training reads a text column used as a number as an error; prediction
 * ({@code lenient}) parses text cells, since query parameters are all text.
 */
final class Evaluator {

    private final Table table;
    private final boolean lenient;

    Evaluator(Table table, boolean lenient) {
        this.table = table;
        this.lenient = lenient;
    }

    /** A factor's cells as codes into {@code labels} (-1 missing), labels in R's default order. */
    record RawFactor(String column, int[] codes, List<String> labels) {}

    /** The values of arithmetic {@code expr}, one per row, {@code NaN} where missing; shared, do not modify. */
    double[] numbers(Expr expr) {
        if (expr instanceof Expr.Name name) {
            return columnNumbers(name);
        }
        int rows = table.numRows();
        if (expr instanceof Expr.Number number) {
            double[] constant = new double[rows];
            Arrays.fill(constant, number.value());
            return constant;
        }
        if (expr instanceof Expr.Parenthesized parenthesized) {
            return numbers(parenthesized.inner());
        }
        if (expr instanceof Expr.Unary unary) {
            double[] operand = numbers(unary.operand());
            if (unary.operator().equals("+")) {
                return operand;
            }
            double[] negated = new double[rows];
            for (int i = 0; i < rows; i++) {
                negated[i] = -operand[i];
            }
            return negated;
        }
        if (expr instanceof Expr.Call call) {
            double[] argument = numbers(call.arguments().get(0));
            double[] result = new double[rows];
            switch (call.function()) {
                case "log" -> {
                    for (int i = 0; i < rows; i++) {
                        result[i] = Math.log(argument[i]);
                    }
                }
                case "exp" -> {
                    for (int i = 0; i < rows; i++) {
                        result[i] = Math.exp(argument[i]);
                    }
                }
                case "sqrt" -> {
                    for (int i = 0; i < rows; i++) {
                        result[i] = Math.sqrt(argument[i]);
                    }
                }
                case "I", "offset" -> {
                    return argument;
                }
                default -> throw DesignException.formula(call.position(), call.function() + "() is not arithmetic");
            }
            return result;
        }
        if (expr instanceof Expr.Binary binary) {
            double[] left = numbers(binary.left());
            double[] right = numbers(binary.right());
            double[] result = new double[rows];
            switch (binary.operator()) {
                case "+" -> {
                    for (int i = 0; i < rows; i++) {
                        result[i] = left[i] + right[i];
                    }
                }
                case "-" -> {
                    for (int i = 0; i < rows; i++) {
                        result[i] = left[i] - right[i];
                    }
                }
                case "*" -> {
                    for (int i = 0; i < rows; i++) {
                        result[i] = left[i] * right[i];
                    }
                }
                case "/" -> {
                    for (int i = 0; i < rows; i++) {
                        result[i] = left[i] / right[i];
                    }
                }
                case "^" -> {
                    for (int i = 0; i < rows; i++) {
                        result[i] = power(left[i], right[i]);
                    }
                }
                default ->
                    throw DesignException.formula(binary.position(), "'" + binary.operator() + "' is not arithmetic");
            }
            return result;
        }
        throw DesignException.formula(expr.position(), "'" + expr.deparse() + "' is not arithmetic");
    }

    /** R's {@code R_pow}: {@code x^2} is {@code x * x}, {@code 1^y} and {@code x^0} are 1. */
    private static double power(double x, double y) {
        if (y == 2.0) {
            return x * x;
        }
        if (x == 1.0 || y == 0.0) {
            return 1.0;
        }
        return Math.pow(x, y);
    }

    /** The factor of a column {@code name} or {@code factor(name)}. */
    RawFactor factor(Expr expr) {
        Expr.Name name =
                expr instanceof Expr.Call call ? (Expr.Name) call.arguments().get(0) : (Expr.Name) expr;
        Column column = column(name);
        if (column instanceof Column.Texts texts) {
            List<String> labels = new ArrayList<>(texts.dictionary());
            labels.sort(Evaluator::compareCodePoints);
            Map<String, Integer> rank = new HashMap<>();
            for (int k = 0; k < labels.size(); k++) {
                rank.put(labels.get(k), k);
            }
            int[] recode = new int[texts.dictionary().size()];
            for (int k = 0; k < recode.length; k++) {
                recode[k] = rank.get(texts.dictionary().get(k));
            }
            int[] source = texts.codes();
            int[] codes = new int[source.length];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = source[i] < 0 ? -1 : recode[source[i]];
            }
            return new RawFactor(name.name(), codes, labels);
        }
        if (column instanceof Column.Logicals logicals) {
            byte[] values = logicals.values();
            int[] codes = new int[values.length];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = values[i];
            }
            return new RawFactor(name.name(), codes, List.of("FALSE", "TRUE"));
        }
        double[] values = ((Column.Numbers) column).values();
        double[] distinct = Arrays.stream(values)
                .filter(v -> !Double.isNaN(v))
                .map(v -> v + 0.0)
                .sorted()
                .distinct()
                .toArray();
        int[] codes = new int[values.length];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = Double.isNaN(values[i]) ? -1 : Arrays.binarySearch(distinct, values[i] + 0.0);
        }
        List<String> labels = new ArrayList<>(distinct.length);
        for (double value : distinct) {
            labels.add(RNumbers.format(value));
        }
        return new RawFactor(name.name(), codes, labels);
    }

    /** The type of column {@code name} ({@link DesignInput#NUMBER} etc.), or null when there is none. */
    String typeOf(String name) {
        Column column = table.column(name);
        return column == null ? null : DesignInput.typeOf(column);
    }

    Column column(Expr.Name name) {
        Column column = table.column(name.name());
        if (column == null) {
            if (lenient) {
                throw new DesignException(
                        "data." + name.name(), "the model needs column " + name.name() + ", which is not given");
            }
            throw DesignException.formula(
                    name.position(),
                    "unknown column " + name.deparse() + "; the table has " + String.join(", ", table.columnNames()));
        }
        return column;
    }

    private double[] columnNumbers(Expr.Name name) {
        Column column = column(name);
        if (column instanceof Column.Numbers numbers) {
            return numbers.values();
        }
        int rows = table.numRows();
        double[] values = new double[rows];
        if (column instanceof Column.Logicals logicals) {
            for (int i = 0; i < rows; i++) {
                byte value = logicals.values()[i];
                values[i] = value < 0 ? Double.NaN : value;
            }
            return values;
        }
        Column.Texts texts = (Column.Texts) column;
        double[] parsed = new double[texts.dictionary().size()];
        for (int k = 0; k < parsed.length; k++) {
            parsed[k] = lenient
                    ? TableBuilder.ColumnBuilder.parseNumber(texts.dictionary().get(k))
                    : Double.NaN;
        }
        for (int i = 0; i < rows; i++) {
            int code = texts.codes()[i];
            if (code >= 0 && Double.isNaN(parsed[code])) {
                String message = lenient
                        ? "expected a number, got " + texts.describe(i)
                        : name.name() + " holds text (" + texts.describe(i) + ") but the formula uses it as a number";
                throw new DesignException(name.name(), i, message);
            }
            values[i] = code < 0 ? Double.NaN : parsed[code];
        }
        return values;
    }

    /** Strings by Unicode code point, R's order in the C collation. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /** A logical cell given as text: {@code TRUE}/{@code FALSE} in any case, else -2. */
    static byte parseLogical(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        return upper.equals("TRUE") ? 1 : upper.equals("FALSE") ? 0 : (byte) -2;
    }
}
