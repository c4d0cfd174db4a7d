package dev.logreg.training;

import dev.logreg.math.Dataset;
import dev.logreg.math.GrowableDoubleArray;
import dev.logreg.model.Model;
import dev.logreg.problem.FieldError;
import dev.logreg.problem.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects a dataset row by row, straight into the dense design array that the fit will use, and
 * validates it, gathering every error (up to a cap) with the field it concerns. Each row is
 * stored with a leading slot for the intercept column in a {@link ChunkedDoubleArray}, which
 * grows without copying; {@link #build} moves the rows once into the exact-size array the fit
 * uses (dropping the slots when there is no intercept), releasing chunks as it goes. That move is
 * the one copy of the data; nothing is allocated per row.
 * Past a {@link DatasetLimits limit} it throws at once, naming the limit, so the rest of the body
 * is never read.
 */
final class DatasetBuilder {

    /** Past this many errors, more would only bury the first ones. */
    static final int MAX_ERRORS = 20;

    /**
     * The largest weight must be at least this: the fit's sums hold {@code w x^2 p(1 - p)}, and with
     * the smallest feature scale it admits (a root mean square of 1e-140) and a weight of 1e-20 that
     * stays a normal double for {@code p(1 - p)} down to about 1e-7. Weights of 5e-324 are subnormal:
     * every product with them loses its digits, and the feature scale check, not the weights, was blamed.
     */
    static final double MIN_LARGEST_WEIGHT = 1e-20;

    private final ChunkedDoubleArray design = new ChunkedDoubleArray();
    private final GrowableDoubleArray labels = new GrowableDoubleArray(64);
    private GrowableDoubleArray weights;
    private final List<FieldError> errors = new ArrayList<>();
    private final DatasetLimits limits;
    private final String rowsField;
    private int numFeatures = -1;
    private int numRows;
    private long numCells;
    private long rowStart;
    private int valuesInRow;
    private boolean rowValid;

    /**
     * @param rowsField how the rows are called in errors about the limits ({@code features}, or
     *     {@code body} for CSV)
     */
    DatasetBuilder(DatasetLimits limits, String rowsField) {
        this.limits = limits;
        this.rowsField = rowsField;
    }

    /** Errors found so far. */
    List<FieldError> errors() {
        return errors;
    }

    void error(String field, String message) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(new FieldError(field, message));
        }
    }

    boolean tooManyErrors() {
        return errors.size() >= MAX_ERRORS;
    }

    /** Whether any row or label was given. */
    boolean hasRowsOrLabels() {
        return numRows > 0 || labels.size() > 0;
    }

    int numRows() {
        return numRows;
    }

    int numFeatures() {
        return Math.max(numFeatures, 0);
    }

    void startRow() {
        if (numRows >= limits.maxRows()) {
            throw limitExceeded(
                    rowsField, "more than " + limits.maxRows() + " rows", "logreg.max-rows", limits.maxRows());
        }
        rowStart = design.size();
        design.add(1.0);
        valuesInRow = 0;
        rowValid = true;
    }

    /** Adds the next value of the current row; the caller has checked it is finite. */
    void addValue(double value) {
        if (++valuesInRow > limits.maxFeatures()) {
            throw tooManyFeatures(rowsField);
        }
        design.add(value);
    }

    /** Counts a bad value of the current row, reports it, and drops the row at its end. */
    void addInvalid(String field, String message) {
        if (++valuesInRow > limits.maxFeatures()) {
            throw tooManyFeatures(rowsField);
        }
        error(field, message);
        rowValid = false;
        design.add(0.0);
    }

    /**
     * Ends the current row; a row of the wrong length is reported and dropped. Errors name it
     * {@code fieldPrefix + number + fieldSuffix} ({@code features[3]}, {@code line 4}), a string
     * built only when there is an error.
     */
    void endRow(String fieldPrefix, long number, String fieldSuffix) {
        if (numFeatures < 0) {
            numFeatures = valuesInRow;
            if (valuesInRow == 0) {
                error(fieldPrefix + number + fieldSuffix, "must have at least one value");
                rowValid = false;
            }
        } else if (valuesInRow != numFeatures) {
            error(fieldPrefix + number + fieldSuffix, "expected " + numFeatures + " values, got " + valuesInRow);
            rowValid = false;
        }
        if (!rowValid) {
            design.truncate(rowStart);
        }
        numRows++;
        numCells += valuesInRow;
        if (numCells > limits.maxCells()) {
            throw limitExceeded(
                    rowsField,
                    "more than " + limits.maxCells() + " values (rows x features)",
                    "logreg.max-cells",
                    limits.maxCells());
        }
    }

    /** Throws when {@code count} names or columns of features are past the limit. */
    void checkFeatureCount(int count, String field) {
        if (count > limits.maxFeatures()) {
            throw tooManyFeatures(field);
        }
    }

    private InvalidRequestException tooManyFeatures(String field) {
        return limitExceeded(
                field, "more than " + limits.maxFeatures() + " features", "logreg.max-features", limits.maxFeatures());
    }

    static InvalidRequestException limitExceeded(String field, String what, String property, long limit) {
        return new InvalidRequestException(field, "has " + what + ": the limit is " + property + " = " + limit);
    }

    /** Adds a label; {@code field[index]} names it in errors ({@code field} alone when index < 0). */
    void addLabel(double label, String field, int index) {
        checkRoom(labels, field);
        String problem = labelProblem(label);
        if (problem != null) {
            error(indexed(field, index), problem);
        }
        labels.add(label);
    }

    /**
     * Adds the label of the current row; errors name it {@code fieldPrefix + number + fieldSuffix}
     * ({@code line 4, column 'am'}), a string built only when there is an error.
     */
    void addLabel(double label, String fieldPrefix, long number, String fieldSuffix) {
        String problem = labelProblem(label);
        if (problem != null) {
            error(fieldPrefix + number + fieldSuffix, problem);
        }
        if (labels.size() >= limits.maxRows()) {
            throw tooManyValues(fieldPrefix + number + fieldSuffix);
        }
        labels.add(label);
    }

    private static String labelProblem(double label) {
        if (!Double.isFinite(label)) {
            return "must be a finite number";
        }
        return label < 0 || label > 1 ? "must be between 0 and 1, got " + label : null;
    }

    /** Adds a weight; {@code field[index]} names it in errors ({@code field} alone when index < 0). */
    void addWeight(double weight, String field, int index) {
        expectWeights();
        checkRoom(weights, field);
        String problem = weightProblem(weight);
        if (problem != null) {
            error(indexed(field, index), problem);
        }
        weights.add(weight);
    }

    /** Adds the weight of the current row, named in errors as {@link #addLabel(double, String, long, String)}. */
    void addWeight(double weight, String fieldPrefix, long number, String fieldSuffix) {
        expectWeights();
        String problem = weightProblem(weight);
        if (problem != null) {
            error(fieldPrefix + number + fieldSuffix, problem);
        }
        if (weights.size() >= limits.maxRows()) {
            throw tooManyValues(fieldPrefix + number + fieldSuffix);
        }
        weights.add(weight);
    }

    private static String weightProblem(double weight) {
        if (!Double.isFinite(weight)) {
            return "must be a finite number";
        }
        return weight < 0 ? "must not be negative, got " + weight : null;
    }

    private void checkRoom(GrowableDoubleArray values, String field) {
        if (values.size() >= limits.maxRows()) {
            throw tooManyValues(field);
        }
    }

    private InvalidRequestException tooManyValues(String field) {
        return limitExceeded(field, "more than " + limits.maxRows() + " values", "logreg.max-rows", limits.maxRows());
    }

    private static String indexed(String field, int index) {
        return index < 0 ? field : field + "[" + index + "]";
    }

    /** Marks that a weights array was given, even an empty one. */
    void expectWeights() {
        if (weights == null) {
            weights = new GrowableDoubleArray(Math.max(64, labels.size()));
        }
    }

    /**
     * Checks the dataset as a whole and returns it; throws with every error found otherwise.
     *
     * @param featureNames the names given, or {@code null} for x1..xd
     * @param labelField how the labels are called in errors ({@code labels}, or a CSV column)
     */
    Dataset build(
            boolean fitIntercept,
            List<String> featureNames,
            String featuresField,
            String labelField,
            String weightField) {
        if (numRows == 0) {
            error(featuresField, "must have at least one row");
        }
        if (labels.size() != numRows && numRows > 0) {
            error(labelField, "expected " + numRows + " values (one per row), got " + labels.size());
        }
        if (weights != null && weights.size() != numRows && numRows > 0) {
            error(weightField, "expected " + numRows + " values (one per row), got " + weights.size());
        }
        if (weights != null && errors.isEmpty()) {
            double total = 0;
            double largest = 0;
            for (int i = 0; i < weights.size(); i++) {
                total += weights.get(i);
                largest = Math.max(largest, weights.get(i));
            }
            if (!(total > 0)) {
                error(weightField, "must not all be zero");
            } else if (total == Double.POSITIVE_INFINITY) {
                error(weightField, "sum to more than the largest number");
            } else if (largest < MIN_LARGEST_WEIGHT) {
                error(
                        weightField,
                        "are too small to compute with: the largest is " + largest + ", below " + MIN_LARGEST_WEIGHT
                                + ". Multiply every weight by the same factor: the coefficients stay the same and"
                                + " the standard errors scale by 1/sqrt(factor)");
            }
        }
        List<String> names = featureNames;
        if (names == null) {
            names = new ArrayList<>();
            for (int j = 1; j <= numFeatures(); j++) {
                names.add("x" + j);
            }
        } else if (numFeatures >= 0 && names.size() != numFeatures) {
            error("featureNames", "expected " + numFeatures + " names (one per feature), got " + names.size());
        } else {
            checkNames(names);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        int numColumns = fitIntercept ? numFeatures + 1 : numFeatures;
        double[] values = design.moveRows(numRows, numFeatures + 1, fitIntercept ? 0 : 1);
        double[] weightValues;
        if (weights == null) {
            weightValues = new double[numRows];
            Arrays.fill(weightValues, 1.0);
        } else {
            weightValues = weights.toArray();
        }
        return new Dataset(values, numRows, numColumns, fitIntercept, labels.toArray(), weightValues, names);
    }

    /** Records an error when the model's name (null: none given) is past {@code logreg.names.max-length}. */
    void checkModelName(String name) {
        if (name != null && name.length() > limits.maxNameLength()) {
            error("name", tooLong(name));
        }
    }

    private String tooLong(String name) {
        return "must be at most " + limits.maxNameLength() + " characters (logreg.names.max-length), got "
                + name.length();
    }

    private void checkNames(List<String> names) {
        Set<String> seen = new HashSet<>();
        long bytes = 0;
        for (int j = 0; j < names.size(); j++) {
            String name = names.get(j);
            String field = "featureNames[" + j + "]";
            if (name == null || name.isBlank()) {
                error(field, "must not be blank");
            } else if (name.length() > limits.maxNameLength()) {
                error(field, tooLong(name));
            } else if (Model.RESERVED_FEATURE_NAMES.contains(name)) {
                error(field, "'" + name + "' is reserved for a query parameter of predict");
            } else if (!seen.add(name)) {
                error(field, "duplicate name '" + name + "'");
            }
            bytes += name == null ? 0 : name.getBytes(StandardCharsets.UTF_8).length;
        }
        if (bytes > limits.maxFeatureNamesBytes()) {
            error(
                    "featureNames",
                    "take " + bytes + " bytes together (UTF-8): the limit is logreg.names.max-total-size = "
                            + limits.maxFeatureNamesBytes() + " bytes");
        }
    }
}
