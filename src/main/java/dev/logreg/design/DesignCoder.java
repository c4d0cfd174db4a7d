package dev.logreg.design;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Codes prediction records by a stored {@link Design}: the formula parsed again, each variable a
 * number or a factor with the design's levels, through the same {@link CodingPlan} as training.
 * Cells are read as the training column's type (text from a query string parsed as a number or a
 * logical; a number given for a text column written as R writes it). A level the model never saw
 * is an error naming the column, the row and the level (R: "factor has new levels"); a row with a
 * missing or non-finite value the model needs is marked missing, not an error.
 */
public final class DesignCoder {

    private final Design design;
    private final CodingPlan plan;
    private final List<DesignInput> required;
    private final BitSet needed;

    private DesignCoder(Design design, CodingPlan plan, List<DesignInput> required, BitSet needed) {
        this.design = design;
        this.plan = plan;
        this.required = required;
        this.needed = needed;
    }

    static DesignCoder of(Design design) {
        Expr.Binary parsed = FormulaParser.parse(design.formula());
        List<String> inputNames =
                design.inputs().stream().map(DesignInput::name).toList();
        Set<String> notInDot = design.weights() == null ? Set.of() : Set.of(design.weights());
        Terms terms = Terms.of(parsed, inputNames, notInDot, Integer.MAX_VALUE);
        Map<String, String> types = new HashMap<>();
        design.inputs().forEach(input -> types.put(input.name(), input.type()));
        List<CodingPlan.Variable> variables = new ArrayList<>();
        List<Expr> expressions = terms.variableExpressions();
        for (int v = 0; v < expressions.size(); v++) {
            Expr expr = expressions.get(v);
            String label = expr.deparse();
            FactorLevels factor = design.factors().get(label);
            if (factor != null) {
                variables.add(new CodingPlan.Variable(label, expr, true, factor.levels()));
            } else if (expr instanceof Expr.Name name && DesignInput.LOGICAL.equals(types.get(name.name()))) {
                variables.add(new CodingPlan.Variable(label, expr, true, List.of("FALSE", "TRUE")));
            } else {
                variables.add(new CodingPlan.Variable(label, expr, false, null));
            }
        }
        CodingPlan plan = CodingPlan.of(terms, variables, Integer.MAX_VALUE);
        if (!plan.columnNames().equals(design.columns())) {
            throw new IllegalStateException("the stored design does not code to its own columns");
        }
        BitSet needed = new BitSet();
        terms.terms().forEach(needed::or);
        terms.offsets().forEach(needed::set);
        Set<String> names = new LinkedHashSet<>();
        for (int v = needed.nextSetBit(0); v >= 0; v = needed.nextSetBit(v + 1)) {
            names.addAll(Terms.namesIn(expressions.get(v)));
        }
        List<DesignInput> required = design.inputs().stream()
                .filter(input -> names.contains(input.name()))
                .toList();
        return new DesignCoder(design, plan, required, needed);
    }

    public Design design() {
        return design;
    }

    /** The raw columns a prediction needs, in the training table's order, with their types. */
    public List<DesignInput> requiredInputs() {
        return required;
    }

    /**
     * Codes the rows of {@code records}; columns the model does not need are ignored.
     *
     * @throws DesignException for a needed column that is absent, a cell of the wrong type, or a
     *     level the model never saw
     */
    public CodedRows code(Table records) {
        Table conformed = conform(records);
        Evaluator evaluator = new Evaluator(conformed, true);
        int rows = conformed.numRows();
        List<CodingPlan.Variable> variables = plan.variables();
        double[][] numbers = new double[variables.size()][];
        int[][] codes = new int[variables.size()][];
        boolean[] missing = new boolean[rows];
        for (int v = needed.nextSetBit(0); v >= 0; v = needed.nextSetBit(v + 1)) {
            CodingPlan.Variable variable = variables.get(v);
            if (variable.factor()) {
                codes[v] = levelCodes(evaluator.factor(variable.expr()), variable);
                for (int i = 0; i < rows; i++) {
                    missing[i] |= codes[v][i] < 0;
                }
            } else {
                numbers[v] = evaluator.numbers(variable.expr());
                for (int i = 0; i < rows; i++) {
                    missing[i] |= !Double.isFinite(numbers[v][i]);
                }
            }
        }
        int p = plan.numColumns();
        double[] x = new double[Math.multiplyExact(rows, p)];
        double[] offset = plan.offsets().length == 0 ? null : new double[rows];
        for (int i = 0; i < rows; i++) {
            if (missing[i]) {
                continue;
            }
            plan.fillRow(numbers, codes, i, x, i * p);
            if (offset != null) {
                for (int v : plan.offsets()) {
                    offset[i] += numbers[v][i];
                }
            }
        }
        return new CodedRows(x, rows, p, missing, offset);
    }

