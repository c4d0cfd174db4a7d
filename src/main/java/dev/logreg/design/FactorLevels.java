package dev.logreg.design;

import java.util.List;

/** A factor's levels as the model codes them; the first is the reference (no column of its own). */
public record FactorLevels(List<String> levels, String reference) {

    public FactorLevels {
        levels = List.copyOf(levels);
        if (levels.isEmpty() || !levels.get(0).equals(reference)) {
            throw new IllegalArgumentException("the reference is the first level");
        }
    }

    public FactorLevels(List<String> levels) {
        this(levels, levels.isEmpty() ? null : levels.get(0));
    }
}
