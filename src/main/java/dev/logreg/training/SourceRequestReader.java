package dev.logreg.training;

import dev.logreg.math.NewtonSolver;
import dev.logreg.model.TrainingOptions;
import dev.logreg.problem.InvalidRequestException;
import dev.logreg.spark.SparkRows;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON body of {@code POST /models} when it names a {@code source} (a file the Spark
 * cluster reads) instead of carrying the rows: {@code source}, {@code name} and {@code options}.
 * Such a body is small (at most logreg.spark.max-request-size, which the caller checks), so it is read whole.
 */
final class SourceRequestReader {

    static final Set<String> FORMATS = Set.of("parquet", "csv");
    private static final int MAX_TEXT_LENGTH = 4096;
    private static final int MAX_FEATURES = 100_000;

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private SourceRequestReader() {}

    /**
     * Whether the top level of the JSON object starting {@code prefix} has a {@code source} field
     * before the prefix ends. Anything that is not such an object answers false and is left to the
     * reader of inline data, which reports it.
     */
    static boolean hasSource(byte[] prefix) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), prefix)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                if (parser.currentName().equals("source")) {
                    return true;
                }
                parser.nextToken();
                parser.skipChildren();
            }
            return false;
        } catch (JacksonException endOfPrefixOrMalformed) {
            return false;
        }
    }

    /** Reads and validates a source request; throws {@link InvalidRequestException} naming every bad field. */
    static SourceTrainingInput read(byte[] body, DatasetLimits limits) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JacksonException malformed) {
            throw JsonDatasetReader.malformedBody(malformed);
        }
        DatasetBuilder errors = new DatasetBuilder(limits, "source");
        String name = null;
        Map<String, Object> rawOptions = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "source" -> {}
                case "name" -> {
                    if (value.isString()) {
                        name = value.asString();
                        errors.checkModelName(name);
                    } else if (!value.isNull()) {
                        errors.error("name", "must be a string");
                    }
                }
                case "options" -> rawOptions = options(value, errors);
                case "features", "labels", "weights", "featureNames" ->
                    errors.error(field.getKey(), "not allowed with a source: the rows come from the source");
                default -> errors.error(field.getKey(), "unknown field");
            }
        }
        SparkRows.Source source = source(root.get("source"), errors);
        TrainingOptions options = new OptionsResolver(rawOptions, "options.", errors).resolve();
        if (!NewtonSolver.NAME.equals(options.solver())) {
            errors.error(
                    "options.solver",
                    "a source is fitted by newton only (each iteration is one pass" + " over the cluster's rows), got '"
                            + options.solver() + "'");
        }
        if (!"ml".equals(options.method())) {
            errors.error(
                    "options.method",
                    "a source is fitted by maximum likelihood (ml) only: Firth's fit needs"
                            + " every row's leverage at every iteration, got '" + options.method() + "'");
        }
        if (!"model".equals(options.covariance())) {
            errors.error(
                    "options.covariance",
                    "a source gets the model covariance only: a sandwich needs every" + " row's leverage, got '"
                            + options.covariance() + "'");
        }
        if ("profile".equals(options.intervals())) {
            errors.error(
                    "options.intervals",
                    "a source gets Wald intervals only: profile intervals refit the model many times over the rows");
        }
        if (options.marginalEffects() != null) {
            errors.error(
                    "options.marginalEffects", "a source gets no marginal effects yet: they need the rows in memory");
        }
        if (!errors.errors().isEmpty()) {
            throw new InvalidRequestException(errors.errors());
        }
        return new SourceTrainingInput(name, source, options);
    }

    private static Map<String, Object> options(JsonNode value, DatasetBuilder errors) {
        Map<String, Object> options = new LinkedHashMap<>();
        if (value.isNull()) {
            return options;
        }
        if (!value.isObject()) {
            errors.error("options", "must be an object");
            return options;
        }
        for (Map.Entry<String, JsonNode> option : value.properties()) {
            JsonNode v = option.getValue();
            if (option.getKey().equals(ElasticNetRequest.FIELD)) {
                errors.error(
                        "options." + ElasticNetRequest.FIELD,
                        "not supported with a source: the elastic net fits rows sent in the request (JSON or CSV)");
            } else if (v.isString()) {
                options.put(option.getKey(), v.asString());
            } else if (v.isBoolean()) {
                options.put(option.getKey(), v.asBoolean());
            } else if (v.isIntegralNumber() && v.canConvertToLong()) {
                options.put(option.getKey(), v.asLong());
            } else if (v.isNumber()) {
                options.put(option.getKey(), v.asDouble());
            } else if (!v.isNull()) {
                errors.error("options." + option.getKey(), "must be a single value");
            }
        }
        return options;
    }

    private static SparkRows.Source source(JsonNode value, DatasetBuilder errors) {
        if (value == null || !value.isObject()) {
            errors.error("source", "must be an object with uri, format, label and optionally weight and features");
            return null;
        }
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            if (!Set.of("uri", "format", "label", "weight", "features").contains(field.getKey())) {
                errors.error(
                        "source." + field.getKey(),
                        "unknown field; known fields are uri, format, label," + " weight, features");
            }
        }
        String uri = text(value, "uri", true, errors);
        String format = text(value, "format", true, errors);
        if (format != null && !FORMATS.contains(format)) {
            errors.error("source.format", "must be parquet or csv, got '" + format + "'");
            format = null;
        }
        String label = text(value, "label", true, errors);
        String weight = text(value, "weight", false, errors);
        List<String> features = null;
        JsonNode list = value.get("features");
        if (list != null && !list.isNull()) {
            if (!list.isArray() || list.isEmpty()) {
                errors.error(
                        "source.features",
                        "must be a non-empty array of column names (leave it out for"
                                + " every numeric column but the label and the weight)");
            } else if (list.size() > MAX_FEATURES) {
                errors.error("source.features", "has more than " + MAX_FEATURES + " columns");
            } else {
                features = new ArrayList<>();
                Set<String> seen = new HashSet<>();
                for (int k = 0; k < list.size(); k++) {
                    JsonNode item = list.get(k);
                    if (!item.isString() || item.asString().isEmpty()) {
                        errors.error("source.features[" + k + "]", "must be a column name");
                    } else if (!seen.add(item.asString())) {
                        errors.error("source.features[" + k + "]", "'" + item.asString() + "' is named twice");
                    } else {
                        features.add(item.asString());
                    }
                }
            }
        }
        if (uri == null || format == null || label == null) {
            return null;
        }
        return new SparkRows.Source(uri, format, label, weight, features);
    }

    private static String text(JsonNode source, String field, boolean required, DatasetBuilder errors) {
        JsonNode value = source.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                errors.error("source." + field, "is required");
            }
            return null;
        }
        if (!value.isString() || value.asString().isBlank()) {
            errors.error("source." + field, "must be a non-empty string");
            return null;
        }
        if (value.asString().length() > MAX_TEXT_LENGTH) {
            errors.error("source." + field, "must be at most " + MAX_TEXT_LENGTH + " characters");
            return null;
        }
        return value.asString();
    }
}
