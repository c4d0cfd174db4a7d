package dev.logreg.training;

import dev.logreg.math.Dataset;
import dev.logreg.model.TrainingOptions;
import dev.logreg.problem.InvalidRequestException;
import dev.logreg.problem.MalformedBodyException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.io.NumberInput;

/**
 * Reads {@code text/csv} with a header row: the column named by {@code label} holds the labels,
 * the one named by {@code weight} (optional) the weights, every other column is a feature, in
 * header order. Cells are parsed straight into the dense arrays. Errors name the line and column.
 */
final class CsvTrainingReader {

    private CsvTrainingReader() {}

    /**
     * @param labelColumn the label column's name (required)
     * @param weightColumn the weight column's name, or null
     * @param rawOptions the options from query parameters, as strings
     */
    static TrainingInput read(
            InputStream body,
            DatasetLimits limits,
            String name,
            String labelColumn,
            String weightColumn,
            Map<String, Object> rawOptions) {
        DatasetBuilder builder = new DatasetBuilder(limits, "body");
        TrainingOptions options = new OptionsResolver(rawOptions, "", builder).resolve();
        if (labelColumn == null || labelColumn.isBlank()) {
            throw new InvalidRequestException("label", "is required: the name of the label column");
        }
        if (name != null && name.length() > TrainingRequestReader.MAX_NAME_LENGTH) {
            builder.error("name", "must be at most " + TrainingRequestReader.MAX_NAME_LENGTH + " characters");
        }
        InputStream lines = new LineLengthLimit(
                body,
                LineLengthLimit.forValues(limits.maxFeatures() + 2),
                "logreg.max-features = " + limits.maxFeatures());
        BufferedReader reader = new BufferedReader(new InputStreamReader(lines, StandardCharsets.UTF_8), 1 << 16);
        List<String> featureNames = new ArrayList<>();
        try {
            String header = reader.readLine();
            if (header == null || header.isBlank()) {
                throw new MalformedBodyException("The CSV body is empty: a header row is required.");
            }
            if (header.startsWith("\uFEFF")) {
                header = header.substring(1);
            }
            String[] columns = splitHeader(header);
            int labelIndex = -1;
            int weightIndex = -1;
            for (int c = 0; c < columns.length; c++) {
                if (columns[c].equals(labelColumn)) {
                    labelIndex = c;
                } else if (columns[c].equals(weightColumn)) {
                    weightIndex = c;
                } else {
                    featureNames.add(columns[c]);
                }
            }
            if (labelIndex < 0) {
                throw new InvalidRequestException("label", "no column named '" + labelColumn + "' in the header");
            }
            if (weightColumn != null && weightIndex < 0) {
                throw new InvalidRequestException("weight", "no column named '" + weightColumn + "' in the header");
            }
            builder.checkFeatureCount(featureNames.size(), "body");
            int lineNumber = 1;
            String line;
            while ((line = reader.readLine()) != null && !builder.tooManyErrors()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                readRow(line, lineNumber, columns, labelIndex, weightIndex, builder);
            }
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        Dataset dataset = builder.build(options.fitIntercept(), featureNames, "body", "label", "weight");
        return new TrainingInput(name, dataset, options);
    }

    private static void readRow(
            String line, int lineNumber, String[] columns, int labelIndex, int weightIndex, DatasetBuilder builder) {
        builder.startRow();
        int column = 0;
        int start = 0;
        int length = line.length();
        while (start <= length) {
            int end = line.indexOf(',', start);
            if (end < 0) {
                end = length;
            }
            if (column < columns.length) {
                String where = null;
                double value = Double.NaN;
                String cell = line.substring(start, end).trim();
                try {
                    value = cell.isEmpty() ? Double.NaN : NumberInput.parseDouble(cell, true);
                } catch (NumberFormatException notANumber) {
                    where = "not a number: '" + cell + "'";
                }
                if (where == null && !Double.isFinite(value)) {
                    where = cell.isEmpty() ? "empty cell" : "not a finite number: '" + cell + "'";
                }
                String field = "line " + lineNumber + ", column '" + columns[column] + "'";
                if (column == labelIndex) {
                    if (where != null) {
                        builder.error(field, where);
                    }
                    builder.addLabel(where == null ? value : 0.0, field, -1);
                } else if (column == weightIndex) {
                    if (where != null) {
                        builder.error(field, where);
                    }
                    builder.addWeight(where == null ? value : 1.0, field, -1);
                } else if (where == null) {
                    builder.addValue(value);
                } else {
                    builder.addInvalid(field, where);
                }
            }
            column++;
            start = end + 1;
        }
        if (column != columns.length) {
            builder.error("line " + lineNumber, "expected " + columns.length + " cells, got " + column);
        }
        builder.endRow("line ", lineNumber, "");
    }

    private static String[] splitHeader(String header) {
        String[] columns = header.split(",", -1);
        for (int c = 0; c < columns.length; c++) {
            String column = columns[c].trim();
            if (column.length() >= 2 && column.startsWith("\"") && column.endsWith("\"")) {
                column = column.substring(1, column.length() - 1);
            }
            columns[c] = column;
        }
        return columns;
    }
}
