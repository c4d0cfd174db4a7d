package dev.logreg.training;

import dev.logreg.math.Dataset;
import dev.logreg.model.TrainingOptions;
import java.io.InputStream;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/** Reads the JSON body of {@code POST /models}: the dataset, {@code name} and {@code options}. */
final class TrainingRequestReader {

    static final int MAX_NAME_LENGTH = 200;

    private TrainingRequestReader() {}

    static TrainingInput read(InputStream body, DatasetLimits limits) {
        Extras extras = new Extras();
        Dataset dataset = JsonDatasetReader.read(body, limits, extras);
        if (extras.options.elasticNet() != null) {
            ElasticNetRequest.checkAgainst(extras.options.elasticNet(), dataset, "options." + ElasticNetRequest.FIELD);
        }
        return new TrainingInput(extras.name, dataset, extras.options);
    }

    private static final class Extras implements JsonDatasetReader.ExtraFields {

        private String name;
        private Map<String, Object> rawOptions = Map.of();
        private TrainingOptions options;

        @Override
        public boolean read(String field, JsonParser parser, DatasetBuilder builder) {
            switch (field) {
                case "name" -> {
                    JsonToken token = parser.currentToken();
                    if (token == JsonToken.VALUE_STRING) {
                        name = parser.getString();
                        if (name.length() > MAX_NAME_LENGTH) {
                            builder.error("name", "must be at most " + MAX_NAME_LENGTH + " characters");
                        }
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
    }
}
