package dev.logreg.prediction;

import dev.logreg.design.CodedRows;
import dev.logreg.design.Design;
import dev.logreg.design.DesignException;
import dev.logreg.design.DesignInput;
import dev.logreg.design.Table;
import dev.logreg.design.TableBuilder;
import dev.logreg.model.Model;
import dev.logreg.problem.FieldError;
import dev.logreg.problem.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.util.MultiValueMap;

/**
 * Rows of raw values (a formula model's columns, records or query parameters) coded by the model's
 * {@link Design}: each row's features in the model's order, or null where a value the model needs
 * is missing, and the offset. Errors name the cell as the request gave it ({@code data.class[2]},
 * {@code records[2].class}, or the query parameter).
 */
record RawRows(double[][] features, double[] offset) {

    /** The rows of {@code data} (columns) or {@code records}, exactly one of them non-null. */
    static RawRows of(Model model, Map<String, List<Object>> data, List<Map<String, Object>> records) {
        Design design = design(model, data != null ? "data" : "records");
        TableBuilder table = new TableBuilder();
        List<FieldError> errors = new ArrayList<>();
        int numRows;
        if (data != null) {
            numRows = -1;
            for (Map.Entry<String, List<Object>> column : data.entrySet()) {
                List<Object> cells = column.getValue();
                String field = "data." + column.getKey();
                if (cells == null) {
                    errors.add(new FieldError(field, "must be an array of cells"));
                    continue;
                }
                if (numRows >= 0 && cells.size() != numRows) {
                    errors.add(new FieldError(field, "has " + cells.size() + " values, expected " + numRows));
                }
                numRows = Math.max(numRows, cells.size());
                TableBuilder.ColumnBuilder builder = table.column(column.getKey());
                for (int i = 0; i < cells.size(); i++) {
                    add(builder, cells.get(i), field + "[" + i + "]", errors);
                }
            }
            numRows = Math.max(numRows, 0);
        } else {
            numRows = records.size();
            for (int i = 0; i < numRows; i++) {
                Map<String, Object> record = records.get(i);
                if (record == null) {
                    errors.add(new FieldError("records[" + i + "]", "must be an object of cells"));
                    continue;
                }
                for (Map.Entry<String, Object> cell : record.entrySet()) {
                    TableBuilder.ColumnBuilder builder = table.column(cell.getKey());
                    builder.padTo(i);
                    add(builder, cell.getValue(), "records[" + i + "]." + cell.getKey(), errors);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors.subList(0, Math.min(20, errors.size())));
        }
        return code(model, design, table.build(numRows), data != null ? null : "records");
    }

    /**
     * One row from query parameters named as the model's raw columns; every needed column must be
     * given (an empty value is missing), and a parameter that is neither a column nor one of
     * {@code reserved} is an error.
     */
    static RawRows ofQuery(Model model, MultiValueMap<String, String> values, List<String> reserved) {
        Design design = design(model, "query");
        List<DesignInput> inputs = design.coder().requiredInputs();
        List<FieldError> errors = new ArrayList<>();
        List<String> names = inputs.stream().map(DesignInput::name).toList();
        for (String name : values.keySet()) {
            if (!reserved.contains(name) && !names.contains(name)) {
                errors.add(new FieldError(
                        name, "unknown variable; the model's formula reads " + String.join(", ", names)));
            }
        }
        TableBuilder table = new TableBuilder();
        for (String name : names) {
            String value = values.getFirst(name);
            if (value == null) {
                errors.add(new FieldError(name, "is required (an empty value is a missing one)"));
            } else {
                table.column(name).addCell(value);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return code(model, design, table.build(1), "query");
    }

    private static Design design(Model model, String field) {
        if (model.design() == null) {
            throw new InvalidRequestException(
                    field.equals("query") ? "features" : field,
                    "this model was trained on rows of numbers, not with a formula: send features");
        }
        return model.design();
    }

    private static void add(TableBuilder.ColumnBuilder builder, Object cell, String field, List<FieldError> errors) {
        if (cell == null) {
            builder.addMissing();
        } else if (cell instanceof Number number) {
            builder.addNumber(number.doubleValue());
        } else if (cell instanceof String text) {
            builder.addString(text);
        } else if (cell instanceof Boolean logical) {
            builder.addLogical(logical);
        } else {
            errors.add(new FieldError(field, "must be a number, a string, a boolean or null"));
            builder.addMissing();
        }
    }

    /** Codes the table; {@code form} is how errors name cells: null (data), records or query. */
    private static RawRows code(Model model, Design design, Table table, String form) {
        CodedRows coded;
        try {
            coded = design.coder().code(table);
        } catch (DesignException invalid) {
            String field = invalid.field();
            if (invalid.column() != null && "records".equals(form)) {
                field = "records[" + invalid.row() + "]." + invalid.column();
            } else if (invalid.column() != null && "query".equals(form)) {
                field = invalid.column();
            } else if ("query".equals(form) && field.startsWith("data.")) {
                field = field.substring("data.".length());
            }
            throw new InvalidRequestException(field, invalid.getMessage());
        }
        int p = coded.numColumns();
        int skip = design.hasIntercept() ? 1 : 0;
        double[][] features = new double[coded.numRows()][];
        for (int i = 0; i < coded.numRows(); i++) {
            if (!coded.missing()[i]) {
                features[i] = java.util.Arrays.copyOfRange(coded.x(), i * p + skip, (i + 1) * p);
            }
        }
        return new RawRows(features, coded.offset());
    }

    /** The offset of row {@code i}, 0 when the formula has none. */
    double offset(int i) {
        return offset == null ? 0 : offset[i];
    }
}