    /** The factor's cells as codes into the model's levels; an unseen level is an error. */
    private static int[] levelCodes(Evaluator.RawFactor raw, CodingPlan.Variable variable) {
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < variable.levels().size(); k++) {
            index.put(variable.levels().get(k), k);
        }
        int[] recode = new int[raw.labels().size()];
        for (int k = 0; k < recode.length; k++) {
            Integer level = index.get(raw.labels().get(k));
            recode[k] = level == null ? -1 : level;
        }
        int[] codes = new int[raw.codes().length];
        for (int i = 0; i < codes.length; i++) {
            int code = raw.codes()[i];
            if (code >= 0 && recode[code] < 0) {
                throw new DesignException(
                        raw.column(),
                        i,
                        "level '" + raw.labels().get(code) + "' of " + variable.label()
                                + " was not in the training data; its levels are "
                                + String.join(", ", variable.levels()));
            }
            codes[i] = code < 0 ? -1 : recode[code];
        }
        return codes;
    }

    /** The needed columns of {@code records} as the types training saw. */
    private Table conform(Table records) {
        List<Column> columns = new ArrayList<>(required.size());
        for (DesignInput input : required) {
            Column column = records.column(input.name());
            if (column == null) {
                throw new DesignException(
                        "data." + input.name(), "the model needs column " + input.name() + ", which is not given");
            }
            columns.add(conform(column, input.type()));
        }
        return new Table(columns, records.numRows());
    }

    private static Column conform(Column column, String type) {
        int rows = column.size();
        switch (type) {
            case DesignInput.NUMBER -> {
                if (column instanceof Column.Numbers) {
                    return column;
                }
                double[] values = new double[rows];
                for (int i = 0; i < rows; i++) {
                    if (column.isMissing(i)) {
                        values[i] = Double.NaN;
                        continue;
                    }
                    double value = column instanceof Column.Texts texts
                            ? TableBuilder.ColumnBuilder.parseNumber(texts.text(i))
                            : Double.NaN;
                    if (Double.isNaN(value)) {
                        throw new DesignException(column.name(), i, "expected a number, got " + column.describe(i));
                    }
                    values[i] = value;
                }
                return new Column.Numbers(column.name(), values);
            }
            case DesignInput.LOGICAL -> {
                if (column instanceof Column.Logicals) {
                    return column;
                }
                byte[] values = new byte[rows];
                for (int i = 0; i < rows; i++) {
                    if (column.isMissing(i)) {
                        values[i] = -1;
                        continue;
                    }
                    byte value = column instanceof Column.Texts texts ? Evaluator.parseLogical(texts.text(i)) : -2;
                    if (value < 0) {
                        throw new DesignException(
                                column.name(), i, "expected TRUE or FALSE, got " + column.describe(i));
                    }
                    values[i] = value;
                }
                return new Column.Logicals(column.name(), values);
            }
            default -> {
                if (column instanceof Column.Texts) {
                    return column;
                }
                TableBuilder.ColumnBuilder text = new TableBuilder().column(column.name());
                for (int i = 0; i < rows; i++) {
                    if (column.isMissing(i)) {
                        text.addMissing();
                    } else if (column instanceof Column.Numbers numbers) {
                        text.addString(RNumbers.format(numbers.values()[i]));
                    } else {
                        text.addString(column.describe(i));
                    }
                }
                return text.build();
            }
        }
    }
}
