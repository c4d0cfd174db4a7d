package dev.logreg.training;

import dev.logreg.design.CodedTable;
import dev.logreg.design.DesignBuilder;
import dev.logreg.design.DesignException;
import dev.logreg.design.DesignLimits;
import dev.logreg.design.DesignRequest;
import dev.logreg.design.FactorSpec;
import dev.logreg.design.NaAction;
import dev.logreg.design.Table;
import dev.logreg.design.TableBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The fields of a training on a table: {@code data} (an object of equal-length column arrays, or a
 * list of records), {@code formula}, {@code weights} (a column name), {@code factors} and
 * {@code naAction}, read from the token stream into a {@link TableBuilder} (numbers stay
 * unboxed). Errors go to the {@link DatasetBuilder} like the matrix fields'.
 */
final class FormulaFields {

    private final DatasetLimits limits;
    private final TableBuilder table = new TableBuilder();
    private int numRows = -1;
    private long numCells;
    private boolean present;
    private String formula;
    private String weights;
    private final Map<String, FactorSpec> factors = new LinkedHashMap<>();
    private NaAction naAction;

    FormulaFields(DatasetLimits limits) {
        this.limits = limits;
    }

    /** Whether any of the table's fields was given. */
    boolean present() {
        return present;
    }

    /** Reads {@code field} when it is one of the table's; the parser is on its first token. */
    boolean read(String field, JsonParser parser, DatasetBuilder errors) {
        switch (field) {
            case "data" -> readData(parser, errors, "data");
            case "formula" -> formula = string(parser, errors, "formula");
            case "weights" -> weights = string(parser, errors, "weights");
            case "naAction" -> {
                String name = string(parser, errors, "naAction");
                naAction = name == null ? null : NaAction.fromApiName(name);
                if (name != null && naAction == null) {
                    errors.error("naAction", "must be omit or fail, got '" + name + "'");
                }
            }
            case "factors" -> readFactors(parser, errors);
            default -> {
                return false;
            }
        }
        present = true;
        return true;
    }

    /**
     * The coded table, or null with errors reported; {@code matrixFields} says whether
     * {@code features} or {@code labels} were given too (they are not, with a table).
     */
    CodedTable code(DatasetBuilder errors, DesignLimits designLimits, boolean matrixFields) {
        if (matrixFields) {
            errors.error("features", "give either features and labels or data and a formula, not both");
        }
        if (formula == null) {
            errors.error("formula", "is required with data: an R formula such as \"y ~ x + group\"");
        }
        if (numRows < 0) {
            errors.error("data", "is required with a formula: an object of columns or a list of records");
        }
        if (!errors.errors().isEmpty()) {
            return null;
        }
        if (numRows == 0) {
            errors.error("data", "has no rows");
            return null;
        }
        Table built;
        try {
            built = table.build(numRows);
        } catch (IllegalArgumentException unequal) {
            errors.error("data", unequal.getMessage());
            return null;
        }
        try {
            return DesignBuilder.build(built, new DesignRequest(formula, weights, factors, naAction), designLimits);
        } catch (DesignException invalid) {
            errors.error(invalid.field(), invalid.getMessage());
            return null;
        }
    }

