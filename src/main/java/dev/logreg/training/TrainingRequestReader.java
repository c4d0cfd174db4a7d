package dev.logreg.training;

import dev.logreg.design.CodedTable;
import dev.logreg.design.Design;
import dev.logreg.design.DesignLimits;
import dev.logreg.math.Dataset;
import dev.logreg.model.TrainingOptions;
import dev.logreg.problem.InvalidRequestException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads the JSON body of {@code POST /models}: the dataset (rows, or a table and a formula),
 * {@code name} and {@code options}.
 */
final class TrainingRequestReader {

    /** The elastic net's coordinate descent takes no offset. */
    static final String OFFSET_WITH_ELASTIC_NET = "offset is not supported with elasticNet";

    private TrainingRequestReader() {}

    static TrainingInput read(InputStream body, DatasetLimits limits, DesignLimits designLimits) {
        Extras extras = new Extras(limits, designLimits);
        Dataset dataset = JsonDatasetReader.read(body, limits, extras);
        if (extras.options.elasticNet() != null) {
            ElasticNetRequest.checkAgainst(extras.options.elasticNet(), dataset, "options." + ElasticNetRequest.FIELD);
        }
        return new TrainingInput(extras.name, dataset, extras.options, null, extras.design);
    }

    private static final class Extras implements JsonDatasetReader.ExtraFields {

        private final FormulaFields formula;
        private final DesignLimits designLimits;
        private String name;
        private Map<String, Object> rawOptions = Map.of();
        private TrainingOptions options;
        private Design design;

        Extras(DatasetLimits limits, DesignLimits designLimits) {
            this.formula = new FormulaFields(limits);
            this.designLimits = designLimits;
        }

        @Override
        public boolean read(String field, JsonParser parser, DatasetBuilder builder) {
            if (formula.read(field, parser, builder)) {
                return true;
            }
            switch (field) {
                case "name" -> {
                    JsonToken token = parser.currentToken();
                    if (token == JsonToken.VALUE_STRING) {
                        name = parser.getString();
                        builder.checkModelName(name);
                    } else if (token != JsonToken.VALUE_NULL) {
                        builder.error("name", "must be a string, got " + JsonDatasetReader.describe(token));
                        parser.skipChildren();
                    }
                    return true;
                }
                case "options" -> {
                    rawOptions = JsonDatasetReader.readScalars(parser, builder, "options");
                    return true;
                }
                default -> {
                    return false;
                }
            }
        }

        @Override
        public boolean fitIntercept(DatasetBuilder builder) {
            options = new OptionsResolver(rawOptions, "options.", builder).resolve();
            return options.fitIntercept();
        }

        /** With a table: its coding by the formula, whose intercept the options then take. */
        @Override
        public Dataset dataset(DatasetBuilder builder) {
            if (!formula.present()) {
                return null;
            }
            CodedTable coded = formula.code(builder, designLimits, builder.hasRowsOrLabels());
            if (coded != null && rawOptions.containsKey("fitIntercept")) {
                builder.error(
                        "options.fitIntercept", "a formula says whether there is an intercept (- 1 or + 0 removes it)");
            }
            Map<String, Object> withIntercept = new LinkedHashMap<>(rawOptions);
            withIntercept.put("fitIntercept", coded == null || coded.design().hasIntercept());
            options = new OptionsResolver(withIntercept, "options.", builder).resolve();
            if (coded != null && coded.offset() != null && options.elasticNet() != null) {
                builder.error("formula", OFFSET_WITH_ELASTIC_NET);
            }
            if (!builder.errors().isEmpty()) {
                throw new InvalidRequestException(builder.errors());
            }
            design = coded.design();
            return coded.dataset();
        }
    }
}
