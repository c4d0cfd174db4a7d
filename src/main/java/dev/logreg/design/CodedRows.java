package dev.logreg.design;

/**
 * Prediction records coded by a {@link Design}: the model-matrix rows (row-major, {@code numRows x
 * numColumns}, intercept included), the offset of each row ({@code null} when the formula has
 * none), and which rows miss a value the model needs (their row is zeros; they get no prediction).
 */
public record CodedRows(double[] x, int numRows, int numColumns, boolean[] missing, double[] offset) {}
