package dev.logreg.design;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A parsed formula or part of one, with the 0-based position in the formula text where it starts.
 * {@link #deparse()} writes it back as R's {@code deparse} does, which is how R names variables
 * and model-matrix columns ({@code log(x + 1)}, {@code I(x^2)}, {@code `a b`}).
 */
sealed interface Expr {

    int position();

    String deparse();

    /** A column name, as written (without the backquotes a non-syntactic name needs). */
    record Name(String name, int position) implements Expr {
        private static final Set<String> RESERVED = Set.of(
                "if",
                "else",
                "repeat",
                "while",
                "function",
                "for",
                "next",
                "break",
                "in",
                "TRUE",
                "FALSE",
                "NULL",
                "Inf",
                "NaN",
                "NA",
                "NA_integer_",
                "NA_real_",
                "NA_character_",
                "NA_complex_");

        @Override
        public String deparse() {
            return isSyntactic(name) ? name : "`" + name + "`";
        }

        /** R's rule for a name that needs no backquotes. */
        static boolean isSyntactic(String name) {
            if (name.isEmpty() || RESERVED.contains(name) || name.matches("\\.\\.[0-9]+|\\.\\.\\.")) {
                return false;
            }
            char first = name.charAt(0);
            if (first == '.') {
                if (name.length() > 1 && Character.isDigit(name.charAt(1))) {
                    return false;
                }
            } else if (!Character.isLetter(first)) {
                return false;
            }
            for (int i = 1; i < name.length(); i++) {
                char c = name.charAt(i);
                if (!(Character.isLetterOrDigit(c) || c == '.' || c == '_')) {
                    return false;
                }
            }
            return true;
        }
    }

    record Number(double value, int position) implements Expr {
        @Override
        public String deparse() {
            return RNumbers.format(value);
        }
    }

    /** {@code .}: every column not otherwise used (see {@link Terms}). */
    record Dot(int position) implements Expr {
        @Override
        public String deparse() {
            return ".";
        }
    }

    record Call(String function, List<Expr> arguments, int position) implements Expr {
        @Override
        public String deparse() {
            return function + "(" + arguments.stream().map(Expr::deparse).collect(Collectors.joining(", ")) + ")";
        }
    }

    /** {@code operator} is one of {@code ~ + - * / : ^ %in%}. */
    record Binary(String operator, Expr left, Expr right, int position) implements Expr {
        @Override
        public String deparse() {
            String separator = switch (operator) {
                case ":", "^", "/" -> operator;
                default -> " " + operator + " ";
            };
            return left.deparse() + separator + right.deparse();
        }
    }

    /** {@code operator} is {@code -}, {@code +} or {@code ~}. */
    record Unary(String operator, Expr operand, int position) implements Expr {
        @Override
        public String deparse() {
            return operator + operand.deparse();
        }
    }

    record Parenthesized(Expr inner, int position) implements Expr {
        @Override
        public String deparse() {
            return "(" + inner.deparse() + ")";
        }
    }
}
