package dev.logreg.design;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers written as R writes them with {@code as.character} and {@code deparse}: at most 15
 * significant digits, as few as show the value to 15 digits, and fixed notation unless the
 * scientific one is shorter ({@code 1e+05}, {@code 123456}, {@code 1e-04}, {@code 0.333333333333333}).
 * These strings name the levels of {@code factor(x)} for a numeric {@code x} and the numbers inside
 * {@code I(...)}, so they must be R's to the character.
 */
final class RNumbers {

    private static final MathContext FIFTEEN_DIGITS = new MathContext(15, RoundingMode.HALF_EVEN);

    private RNumbers() {}

    /** R's {@code as.character(value)} for a finite double. */
    static String format(double value) {
        if (value == 0) {
            return "0";
        }
        if (!Double.isFinite(value)) {
            return Double.isNaN(value) ? "NaN" : value > 0 ? "Inf" : "-Inf";
        }
        BigDecimal rounded = new BigDecimal(value).round(FIFTEEN_DIGITS).stripTrailingZeros();
        String digits = rounded.unscaledValue().abs().toString();
        int significant = digits.length();
        // value = 0.d1d2... x 10^(exponent + 1), so exponent is floor(log10 |value|)
        int exponent = significant - 1 - rounded.scale();
        boolean negative = value < 0;
        int sign = negative ? 1 : 0;
        int exponentDigits = Math.abs(exponent) >= 100 ? 3 : 2;
        int scientificWidth = sign + (significant > 1 ? significant + 1 : 1) + 2 + exponentDigits;
        int decimals = Math.max(0, significant - exponent - 1);
        int integerDigits = exponent >= 0 ? exponent + 1 : 1;
        int fixedWidth = sign + integerDigits + (decimals > 0 ? decimals + 1 : 0);
        if (fixedWidth <= scientificWidth) {
            return rounded.setScale(decimals, RoundingMode.UNNECESSARY).toPlainString();
        }
        StringBuilder text = new StringBuilder();
        if (negative) {
            text.append('-');
        }
        text.append(digits.charAt(0));
        if (significant > 1) {
            text.append('.').append(digits, 1, significant);
        }
        text.append(exponent < 0 ? "e-" : "e+");
        String power = Integer.toString(Math.abs(exponent));
        if (power.length() < 2) {
            text.append('0');
        }
        return text.append(power).toString();
    }
}
