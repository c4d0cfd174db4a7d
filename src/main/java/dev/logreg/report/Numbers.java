package dev.logreg.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** How the report prints numbers: R's conventions, so a page reads like {@code summary.glm}. */
final class Numbers {

    /** What R prints for a value that does not exist (an aliased coefficient's statistics). */
    static final String MISSING = "NA";

    /** R's {@code .Machine$double.eps} cut-off of {@code format.pval}. */
    private static final double SMALLEST_P = 2.220446049250313e-16;

    private Numbers() {}

    /**
     * A column printed as R's {@code format(values, digits)} does: one number of decimals for all,
     * the fewest that show every value to {@code digits} significant digits, or scientific
     * notation where that is narrower. NaN prints as {@code NA}.
     */
    static String[] column(double[] values, int digits) {
        return print(values, decimals(values, digits), digits);
    }

    /**
     * The decimals {@link #column} uses for {@code values}, or -1 for scientific notation: as R,
     * fixed notation unless it is wider than scientific with {@code digits} significant digits
     * ({@code -1.23e-08} is 9 characters wide for 3 digits).
     */
    static int decimals(double[] values, int digits) {
        int decimals = 0;
        int integerDigits = 1;
        int sign = 0;
        for (double value : values) {
            if (Double.isFinite(value) && value != 0) {
                BigDecimal rounded =
                        new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros();
                decimals = Math.max(decimals, rounded.scale());
                integerDigits = Math.max(integerDigits, rounded.precision() - rounded.scale());
                sign = value < 0 ? 1 : sign;
            }
        }
        int fixedWidth = sign + integerDigits + (decimals > 0 ? decimals + 1 : 0);
        int scientificWidth = sign + (digits > 1 ? digits + 1 : 1) + 4;
        return fixedWidth > scientificWidth ? -1 : decimals;
    }

    /**
     * {@code values} with {@code decimals} decimals each, or in scientific notation with
     * {@code digits} significant digits when {@code decimals} is -1. NaN prints as {@code NA}.
     */
    static String[] print(double[] values, int decimals, int digits) {
        String pattern = decimals < 0 ? "%." + (digits - 1) + "e" : "%." + decimals + "f";
        String[] printed = new String[values.length];
        for (int k = 0; k < values.length; k++) {
            printed[k] = Double.isFinite(values[k]) ? String.format(Locale.ROOT, pattern, values[k] + 0.0) : MISSING;
        }
        return printed;
    }

    /** One value to {@code digits} significant digits, as {@link #column} prints it alone. */
    static String significant(double value, int digits) {
        return column(new double[] {value}, digits)[0];
    }

    /** {@code value} with exactly {@code decimals} decimals; NaN prints as {@code NA}. */
    static String fixed(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value + 0.0) : MISSING;
    }

    /** z values as {@code printCoefmat}: rounded to 3 decimals, then a column of 4 significant digits. */
    static String[] zValues(double[] values) {
        double[] rounded = new double[values.length];
        for (int k = 0; k < values.length; k++) {
            rounded[k] = Double.isFinite(values[k]) ? Math.round(values[k] * 1000) / 1000.0 : Double.NaN;
        }
        return column(rounded, 4);
    }

    /**
     * p-values as R's {@code format.pval(p, digits = 3)}: below machine epsilon {@code <2e-16},
     * the others a column of 3 significant digits.
     */
    static String[] pValues(double[] values) {
        double[] shown = values.clone();
        for (int k = 0; k < shown.length; k++) {
            if (shown[k] < SMALLEST_P) {
                shown[k] = Double.NaN;
            }
        }
        String[] printed = column(shown, 3);
        for (int k = 0; k < values.length; k++) {
            if (values[k] < SMALLEST_P) {
                printed[k] = "<2e-16";
            }
        }
        return printed;
    }

    /** R's significance codes: {@code ***} below 0.001, {@code **} 0.01, {@code *} 0.05, {@code .} 0.1. */
    static String stars(double p) {
        if (!(p >= 0)) {
            return "";
        }
        return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : p < 0.1 ? "." : "";
    }

    /** A fraction as a percentage with one decimal: {@code 0.8125} prints {@code 81.3%}. */
    static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.1f%%", 100 * fraction) : MISSING;
    }
}
