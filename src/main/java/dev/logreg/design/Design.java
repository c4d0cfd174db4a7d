package dev.logreg.design;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a model reads a raw table, stored with the model: the formula, the response, the model
 * matrix's columns (R's names and order, {@code (Intercept)} first when there is one), the terms
 * with their columns, each factor's levels by variable ({@code class}, {@code factor(Month)}), the
 * raw columns read and their types, the weights' column, the offset (the expression inside
 * {@code offset()}, several joined by {@code +}), the missing-value action and the rows it
 * omitted ({@code naAction} is {@code omit} or {@code fail}). {@link #coder()} codes prediction
 * records through the same plan as training did.
 */
public record Design(
        String formula,
        String response,
        List<String> columns,
        List<DesignTerm> terms,
        Map<String, FactorLevels> factors,
        List<DesignInput> inputs,
        String weights,
        String offset,
        String naAction,
        long rowsOmitted) {

    public Design {
        Objects.requireNonNull(formula, "formula");
        Objects.requireNonNull(response, "response");
        columns = List.copyOf(columns);
        terms = List.copyOf(terms);
        factors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(factors));
        inputs = List.copyOf(inputs);
        if (NaAction.fromApiName(naAction) == null) {
            throw new IllegalArgumentException("naAction is omit or fail");
        }
        if (rowsOmitted < 0) {
            throw new IllegalArgumentException("rowsOmitted must not be negative");
        }
    }

    /** Whether the first column is the intercept. */
    public boolean hasIntercept() {
        return !columns.isEmpty() && columns.get(0).equals("(Intercept)");
    }

    /** The columns without the intercept: the model's feature names. */
    public List<String> featureNames() {
        return hasIntercept() ? columns.subList(1, columns.size()) : columns;
    }

    /** Each term's columns as indices into {@link #columns()} (for per-term tests such as drop1). */
    public List<int[]> termColumnIndices() {
        List<int[]> groups = new ArrayList<>(terms.size());
        int next = hasIntercept() ? 1 : 0;
        for (DesignTerm term : terms) {
            int[] indices = new int[term.columns().size()];
            for (int k = 0; k < indices.length; k++) {
                indices[k] = next++;
            }
            groups.add(indices);
        }
        return groups;
    }

    /**
     * The terms that are one factor or logical alone (main effects), by label, as indices into
     * {@link #columns()}: their columns are dummies, whose effects are discrete changes.
     */
    public Map<String, int[]> dummyColumnIndices() {
        Map<String, int[]> dummies = new LinkedHashMap<>();
        List<int[]> groups = termColumnIndices();
        for (int t = 0; t < terms.size(); t++) {
            String label = terms.get(t).label();
            boolean logical = inputs.stream()
                    .anyMatch(
                            input -> input.name().equals(label) && input.type().equals(DesignInput.LOGICAL));
            if (factors.containsKey(label) || (logical && !label.contains(":"))) {
                dummies.put(label, groups.get(t));
            }
        }
        return dummies;
    }

    /** The coder of prediction records with this design. */
    public DesignCoder coder() {
        return DesignCoder.of(this);
    }
}
