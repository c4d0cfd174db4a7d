package dev.logreg.text;

/**
 * Numbers in request text (query parameters, CSV cells) read as JSON writes them: an optional sign,
 * digits with an optional decimal point, and an optional exponent, {@code [+-]?(d+(.d*)?|.d+)([eE][+-]?d+)?}.
 * Java's own parser also takes hexadecimal ({@code 0x1p3}), a type suffix ({@code 1d}, {@code 2f}),
 * {@code Infinity} and {@code NaN}; to a client none of these is a number, and reading them would
 * accept what another parser of the same request rejects.
 */
public final class DecimalNumbers {

    private DecimalNumbers() {}

    /** Whether {@code text[start, end)} is a decimal number, with no space around it. */
    public static boolean isDecimal(char[] text, int start, int end) {
        int at = start;
        if (at < end && (text[at] == '+' || text[at] == '-')) {
            at++;
        }
        int integerDigits = 0;
        while (at < end && isDigit(text[at])) {
            at++;
            integerDigits++;
        }
        int fractionDigits = 0;
        if (at < end && text[at] == '.') {
            at++;
            while (at < end && isDigit(text[at])) {
                at++;
                fractionDigits++;
            }
        }
        if (integerDigits + fractionDigits == 0) {
            return false;
        }
        if (at < end && (text[at] == 'e' || text[at] == 'E')) {
            at++;
            if (at < end && (text[at] == '+' || text[at] == '-')) {
                at++;
            }
            int exponentDigits = 0;
            while (at < end && isDigit(text[at])) {
                at++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return at == end;
    }

    /**
     * The decimal number in {@code text}, spaces around it ignored; it may overflow to an infinity.
     *
     * @throws NumberFormatException when the text is not a decimal number
     */
    public static double parse(String text) {
        String trimmed = text.trim();
        if (!isDecimal(trimmed.toCharArray(), 0, trimmed.length())) {
            throw new NumberFormatException("not a decimal number: " + text);
        }
        return Double.parseDouble(trimmed);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
