package dev.logreg.spark;

import dev.logreg.spark.executor.PartitionTotals;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The source's columns a training reads, resolved against its schema: the label, the weight (null
 * for weight 1) and the features, each a numeric column of that exact name; {@code featuresNamed} when
 * the request named the features (otherwise their names come from the source and no error quotes them).
 */
record SourceColumns(String label, String weight, List<String> features, boolean featuresNamed) {

    /** The name of the weight's input column when the source has none. */
    private static final String UNIT_WEIGHT = "(weight)";

    SourceColumns {
        features = List.copyOf(features);
    }

    /**
     * The columns {@code source} names, or for features none named every numeric column but label and weight.
     *
     * @throws SourceColumnException when a column is missing, not numeric, both a feature and the label or
     *     weight, or there are no features or more than {@code maxFeatures}
     */
    static SourceColumns resolve(StructType schema, SparkRows.Source source, int maxFeatures) {
        StructField label = numericField(schema, source.label(), "source.label", true);
        String weight = source.weight() == null
                ? null
                : numericField(schema, source.weight(), "source.weight", false).name();
        List<String> features = source.features() == null
                ? numericColumnsBut(schema, label.name(), weight)
                : named(schema, source, label.name(), weight);
        if (features.size() > maxFeatures) {
            throw new SourceColumnException(
                    "source.features",
                    features.size() + " feature columns; the limit is logreg.max-features = " + maxFeatures);
        }
        return new SourceColumns(label.name(), weight, features, source.features() != null);
    }

    private static List<String> numericColumnsBut(StructType schema, String label, String weight) {
        List<String> features = new ArrayList<>();
        for (StructField field : schema.fields()) {
            if (field.dataType() instanceof NumericType
                    && !field.name().equals(label)
                    && !field.name().equals(weight)) {
                features.add(field.name());
            }
        }
        if (features.isEmpty()) {
            throw new SourceColumnException(
                    "source.features",
                    "the source has no numeric column besides the label and the weight, among its "
                            + schema.fields().length + " columns");
        }
        return features;
    }

    private static List<String> named(StructType schema, SparkRows.Source source, String label, String weight) {
        List<String> features = new ArrayList<>();
        for (int k = 0; k < source.features().size(); k++) {
            String name = source.features().get(k);
            StructField field = numericField(schema, name, "source.features[" + k + "]", false);
            if (field.name().equals(label) || field.name().equals(weight)) {
                throw new SourceColumnException(
                        "source.features[" + k + "]", "'" + name + "' is the label or the weight column");
            }
            features.add(field.name());
        }
        return features;
    }

    /** The label, the weight (1.0 when there is none) and the features, as doubles: the rows every pass reads. */
    Dataset<Row> select(Dataset<Row> frame) {
        List<Column> columns = new ArrayList<>();
        columns.add(column(label).cast("double"));
        columns.add(weight == null ? functions.lit(1.0) : column(weight).cast("double"));
        for (String feature : features) {
            columns.add(column(feature).cast("double"));
        }
        return frame.select(columns.toArray(new Column[0]));
    }

    /** The input columns' names in the order of the selected rows; the weight is {@value #UNIT_WEIGHT} when none. */
    List<String> inputNames() {
        List<String> names = new ArrayList<>();
        names.add(label);
        names.add(weight == null ? UNIT_WEIGHT : weight);
        names.addAll(features);
        return names;
    }

    /**
     * @throws SourceColumnException naming the first input column with a value out of range in {@code totals}
     */
    void requireInRange(PartitionTotals totals) {
        List<String> names = inputNames();
        for (int k = 0; k < names.size(); k++) {
            long bad = totals.outOfRangePerColumn().get(k);
            if (bad > 0) {
                String field = k == 0 ? "source.label" : k == 1 ? "source.weight" : "source.features";
                String rule = k == 0 ? "a label in [0, 1]" : k == 1 ? "a finite weight >= 0" : "a finite number";
                String column = k >= 2 && !featuresNamed
                        ? "numeric column " + (k - 1) + " of the " + features.size() + " taken as features"
                        : "column '" + names.get(k) + "'";
                throw new SourceColumnException(field, column + " has " + bad + " row(s) without " + rule);
            }
        }
    }

    /** A column by its exact name, whatever characters it holds. */
    private static Column column(String name) {
        return functions.col("`" + name.replace("`", "``") + "`");
    }

    private static StructField numericField(StructType schema, String name, String field, boolean booleanAllowed) {
        for (StructField candidate : schema.fields()) {
            if (candidate.name().equals(name)) {
                boolean numeric = candidate.dataType() instanceof NumericType
                        || (booleanAllowed && candidate.dataType() instanceof BooleanType);
                if (!numeric) {
                    throw new SourceColumnException(
                            field,
                            "column '" + name + "' is " + candidate.dataType().simpleString() + ", not numeric");
                }
                return candidate;
            }
        }
        throw new SourceColumnException(
                field, "no column '" + name + "' among the source's " + schema.fields().length + " columns");
    }
}
