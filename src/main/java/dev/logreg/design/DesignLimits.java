package dev.logreg.design;

/**
 * How large a design may grow: levels per factor, characters in a formula, columns of the model
 * matrix (the intercept included). Checked before the model matrix is allocated.
 */
public record DesignLimits(int maxLevels, int maxFormulaLength, int maxColumns) {

    /** 1000 levels (Spark sources use the same), 10,000 characters, 1001 columns. */
    public static final DesignLimits DEFAULTS = new DesignLimits(1000, 10_000, 1001);

    public DesignLimits {
        if (maxLevels < 2 || maxFormulaLength < 3 || maxColumns < 1) {
            throw new IllegalArgumentException("design limits must allow a factor, a formula and a column");
        }
    }
}
