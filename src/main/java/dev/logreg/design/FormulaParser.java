package dev.logreg.design;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses an R model formula with R's operator precedence, lowest first: {@code ~}; binary
 * {@code + -}; {@code * /}; {@code %in%}; {@code :}; unary {@code + -}; {@code ^} (right
 * associative). Atoms are names (plain or in backquotes), numbers, {@code .}, parentheses and
 * calls {@code f(a, b)}. What the operators mean is {@link Terms}'s business; this class only
 * builds the tree and points at the position of anything it cannot read.
 */
final class FormulaParser {

    private final String text;
    private int position;

    private FormulaParser(String text) {
        this.text = text;
    }

    /**
     * The tree of a two-sided formula {@code response ~ terms}.
     *
     * @throws DesignException naming the 0-based position of the first thing that is not R's grammar
     */
    static Expr.Binary parse(String formula) {
        FormulaParser parser = new FormulaParser(formula);
        parser.skipSpaces();
        if (parser.atEnd()) {
            throw DesignException.formula(0, "the formula is empty; expected 'response ~ terms'");
        }
        if (parser.peek() == '~') {
            throw DesignException.formula(parser.position, "expected a response before '~'");
        }
        Expr response = parser.sum();
        parser.skipSpaces();
        if (parser.atEnd() || parser.peek() != '~') {
            throw DesignException.formula(
                    parser.position, parser.atEnd() ? "expected '~' and the terms" : "expected '~' or an operator");
        }
        int tilde = parser.position++;
        Expr terms = parser.sum();
        parser.skipSpaces();
        if (!parser.atEnd()) {
            String what = parser.peek() == '~' ? "a second '~'" : "'" + parser.peek() + "'";
            throw DesignException.formula(parser.position, "unexpected " + what + "; expected an operator");
        }
        return new Expr.Binary("~", response, terms, tilde);
    }

    /** Parses one expression (the formula grammar without {@code ~}), all of {@code text}. */
    static Expr parseExpression(String text) {
        FormulaParser parser = new FormulaParser(text);
        Expr expr = parser.sum();
        parser.skipSpaces();
        if (!parser.atEnd()) {
            throw DesignException.formula(parser.position, "unexpected '" + parser.peek() + "'");
        }
        return expr;
    }

    private Expr sum() {
        Expr left = product();
        while (true) {
            skipSpaces();
            if (atEnd() || (peek() != '+' && peek() != '-')) {
                return left;
            }
            int at = position;
            String operator = String.valueOf(text.charAt(position++));
            left = new Expr.Binary(operator, left, product(), at);
        }
    }

    private Expr product() {
        Expr left = inOperator();
        while (true) {
            skipSpaces();
            if (atEnd() || (peek() != '*' && peek() != '/')) {
                return left;
            }
            int at = position;
            String operator = String.valueOf(text.charAt(position++));
            left = new Expr.Binary(operator, left, inOperator(), at);
        }
    }

    private Expr inOperator() {
        Expr left = interaction();
        while (true) {
            skipSpaces();
            if (!text.startsWith("%", position)) {
                return left;
            }
            int at = position;
            if (!text.startsWith("%in%", position)) {
                throw DesignException.formula(at, "the only %-operator in a formula is %in%");
            }
            position += 4;
            left = new Expr.Binary("%in%", left, interaction(), at);
        }
    }

    private Expr interaction() {
        Expr left = unary();
        while (true) {
            skipSpaces();
            if (atEnd() || peek() != ':') {
                return left;
            }
            int at = position++;
            left = new Expr.Binary(":", left, unary(), at);
        }
    }

    private Expr unary() {
        skipSpaces();
        if (!atEnd() && (peek() == '-' || peek() == '+')) {
            int at = position;
            String operator = String.valueOf(text.charAt(position++));
            return new Expr.Unary(operator, unary(), at);
        }
        return power();
    }

    private Expr power() {
        Expr base = atom();
        skipSpaces();
        if (!atEnd() && peek() == '^') {
            int at = position++;
            // right associative, and the exponent may carry a sign: x^-1
            return new Expr.Binary("^", base, unary(), at);
        }
        return base;
    }

    private Expr atom() {
        skipSpaces();
        if (atEnd()) {
            throw DesignException.formula(position, "expected a variable, a number or '(' but the formula ends");
        }
        int start = position;
        char c = peek();
        if (c == '(') {
            position++;
            Expr inner = sum();
            expect(')', "')' to close the '(' at position " + start);
            return new Expr.Parenthesized(inner, start);
        }
        if (c == '`') {
            int end = text.indexOf('`', position + 1);
            if (end < 0) {
                throw DesignException.formula(start, "a backquoted name is not closed");
            }
            String name = text.substring(position + 1, end);
            if (name.isEmpty()) {
                throw DesignException.formula(start, "a backquoted name is empty");
            }
            position = end + 1;
            return new Expr.Name(name, start);
        }
        if (isDigit(c) || (c == '.' && position + 1 < text.length() && isDigit(text.charAt(position + 1)))) {
            return number();
        }
        if (Character.isLetter(c) || c == '.') {
            while (!atEnd() && (Character.isLetterOrDigit(peek()) || peek() == '.' || peek() == '_')) {
                position++;
            }
            String name = text.substring(start, position);
            skipSpaces();
            if (!atEnd() && peek() == '(') {
                return call(name, start);
            }
            return name.equals(".") ? new Expr.Dot(start) : new Expr.Name(name, start);
        }
        throw DesignException.formula(start, "unexpected '" + c + "'; expected a variable, a number or '('");
    }

    private Expr call(String function, int start) {
        position++;
        List<Expr> arguments = new ArrayList<>();
        skipSpaces();
        if (!atEnd() && peek() == ')') {
            position++;
            return new Expr.Call(function, arguments, start);
        }
        while (true) {
            arguments.add(sum());
            skipSpaces();
            if (!atEnd() && peek() == ',') {
                position++;
                continue;
            }
            expect(')', "',' or ')' to close " + function + "(");
            return new Expr.Call(function, arguments, start);
        }
    }

    private Expr number() {
        int start = position;
        while (!atEnd() && (isDigit(peek()) || peek() == '.')) {
            position++;
        }
        if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
            int mark = position++;
            if (!atEnd() && (peek() == '+' || peek() == '-')) {
                position++;
            }
            if (atEnd() || !isDigit(peek())) {
                position = mark;
            } else {
                while (!atEnd() && isDigit(peek())) {
                    position++;
                }
            }
        }
        String literal = text.substring(start, position);
        double value;
        try {
            value = Double.parseDouble(literal);
        } catch (NumberFormatException malformed) {
            throw DesignException.formula(start, "'" + literal + "' is not a number");
        }
        if (!atEnd() && (Character.isLetter(peek()) || peek() == '_')) {
            throw DesignException.formula(position, "unexpected '" + peek() + "' after the number " + literal);
        }
        return new Expr.Number(value, start);
    }

    private void expect(char expected, String what) {
        skipSpaces();
        if (atEnd() || peek() != expected) {
            throw DesignException.formula(
                    position, "expected " + what + (atEnd() ? " but the formula ends" : ", found '" + peek() + "'"));
        }
        position++;
    }

    private void skipSpaces() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            position++;
        }
    }

    private boolean atEnd() {
        return position >= text.length();
    }

    private char peek() {
        return text.charAt(position);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
