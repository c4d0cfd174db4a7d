package dev.logreg.design;

import java.util.List;

/** One term of the formula (R's term label, as {@code class:sex}) and its model-matrix columns. */
public record DesignTerm(String label, List<String> columns) {

    public DesignTerm {
        columns = List.copyOf(columns);
    }
}