    private void readData(JsonParser parser, DatasetBuilder errors, String field) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String column = parser.currentName();
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    errors.error(field + "." + column, "must be an array of cells");
                    parser.skipChildren();
                    continue;
                }
                checkColumns(errors, field);
                TableBuilder.ColumnBuilder cells = table.column(column);
                int row = 0;
                for (JsonToken cell = parser.nextToken(); cell != JsonToken.END_ARRAY; cell = parser.nextToken()) {
                    addCell(parser, cell, cells, errors, field + "." + column + "[" + row + "]");
                    row++;
                }
                if (numRows >= 0 && row != numRows) {
                    errors.error(field + "." + column, "has " + row + " values, expected " + numRows);
                }
                numRows = Math.max(numRows, row);
            }
        } else if (token == JsonToken.START_ARRAY) {
            int row = 0;
            for (JsonToken record = parser.nextToken(); record != JsonToken.END_ARRAY; record = parser.nextToken()) {
                if (record != JsonToken.START_OBJECT) {
                    errors.error(field + "[" + row + "]", "must be a record: an object of cells");
                    parser.skipChildren();
                    row++;
                    continue;
                }
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String column = parser.currentName();
                    JsonToken cell = parser.nextToken();
                    if (table.numColumns() == 0 || !table.hasColumn(column)) {
                        checkColumns(errors, field);
                    }
                    TableBuilder.ColumnBuilder cells = table.column(column);
                    cells.padTo(row);
                    addCell(parser, cell, cells, errors, field + "[" + row + "]." + column);
                }
                row++;
            }
            numRows = row;
        } else {
            errors.error(field, "must be an object of columns or a list of records");
            parser.skipChildren();
        }
    }

    private void checkColumns(DatasetBuilder errors, String field) {
        errors.checkFeatureCount(table.numColumns() + 1, field);
    }

    private void addCell(
            JsonParser parser, JsonToken cell, TableBuilder.ColumnBuilder cells, DatasetBuilder errors, String where) {
        if (cells.size() >= limits.maxRows()) {
            throw DatasetBuilder.limitExceeded(
                    "data", "more than " + limits.maxRows() + " rows", "logreg.max-rows", limits.maxRows());
        }
        if (++numCells > limits.maxCells()) {
            throw DatasetBuilder.limitExceeded(
                    "data", "more than " + limits.maxCells() + " cells", "logreg.max-cells", limits.maxCells());
        }
        switch (cell) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> cells.addNumber(parser.getDoubleValue());
            case VALUE_STRING -> cells.addString(parser.getString());
            case VALUE_TRUE -> cells.addLogical(true);
            case VALUE_FALSE -> cells.addLogical(false);
            case VALUE_NULL -> cells.addMissing();
            default -> {
                errors.error(
                        where,
                        "must be a number, a string, a boolean or null, got " + JsonDatasetReader.describe(cell));
                parser.skipChildren();
                cells.addMissing();
            }
        }
    }

    private void readFactors(JsonParser parser, DatasetBuilder errors) {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            errors.error("factors", "must be an object: {\"column\": {\"levels\": [...], \"reference\": \"...\"}}");
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String column = parser.currentName();
            String field = "factors." + column;
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                errors.error(field, "must be an object with levels and/or reference");
                parser.skipChildren();
                continue;
            }
            List<String> levels = null;
            String reference = null;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("levels") && value == JsonToken.START_ARRAY) {
                    levels = new ArrayList<>();
                    for (JsonToken level = parser.nextToken();
                            level != JsonToken.END_ARRAY;
                            level = parser.nextToken()) {
                        if (level == JsonToken.VALUE_STRING || level.isNumeric()) {
                            levels.add(level.isNumeric() ? number(parser) : parser.getString());
                        } else {
                            errors.error(field + ".levels[" + levels.size() + "]", "must be a string");
                            parser.skipChildren();
                        }
                    }
                } else if (name.equals("reference") && (value == JsonToken.VALUE_STRING || value.isNumeric())) {
                    reference = value.isNumeric() ? number(parser) : parser.getString();
                } else if (value != JsonToken.VALUE_NULL) {
                    errors.error(
                            field + "." + name,
                            name.equals("levels") || name.equals("reference")
                                    ? "must be " + (name.equals("levels") ? "an array of strings" : "a string")
                                    : "unknown field; a factor takes levels and reference");
                    parser.skipChildren();
                }
            }
            try {
                factors.put(column, new FactorSpec(levels, reference));
            } catch (IllegalArgumentException invalid) {
                errors.error(field, invalid.getMessage());
            }
        }
    }

    /** A level given as a JSON number, written as R writes the levels of {@code factor(x)}. */
    private static String number(JsonParser parser) {
        return TableBuilder.formatNumber(parser.getDoubleValue());
    }

    private static String string(JsonParser parser, DatasetBuilder errors, String field) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return parser.getString();
        }
        if (token != JsonToken.VALUE_NULL) {
            errors.error(field, "must be a string, got " + JsonDatasetReader.describe(token));
            parser.skipChildren();
        }
        return null;
    }
}
