package dev.logreg.design;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * How the terms become model-matrix columns, as R's {@code model.matrix} codes them: the intercept
 * first, then each term's columns, the term's first variable varying fastest; a number is one
 * column; a factor with levels {@code l_1..l_K} is {@code K - 1} treatment-contrast columns
 * (levels 2..K, named {@code variable + level}) or, where R's factor pattern says indicators,
 * {@code K} columns. Without an intercept, the first factor of the first term that has one is
 * coded by indicators (R's {@code modelmatrix}). Training and prediction both code rows through
 * {@link #fillRow}, so they cannot disagree.
 */
final class CodingPlan {

    /** A variable of the terms: a number, or a factor with its levels. */
    record Variable(String label, Expr expr, boolean factor, List<String> levels) {}

    /** A term's variables (ascending), how each is coded, and its columns' count and strides. */
    record Term(String label, int[] variables, boolean[] indicators, int[] widths, int[] strides, int size) {}

    private final List<Variable> variables;
    private final boolean intercept;
    private final List<Term> terms;
    private final int[] offsets;
    private final int numColumns;

    private CodingPlan(List<Variable> variables, boolean intercept, List<Term> terms, int[] offsets, int numColumns) {
        this.variables = variables;
        this.intercept = intercept;
        this.terms = terms;
        this.offsets = offsets;
        this.numColumns = numColumns;
    }

    /**
     * The plan for {@code terms} whose variables are {@code variables} (indexed as the terms' variables).
     *
     * @throws DesignException when the model matrix would have more than {@code maxColumns} columns
     */
    static CodingPlan of(Terms terms, List<Variable> variables, int maxColumns) {
        List<BitSet> termSets = terms.terms();
        boolean firstFactorPending = !terms.hasIntercept();
        List<Term> planned = new ArrayList<>(termSets.size());
        long columns = terms.hasIntercept() ? 1 : 0;
        for (int t = 0; t < termSets.size(); t++) {
            BitSet set = termSets.get(t);
            int[] members = set.stream().toArray();
            boolean[] indicators = new boolean[members.length];
            int[] widths = new int[members.length];
            int[] strides = new int[members.length];
            long size = 1;
            for (int k = 0; k < members.length; k++) {
                Variable variable = variables.get(members[k]);
                if (variable.factor()) {
                    indicators[k] = terms.code(t, members[k]) == 2;
                    if (firstFactorPending) {
                        indicators[k] = true;
                        firstFactorPending = false;
                    }
                    widths[k] = indicators[k]
                            ? variable.levels().size()
                            : variable.levels().size() - 1;
                } else {
                    widths[k] = 1;
                }
                strides[k] = (int) Math.min(size, Integer.MAX_VALUE);
                size *= widths[k];
                if (columns + size > maxColumns) {
                    throw new DesignException(
                            "formula",
                            "the model matrix would have more than " + maxColumns + " columns (term " + terms.label(set)
                                    + ")");
                }
            }
            columns += size;
            planned.add(new Term(terms.label(set), members, indicators, widths, strides, (int) size));
        }
        if (columns == 0) {
            throw new DesignException("formula", "the formula has no columns: no intercept and no terms");
        }
        int[] offsets = terms.offsets().stream().mapToInt(Integer::intValue).toArray();
        return new CodingPlan(
                List.copyOf(variables), terms.hasIntercept(), List.copyOf(planned), offsets, (int) columns);
    }

    int numColumns() {
        return numColumns;
    }

    boolean hasIntercept() {
        return intercept;
    }

    List<Variable> variables() {
        return variables;
    }

    List<Term> terms() {
        return terms;
    }

    int[] offsets() {
        return offsets;
    }

    /** R's column names: {@code (Intercept)}, then each term's. */
    List<String> columnNames() {
        List<String> names = new ArrayList<>(numColumns);
        if (intercept) {
            names.add("(Intercept)");
        }
        for (Term term : terms) {
            names.addAll(columnNames(term));
        }
        return names;
    }

    /** A term's column names: its variables' names joined by {@code :}, the first varying fastest. */
    List<String> columnNames(Term term) {
        List<String> names = new ArrayList<>(term.size());
        for (int column = 0; column < term.size(); column++) {
            StringBuilder name = new StringBuilder();
            for (int k = 0; k < term.variables().length; k++) {
                Variable variable = variables.get(term.variables()[k]);
                int index = (column / term.strides()[k]) % term.widths()[k];
                if (k > 0) {
                    name.append(':');
                }
                name.append(variable.label());
                if (variable.factor()) {
                    name.append(variable.levels().get(term.indicators()[k] ? index : index + 1));
                }
            }
            names.add(name.toString());
        }
        return names;
    }

    /**
     * Writes row {@code row}'s model-matrix values into {@code out[at .. at + numColumns)}, which
     * must hold zeros: one product per term is non-zero at most (factors select a column).
     *
     * @param numbers each numeric variable's values (null for factors)
     * @param codes each factor's level codes (null for numbers); the row must not be missing
     */
    void fillRow(double[][] numbers, int[][] codes, int row, double[] out, int at) {
        int position = at;
        if (intercept) {
            out[position++] = 1;
        }
        for (Term term : terms) {
            int[] members = term.variables();
            int index = 0;
            double value = 1;
            boolean zero = false;
            for (int k = 0; k < members.length; k++) {
                int[] levelCodes = codes[members[k]];
                if (levelCodes != null) {
                    int level = levelCodes[row];
                    if (!term.indicators()[k]) {
                        if (level == 0) {
                            zero = true;
                            break;
                        }
                        level--;
                    }
                    index += level * term.strides()[k];
                } else {
                    value *= numbers[members[k]][row];
                }
            }
            if (!zero) {
                out[position + index] = value;
            }
            position += term.size();
        }
    }
}
