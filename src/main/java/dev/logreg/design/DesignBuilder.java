package dev.logreg.design;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Codes a training table by a formula as R's {@code glm} does: {@code model.frame} (every variable
 * of the formula and the weights evaluated, rows with a missing value omitted or refused, unused
 * factor levels dropped) then {@code model.matrix} (see {@link CodingPlan}). The response is a
 * number in [0, 1], a logical, a two-level factor (its second level is 1) or {@code cbind(s, f)}
 * (label {@code s / (s + f)}, weight {@code s + f} times the weights').
 */
public final class DesignBuilder {

    private final Table table;
    private final DesignRequest request;
    private final DesignLimits limits;
    private final Evaluator evaluator;

    private DesignBuilder(Table table, DesignRequest request, DesignLimits limits) {
        this.table = table;
        this.request = request;
        this.limits = limits;
        this.evaluator = new Evaluator(table, false);
    }

    /**
     * Codes {@code table} as {@code request} says. Nothing passed in is modified.
     *
     * @throws DesignException naming the field and what is wrong: a malformed formula (with its
     *     position), an unknown column, a response outside [0, 1], a factor with one level or more
     *     than {@code limits.maxLevels()}, text where the formula needs a number, a missing value
     *     under {@link NaAction#FAIL}, no rows left, too many columns
     */
    public static CodedTable build(Table table, DesignRequest request, DesignLimits limits) {
        return new DesignBuilder(table, request, limits).build();
    }

    private CodedTable build() {
        String formula = request.formula();
        if (formula.length() > limits.maxFormulaLength()) {
            throw new DesignException(
                    "formula",
                    "the formula has " + formula.length() + " characters, more than the limit of "
                            + limits.maxFormulaLength());
        }
        Expr.Binary parsed = FormulaParser.parse(formula);
        String weightsColumn = request.weights();
        if (weightsColumn != null && !table.hasColumn(weightsColumn)) {
            throw new DesignException("weights", "unknown column " + weightsColumn);
        }
        for (String column : request.factors().keySet()) {
            if (!table.hasColumn(column)) {
                throw new DesignException("factors." + column, "unknown column " + column);
            }
        }
        Set<String> notInDot = weightsColumn == null ? Set.of() : Set.of(weightsColumn);
        Terms terms = Terms.of(parsed, table.columnNames(), notInDot, limits.maxColumns() + 1);
        List<Expr> expressions = terms.variableExpressions();
        List<String> labels = terms.variableLabels();
        int numVariables = expressions.size();
        int rows = table.numRows();
        BitSet inTerms = new BitSet();
        terms.terms().forEach(inTerms::or);

        double[][] numbers = new double[numVariables][];
        int[][] codes = new int[numVariables][];
        List<List<String>> levels = new ArrayList<>();
        boolean[] logical = new boolean[numVariables];
        boolean[] missing = new boolean[rows];
        int[] firstMissingVariable = new int[rows];
        for (int v = 0; v < numVariables; v++) {
            Expr expr = expressions.get(v);
            levels.add(null);
            if (v == 0 && expr instanceof Expr.Call call && call.function().equals("cbind")) {
                continue;
            }
            if (isFactor(expr)) {
                Evaluator.RawFactor raw = factor(expr);
                codes[v] = raw.codes();
                levels.set(v, raw.labels());
                logical[v] = expr instanceof Expr.Name && DesignInput.LOGICAL.equals(evaluator.typeOf(raw.column()));
                markMissing(codes[v], v, missing, firstMissingVariable);
            } else {
                numbers[v] = evaluator.numbers(expr);
                markMissing(numbers[v], v, missing, firstMissingVariable);
            }
        }
        Response response = response(expressions.get(0), levels.get(0), codes[0], numbers[0]);
        markMissing(response.labels(), 0, missing, firstMissingVariable);
        double[] weights = null;
        if (weightsColumn != null) {
            weights = weights(weightsColumn);
            markMissing(weights, -1, missing, firstMissingVariable);
        }

        int[] kept = keptRows(missing, firstMissingVariable, expressions, weightsColumn);
        for (int v = 1; v < numVariables; v++) {
            if (codes[v] != null && inTerms.get(v) && !logical[v]) {
                levels.set(v, dropUnusedLevels(codes[v], levels.get(v), kept, labels.get(v), rows - kept.length));
            }
        }
        List<CodingPlan.Variable> variables = new ArrayList<>(numVariables);
        for (int v = 0; v < numVariables; v++) {
            variables.add(new CodingPlan.Variable(labels.get(v), expressions.get(v), codes[v] != null, levels.get(v)));
        }
        CodingPlan plan = CodingPlan.of(terms, variables, limits.maxColumns());
        for (int v = 1; v < numVariables; v++) {
            if (numbers[v] != null && (inTerms.get(v) || terms.offsets().contains(v))) {
                checkFinite(numbers[v], kept, expressions.get(v));
            }
        }

        int n = kept.length;
        int p = plan.numColumns();
        double[] x = new double[Math.multiplyExact(n, p)];
        double[] y = new double[n];
        double[] w = new double[n];
        double[] offset = plan.offsets().length == 0 ? null : new double[n];
        double totalWeight = 0;
        for (int i = 0; i < n; i++) {
            int row = kept[i];
            plan.fillRow(numbers, codes, row, x, i * p);
            y[i] = response.labels()[row];
            double weight = response.trials() == null ? 1 : response.trials()[row];
            if (weights != null) {
                weight *= weights[row];
            }
            w[i] = weight;
            totalWeight += weight;
            if (offset != null) {
                double sum = 0;
                for (int v : plan.offsets()) {
                    sum += numbers[v][row];
                }
                offset[i] = sum;
            }
        }
        if (!(totalWeight > 0)) {
            throw new DesignException(
                    weightsColumn != null ? "weights" : "formula", "the weights of the rows left are all zero");
        }
        Design design = design(terms, plan, kept.length, weightsColumn);
        return new CodedTable(design, x, n, p, y, w, offset, kept);
    }

    private Design design(Terms terms, CodingPlan plan, int numKept, String weightsColumn) {
        List<DesignTerm> designTerms = new ArrayList<>();
        for (CodingPlan.Term term : plan.terms()) {
            designTerms.add(new DesignTerm(term.label(), plan.columnNames(term)));
        }
        Map<String, FactorLevels> factors = new LinkedHashMap<>();
        BitSet used = new BitSet();
        terms.terms().forEach(used::or);
        used.set(0);
        for (int v = used.nextSetBit(0); v >= 0; v = used.nextSetBit(v + 1)) {
            CodingPlan.Variable variable = plan.variables().get(v);
            Expr expr = variable.expr();
            boolean logicalColumn =
                    expr instanceof Expr.Name name && DesignInput.LOGICAL.equals(evaluator.typeOf(name.name()));
            if (variable.factor() && !logicalColumn) {
                factors.put(variable.label(), new FactorLevels(variable.levels()));
            }
        }
        Set<String> read = new LinkedHashSet<>();
        terms.variableExpressions().forEach(expr -> read.addAll(Terms.namesIn(expr)));
        if (weightsColumn != null) {
            read.add(weightsColumn);
        }
        List<DesignInput> inputs = new ArrayList<>();
        for (String column : table.columnNames()) {
            if (read.contains(column)) {
                inputs.add(new DesignInput(column, evaluator.typeOf(column)));
            }
        }
        List<String> offsets = new ArrayList<>();
        for (int v : plan.offsets()) {
            offsets.add(((Expr.Call) plan.variables().get(v).expr())
                    .arguments()
                    .get(0)
                    .deparse());
        }
        return new Design(
                request.formula(),
                terms.variableLabels().get(0),
                plan.columnNames(),
                designTerms,
                factors,
                inputs,
                weightsColumn,
                offsets.isEmpty() ? null : String.join(" + ", offsets),
                request.naAction().apiName(),
                table.numRows() - numKept);
    }

    /** A factor: {@code factor(x)}, a text or logical column, or a column named in {@code factors}. */
    private boolean isFactor(Expr expr) {
        if (expr instanceof Expr.Call call) {
            return call.function().equals("factor");
        }
        if (expr instanceof Expr.Name name) {
            String type = evaluator.typeOf(name.name());
            if (type == null) {
                evaluator.column(name);
            }
            return !DesignInput.NUMBER.equals(type) || request.factors().containsKey(name.name());
        }
        return false;
    }

    /** The factor's codes and levels: R's default order, or the client's {@code factors} entry. */
    private Evaluator.RawFactor factor(Expr expr) {
        Evaluator.RawFactor raw = evaluator.factor(expr);
        String column = raw.column();
        if (raw.labels().size() > limits.maxLevels()) {
            throw new DesignException(
                    "data." + column,
                    "column " + column + " has " + raw.labels().size() + " distinct values, more than the limit of "
                            + limits.maxLevels() + " levels of a factor");
        }
        FactorSpec spec = request.factors().get(column);
        if (spec == null || (spec.levels() == null && spec.reference() == null)) {
            return raw;
        }
        List<String> order;
        if (spec.levels() != null) {
            order = spec.levels();
            if (spec.reference() != null) {
                order = new ArrayList<>(order);
                order.remove(spec.reference());
                order.add(0, spec.reference());
            }
        } else {
            if (!raw.labels().contains(spec.reference())) {
                throw new DesignException(
                        "factors." + column + ".reference",
                        "'" + spec.reference() + "' is not a value of column " + column);
            }
            order = new ArrayList<>(raw.labels());
            order.remove(spec.reference());
            order.add(0, spec.reference());
        }
        Map<String, Integer> position = new HashMap<>();
        for (int k = 0; k < order.size(); k++) {
            position.put(order.get(k), k);
        }
        int[] recode = new int[raw.labels().size()];
        for (int k = 0; k < recode.length; k++) {
            Integer to = position.get(raw.labels().get(k));
            if (to == null) {
                int row = firstRowWith(raw.codes(), k);
                throw new DesignException(
                        "factors." + column + ".levels",
                        "column " + column + " has the value '" + raw.labels().get(k) + "' (row " + row
                                + "), which is not among the levels given");
            }
            recode[k] = to;
        }
        int[] codes = new int[raw.codes().length];
        for (int i = 0; i < codes.length; i++) {
            int code = raw.codes()[i];
            codes[i] = code < 0 ? -1 : recode[code];
        }
        return new Evaluator.RawFactor(column, codes, List.copyOf(order));
    }

    private static int firstRowWith(int[] codes, int code) {
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] == code) {
                return i;
            }
        }
        return -1;
    }

    /** The labels in [0, 1] (NaN missing) and, for {@code cbind(s, f)}, the trials {@code s + f}. */
    private record Response(double[] labels, double[] trials) {}

    private Response response(Expr expr, List<String> levels, int[] codes, double[] values) {
        int rows = table.numRows();
        String column = Terms.namesIn(expr).stream().findFirst().orElse(expr.deparse());
        if (expr instanceof Expr.Call call && call.function().equals("cbind")) {
            double[] successes = evaluator.numbers(call.arguments().get(0));
            double[] failures = evaluator.numbers(call.arguments().get(1));
            double[] labels = new double[rows];
            double[] trials = new double[rows];
            for (int i = 0; i < rows; i++) {
                double s = successes[i];
                double f = failures[i];
                if (Double.isNaN(s) || Double.isNaN(f)) {
                    labels[i] = Double.NaN;
                    continue;
                }
                if (!(s >= 0 && f >= 0 && Double.isFinite(s + f))) {
                    throw new DesignException(
                            column, i, "cbind(successes, failures) needs finite counts >= 0, got " + s + " and " + f);
                }
                trials[i] = s + f;
                labels[i] = trials[i] == 0 ? 0 : s / trials[i];
            }
            return new Response(labels, trials);
        }
        double[] labels = new double[rows];
        if (codes != null) {
            if (levels.size() != 2) {
                throw new DesignException(
                        "data." + column,
                        "the response " + expr.deparse() + " has " + levels.size() + " level"
                                + (levels.size() == 1 ? "" : "s") + " (" + String.join(", ", levels)
                                + "); a factor response needs two, the second counted as 1");
            }
            for (int i = 0; i < rows; i++) {
                labels[i] = codes[i] < 0 ? Double.NaN : codes[i];
            }
            return new Response(labels, null);
        }
        for (int i = 0; i < rows; i++) {
            double label = values[i];
            if (!Double.isNaN(label) && !(label >= 0 && label <= 1)) {
                throw new DesignException(
                        column,
                        i,
                        "the response " + expr.deparse() + " is " + RNumbers.format(label)
                                + " here; it must be in [0, 1] (or use cbind(successes, failures))");
            }
            labels[i] = label;
        }
        return new Response(labels, null);
    }

    private double[] weights(String column) {
        Column cells = table.column(column);
        if (!(cells instanceof Column.Numbers numbers)) {
            throw new DesignException("weights", "the weights' column " + column + " does not hold numbers");
        }
        double[] values = numbers.values();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i]) && !(values[i] >= 0 && values[i] < Double.POSITIVE_INFINITY)) {
                throw new DesignException(
                        column, i, "a weight must be finite and >= 0, got " + RNumbers.format(values[i]));
            }
        }
        return values;
    }

    private static void markMissing(double[] values, int variable, boolean[] missing, int[] first) {
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i]) && !missing[i]) {
                missing[i] = true;
                first[i] = variable;
            }
        }
    }

    private static void markMissing(int[] codes, int variable, boolean[] missing, int[] first) {
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < 0 && !missing[i]) {
                missing[i] = true;
                first[i] = variable;
            }
        }
    }

    /** The rows without a missing value, or an error naming the first missing cell under {@code fail}. */
    private int[] keptRows(boolean[] missing, int[] firstVariable, List<Expr> expressions, String weightsColumn) {
        int count = 0;
        for (boolean m : missing) {
            if (!m) {
                count++;
            }
        }
        if (count < missing.length && request.naAction() == NaAction.FAIL) {
            for (int i = 0; i < missing.length; i++) {
                if (missing[i]) {
                    int v = firstVariable[i];
                    String column = v < 0 ? weightsColumn : missingColumn(expressions.get(v), i);
                    String what = v < 0 ? "the weight" : expressions.get(v).deparse();
                    throw new DesignException(column, i, what + " is missing (NA) here, and naAction is fail");
                }
            }
        }
        if (count == 0) {
            throw new DesignException(
                    "data", "no rows left: every row has a missing value in a column the formula or weights use");
        }
        int[] kept = new int[count];
        int next = 0;
        for (int i = 0; i < missing.length; i++) {
            if (!missing[i]) {
                kept[next++] = i;
            }
        }
        return kept;
    }

    /** The column whose missing cell made {@code expr} missing at {@code row} (or its first column). */
    private String missingColumn(Expr expr, int row) {
        Set<String> names = Terms.namesIn(expr);
        for (String name : names) {
            Column column = table.column(name);
            if (column != null && column.isMissing(row)) {
                return name;
            }
        }
        return names.iterator().next();
    }

    /** R's {@code drop.unused.levels}: the levels that occur in the kept rows, codes renumbered. */
    private List<String> dropUnusedLevels(int[] codes, List<String> levels, int[] kept, String label, int omitted) {
        int[] counts = new int[levels.size()];
        for (int row : kept) {
            counts[codes[row]]++;
        }
        int[] renumber = new int[levels.size()];
        List<String> used = new ArrayList<>();
        for (int k = 0; k < levels.size(); k++) {
            renumber[k] = counts[k] > 0 ? used.size() : -1;
            if (counts[k] > 0) {
                used.add(levels.get(k));
            }
        }
        if (used.size() < 2) {
            throw new DesignException(
                    "data."
                            + Terms.namesIn(FormulaParser.parseExpression(label))
                                    .iterator()
                                    .next(),
                    "the factor " + label + " has one level (" + String.join("", used) + ")"
                            + (omitted > 0 ? " in the rows without missing values" : "")
                            + "; a factor needs two or more");
        }
        if (used.size() < levels.size()) {
            for (int i = 0; i < codes.length; i++) {
                if (codes[i] >= 0) {
                    codes[i] = renumber[codes[i]];
                }
            }
        }
        return List.copyOf(used);
    }

    private void checkFinite(double[] values, int[] kept, Expr expr) {
        for (int row : kept) {
            if (Double.isInfinite(values[row])) {
                throw new DesignException(
                        Terms.namesIn(expr).stream().findFirst().orElse(expr.deparse()),
                        row,
                        expr.deparse() + " is " + RNumbers.format(values[row])
                                + " here; R's glm refuses infinite values");
            }
        }
    }
}
