package dev.logreg.design;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A formula's terms as R's {@code terms.formula} builds them (R's {@code src/library/stats/src/model.c}):
 * the variables in order of first appearance (the response first), each term a set of variables,
 * the terms ordered by degree and then by appearance, the intercept, and the offsets.
 *
 * <p>The operators: {@code a + b} joins term lists, {@code a:b} (and {@code a %in% b}) takes every
 * union of a term of {@code a} with one of {@code b}, {@code a * b} is {@code a + b + a:b},
 * {@code a / b} is {@code a + (all of a's variables):b}, {@code (..)^n} multiplies the list by
 * itself n - 1 times, {@code a - b} removes b's terms from a's, {@code 1} and {@code 0} (negated
 * inside a removal, as R's parity flag does) set the intercept, the last one winning. {@code .}
 * stands for every column of the table except those of the response and the weights (R keeps the
 * weights' column in {@code .}; a weight is never also meant as a predictor here). Variables
 * removed by {@code -} stay variables: as in R, their missing cells still omit rows.
 *
 * <p>{@link #code(int, int)} is R's factor pattern (its {@code TermCode}): a variable in a term is
 * coded by contrasts when the term without it is empty or contained in an earlier term, else by
 * indicators (Chambers and Hastie 1992).
 */
final class Terms {

    private static final Set<String> FUNCTIONS = Set.of("offset", "factor", "log", "exp", "sqrt", "I");

    private final Map<String, Expr> variables = new LinkedHashMap<>();
    private final Map<String, Integer> indices = new HashMap<>();
    private final List<Integer> offsets = new ArrayList<>();
    private final List<String> columns;
    private final Set<String> notInDot;
    private final int maxVariables;
    private boolean intercept = true;
    private boolean parity = true;
    private List<BitSet> terms;
    private String[] labelsByIndex;

    private Terms(List<String> columns, Set<String> notInDot, int maxVariables) {
        this.columns = columns;
        this.notInDot = notInDot;
        this.maxVariables = maxVariables;
    }

    /**
     * The terms of {@code formula} over a table with {@code columns}.
     *
     * @param notInDot columns that {@code .} leaves out besides the response's (the weights)
     * @param maxVariables the most variables the formula may name
     * @throws DesignException naming the position of an operator or function R's formulas lack
     */
    static Terms of(Expr.Binary formula, List<String> columns, Set<String> notInDot, int maxVariables) {
        Terms terms = new Terms(columns, new LinkedHashSet<>(notInDot), maxVariables);
        Expr response = formula.left();
        checkResponse(response);
        terms.variable(response);
        terms.notInDot.addAll(namesIn(response));
        List<BitSet> encoded = terms.encode(formula.right());
        List<BitSet> kept = new ArrayList<>();
        for (BitSet term : encoded) {
            if (term.get(0)) {
                throw DesignException.formula(
                        formula.right().position(), "the response " + response.deparse() + " is also a term");
            }
            boolean hasOffset = terms.offsets.stream().anyMatch(term::get);
            if (hasOffset && term.cardinality() > 1) {
                throw DesignException.formula(formula.right().position(), "offset() cannot be part of an interaction");
            }
            if (!hasOffset) {
                kept.add(term);
            }
        }
        kept.sort(Comparator.comparingInt(BitSet::cardinality));
        terms.terms = kept;
        terms.labelsByIndex = terms.variables.keySet().toArray(new String[0]);
        return terms;
    }

    /** The variables' labels (R's deparsed expressions), the response first. */
    List<String> variableLabels() {
        return List.of(labelsByIndex);
    }

    /** The variables' expressions, the response first. */
    List<Expr> variableExpressions() {
        return new ArrayList<>(variables.values());
    }

    /** The terms in R's order, each the set of its variables' indices. */
    List<BitSet> terms() {
        return terms;
    }

    boolean hasIntercept() {
        return intercept;
    }

    /** The indices of the {@code offset(...)} variables. */
    List<Integer> offsets() {
        return offsets;
    }

    /** R's term label: the variables' labels in variable order, joined by {@code :}. */
    String label(BitSet term) {
        StringBuilder label = new StringBuilder();
        for (int v = term.nextSetBit(0); v >= 0; v = term.nextSetBit(v + 1)) {
            if (!label.isEmpty()) {
                label.append(':');
            }
            label.append(labelsByIndex[v]);
        }
        return label.toString();
    }

    /**
     * R's factor pattern entry for variable {@code variable} in term {@code term}: 1 (contrasts) when
     * the term without the variable is empty or contained in an earlier term, 2 (indicators) otherwise.
     */
    int code(int term, int variable) {
        BitSet rest = (BitSet) terms.get(term).clone();
        rest.clear(variable);
        if (rest.isEmpty()) {
            return 1;
        }
        for (int earlier = 0; earlier < term; earlier++) {
            BitSet outside = (BitSet) rest.clone();
            outside.andNot(terms.get(earlier));
            if (outside.isEmpty()) {
                return 1;
            }
        }
        return 2;
    }

    private List<BitSet> encode(Expr expr) {
        if (expr instanceof Expr.Name name) {
            return single(variable(name));
        } else if (expr instanceof Expr.Call call) {
            return encodeCall(call);
        } else if (expr instanceof Expr.Dot dot) {
            return encodeDot(dot);
        } else if (expr instanceof Expr.Number number) {
            return encodeNumber(number);
        } else if (expr instanceof Expr.Parenthesized parenthesized) {
            return encode(parenthesized.inner());
        } else if (expr instanceof Expr.Unary unary) {
            return encodeUnary(unary);
        }
        return encodeBinary((Expr.Binary) expr);
    }

    private List<BitSet> encodeCall(Expr.Call call) {
        String function = call.function();
        if (!FUNCTIONS.contains(function)) {
            throw DesignException.formula(
                    call.position(),
                    "unknown function " + function + "(); a term may use offset(), factor(), log(), exp(), "
                            + "sqrt() and I()");
        }
        if (call.arguments().size() != 1) {
            throw DesignException.formula(
                    call.position(),
                    function + "() takes one argument, got " + call.arguments().size());
        }
        Expr argument = call.arguments().get(0);
        if (function.equals("factor")) {
            if (!(argument instanceof Expr.Name)) {
                throw DesignException.formula(argument.position(), "factor() takes a column name");
            }
        } else {
            checkArithmetic(argument);
        }
        int index = variable(call);
        if (function.equals("offset")) {
            if (!offsets.contains(index)) {
                offsets.add(index);
            }
        }
        return single(index);
    }

    private List<BitSet> encodeDot(Expr.Dot dot) {
        List<BitSet> list = new ArrayList<>();
        for (String column : columns) {
            if (!notInDot.contains(column)) {
                list.add(bit(variable(new Expr.Name(column, dot.position()))));
            }
        }
        if (list.isEmpty()) {
            throw DesignException.formula(dot.position(), "'.' stands for no column: the table has no other columns");
        }
        return list;
    }

    private List<BitSet> encodeNumber(Expr.Number number) {
        if (number.value() == 1) {
            intercept = parity;
        } else if (number.value() == 0) {
            intercept = !parity;
        } else {
            throw DesignException.formula(
                    number.position(), "a number in a formula is 0 or 1 (the intercept); use I() for arithmetic");
        }
        return List.of();
    }

    private List<BitSet> encodeUnary(Expr.Unary unary) {
        if (unary.operator().equals("+")) {
            return encode(unary.operand());
        }
        if (unary.operator().equals("-")) {
            parity = !parity;
            encode(unary.operand());
            parity = !parity;
            return List.of();
        }
        throw DesignException.formula(unary.position(), "unexpected '" + unary.operator() + "'");
    }

    private List<BitSet> encodeBinary(Expr.Binary binary) {
        switch (binary.operator()) {
            case "+" -> {
                List<BitSet> left = encode(binary.left());
                return union(left, encode(binary.right()));
            }
            case "-" -> {
                List<BitSet> left = encode(binary.left());
                parity = !parity;
                List<BitSet> removed = encode(binary.right());
                parity = !parity;
                List<BitSet> kept = new ArrayList<>(left);
                kept.removeAll(removed);
                return kept;
            }
            case ":", "%in%" -> {
                List<BitSet> left = encode(binary.left());
                return interact(left, encode(binary.right()));
            }
            case "*" -> {
                List<BitSet> left = encode(binary.left());
                List<BitSet> right = encode(binary.right());
                return union(union(left, right), interact(left, right));
            }
            case "/" -> {
                List<BitSet> left = encode(binary.left());
                List<BitSet> right = encode(binary.right());
                BitSet all = new BitSet();
                left.forEach(all::or);
                return union(left, interact(List.of(all), right));
            }
            case "^" -> {
                List<BitSet> left = encode(binary.left());
                int power = power(binary.right());
                List<BitSet> result = left;
                for (int i = 1; i < power; i++) {
                    result = interact(left, result);
                }
                return result;
            }
            default ->
                throw DesignException.formula(
                        binary.position(), "unexpected '" + binary.operator() + "'; expected an operator");
        }
    }

    private static int power(Expr exponent) {
        Expr inner = exponent;
        while (inner instanceof Expr.Parenthesized parenthesized) {
            inner = parenthesized.inner();
        }
        if (inner instanceof Expr.Number number
                && number.value() >= 1
                && number.value() <= 64
                && number.value() == Math.rint(number.value())) {
            return (int) number.value();
        }
        throw DesignException.formula(
                exponent.position(), "the power of a term is a whole number from 1 to 64; use I(x^2) for arithmetic");
    }

    private int variable(Expr expr) {
        String label = expr.deparse();
        if (!variables.containsKey(label)) {
            if (variables.size() >= maxVariables) {
                throw DesignException.formula(
                        expr.position(), "the formula names more than " + maxVariables + " variables");
            }
            indices.put(label, variables.size());
            variables.put(label, expr);
        }
        return indices.get(label);
    }

    private static List<BitSet> single(int variable) {
        return List.of(bit(variable));
    }

    private static BitSet bit(int variable) {
        BitSet term = new BitSet();
        term.set(variable);
        return term;
    }

    /** {@code left} then those of {@code right} not in it (R's TrimRepeats). */
    private static List<BitSet> union(List<BitSet> left, List<BitSet> right) {
        LinkedHashSet<BitSet> all = new LinkedHashSet<>(left);
        all.addAll(right);
        return new ArrayList<>(all);
    }

    /** Every union of a term of {@code left} with one of {@code right}, left varying slowest. */
    private static List<BitSet> interact(List<BitSet> left, List<BitSet> right) {
        LinkedHashSet<BitSet> all = new LinkedHashSet<>();
        for (BitSet l : left) {
            for (BitSet r : right) {
                BitSet term = (BitSet) l.clone();
                term.or(r);
                all.add(term);
            }
        }
        return new ArrayList<>(all);
    }

    /** The response: a column, an arithmetic expression, {@code factor(x)} or {@code cbind(s, f)}. */
    private static void checkResponse(Expr response) {
        if (response instanceof Expr.Call call && call.function().equals("cbind")) {
            if (call.arguments().size() != 2) {
                throw DesignException.formula(
                        call.position(), "cbind() takes two arguments: the successes and the failures");
            }
            call.arguments().forEach(Terms::checkArithmetic);
            return;
        }
        if (response instanceof Expr.Call call && call.function().equals("factor")) {
            if (call.arguments().size() != 1 || !(call.arguments().get(0) instanceof Expr.Name)) {
                throw DesignException.formula(call.position(), "factor() takes a column name");
            }
            return;
        }
        if (response instanceof Expr.Dot || response instanceof Expr.Number) {
            throw DesignException.formula(response.position(), "the response is a column, cbind(s, f) or I(...)");
        }
        checkArithmetic(response);
    }

    /**
     * Checks that {@code expr} is arithmetic R evaluates: columns, numbers, {@code + - * / ^},
     * parentheses, and {@code log exp sqrt I} of one argument.
     */
    static void checkArithmetic(Expr expr) {
        if (expr instanceof Expr.Parenthesized parenthesized) {
            checkArithmetic(parenthesized.inner());
        } else if (expr instanceof Expr.Unary unary) {
            checkArithmetic(unary.operand());
        } else if (expr instanceof Expr.Binary binary) {
            if (!Set.of("+", "-", "*", "/", "^").contains(binary.operator())) {
                throw DesignException.formula(
                        binary.position(),
                        "'" + binary.operator() + "' is not arithmetic; inside a function use + - * / ^");
            }
            checkArithmetic(binary.left());
            checkArithmetic(binary.right());
        } else if (expr instanceof Expr.Call call) {
            if (!Set.of("log", "exp", "sqrt", "I").contains(call.function())) {
                throw DesignException.formula(
                        call.position(),
                        "unknown function " + call.function() + "(); arithmetic may use log(), exp(), sqrt() "
                                + "and I()");
            }
            if (call.arguments().size() != 1) {
                throw DesignException.formula(
                        call.position(),
                        call.function() + "() takes one argument, got "
                                + call.arguments().size());
            }
            checkArithmetic(call.arguments().get(0));
        } else if (expr instanceof Expr.Dot dot) {
            throw DesignException.formula(dot.position(), "'.' cannot be used inside a function");
        }
    }

    /** The column names an expression reads. */
    static Set<String> namesIn(Expr expr) {
        Set<String> names = new LinkedHashSet<>();
        collectNames(expr, names);
        return names;
    }

    private static void collectNames(Expr expr, Set<String> names) {
        if (expr instanceof Expr.Name name) {
            names.add(name.name());
        } else if (expr instanceof Expr.Parenthesized parenthesized) {
            collectNames(parenthesized.inner(), names);
        } else if (expr instanceof Expr.Unary unary) {
            collectNames(unary.operand(), names);
        } else if (expr instanceof Expr.Binary binary) {
            collectNames(binary.left(), names);
            collectNames(binary.right(), names);
        } else if (expr instanceof Expr.Call call) {
            call.arguments().forEach(argument -> collectNames(argument, names));
        }
    }
}
