package dev.logreg.design;

import java.util.HashSet;
import java.util.List;

/**
 * A client's word on one factor: {@code levels} fixes their order (the first is the reference;
 * a value of the column not listed is an error), {@code reference} only moves that level first.
 * Either may be null; a column named in {@code factors} is a factor even when it holds numbers.
 */
public record FactorSpec(List<String> levels, String reference) {

    public FactorSpec {
        if (levels != null) {
            levels = List.copyOf(levels);
            if (levels.isEmpty()) {
                throw new IllegalArgumentException("levels must not be empty");
            }
            if (new HashSet<>(levels).size() != levels.size()) {
                throw new IllegalArgumentException("levels must be distinct");
            }
            if (reference != null && !levels.contains(reference)) {
                throw new IllegalArgumentException("reference '" + reference + "' is not among the levels");
            }
        }
    }
}
