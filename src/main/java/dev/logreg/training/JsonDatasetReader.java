package dev.logreg.training;

import dev.logreg.math.Dataset;
import dev.logreg.problem.MalformedBodyException;
import dev.logreg.problem.PayloadTooLargeException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a JSON body holding a dataset ({@code featureNames}, {@code features}, {@code labels},
 * {@code weights}) token by token, straight into a {@link DatasetBuilder}: no tree, no boxed
 * numbers. Other top-level fields go to the caller's {@link ExtraFields}; anything unknown is an
 * error naming the field. Thread-safe: the factory is shared, parsers are per call.
 */
final class JsonDatasetReader {

    /** Reads the top-level fields other than the dataset's. */
    interface ExtraFields {
        /**
         * Reads field {@code name}, whose first token is current; returns false when unknown.
         * Must leave the parser on the field value's last token.
         */
        boolean read(String name, JsonParser parser, DatasetBuilder builder);

        /** Whether the model has an intercept, known once the body is read; errors go to {@code builder}. */
        boolean fitIntercept(DatasetBuilder builder);

        /**
         * The dataset the extra fields describe instead of the rows (a table and a formula), or null
         * when the rows are the dataset; errors go to {@code builder}, which has the rows read so far.
         */
        default Dataset dataset(DatasetBuilder builder) {
            return null;
        }
    }

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    /**
     * What the parser adds for the server's programmer: which reader feature would accept the input
     * ("enable `JsonReadFeature...` to allow") and where an opening marker was in its source.
     */
    private static final Pattern HINT = Pattern.compile(":? *\\(?(?:enable|set) `[^`]*`[^)\\n]*\\)?| *\\(start"
            + " marker at \\[Source:[^\\]]*\\]\\)| *\\[Source:[^\\]]*\\]");

    private static final Pattern NON_NUMERIC = Pattern.compile("'[+-]?(?:NaN|INF|Infinity)'");

    private JsonDatasetReader() {}

    /**
     * Parses the body; throws {@link MalformedBodyException} when it is not JSON, and
     * {@link dev.logreg.problem.InvalidRequestException} with every field error otherwise.
     */
    static Dataset read(InputStream body, DatasetLimits limits, ExtraFields extra) {
        DatasetBuilder builder = new DatasetBuilder(limits, "features");
        List<String> featureNames = null;
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedBodyException("The body must be a JSON object.");
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "features" -> readFeatures(parser, builder);
                    case "labels" -> readNumbers(parser, builder, field, false);
                    case "weights" -> {
                        // a formula's weights name a column of its data
                        if (parser.currentToken() != JsonToken.VALUE_STRING || !extra.read(field, parser, builder)) {
                            readNumbers(parser, builder, field, true);
                        }
                    }
                    case "featureNames" -> featureNames = readNames(parser, builder);
                    default -> {
                        if (!extra.read(field, parser, builder)) {
                            builder.error(field, "unknown field");
                            parser.skipChildren();
                        }
                    }
                }
            }
            if (parser.nextToken() != null) {
                throw new MalformedBodyException("Unexpected content after the JSON object.");
            }
        } catch (JacksonException malformed) {
            PayloadTooLargeException tooLarge = findCause(malformed, PayloadTooLargeException.class);
            if (tooLarge != null) {
                throw tooLarge;
            }
            throw malformedBody(malformed);
        }
        Dataset table = extra.dataset(builder);
        if (table != null) {
            return table;
        }
        return builder.build(extra.fitIntercept(builder), featureNames, "features", "labels", "weights");
    }

    /** The problem for a body that is not JSON: where the parser stopped and why, in client terms. */
    static MalformedBodyException malformedBody(JacksonException malformed) {
        TokenStreamLocation location = malformed.getLocation();
        String where =
                location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return new MalformedBodyException(
                "The body is not valid JSON" + where + ": " + withoutParserHints(malformed.getOriginalMessage()));
    }

    /**
     * The parser's message without what it says to the server's programmer ({@link #HINT}), and
     * with what JSON allows instead where the input was a number JSON does not have.
     */
    private static String withoutParserHints(String message) {
        String plain = HINT.matcher(message).replaceAll("");
        if (NON_NUMERIC.matcher(plain).find()) {
            plain += " (JSON numbers are finite: NaN and Infinity cannot be sent)";
        }
        return plain;
    }

    private static void readFeatures(JsonParser parser, DatasetBuilder builder) {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            builder.error("features", "must be an array of rows, each an array of numbers");
            parser.skipChildren();
            return;
        }
        int row = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token != JsonToken.START_ARRAY) {
                builder.error("features[" + row + "]", "must be an array of numbers");
                parser.skipChildren();
                row++;
                continue;
            }
            builder.startRow();
            int column = 0;
            for (JsonToken value = parser.nextToken(); value != JsonToken.END_ARRAY; value = parser.nextToken()) {
                if (value.isNumeric()) {
                    double number = parser.getDoubleValue();
                    if (Double.isFinite(number)) {
                        builder.addValue(number);
                    } else {
                        builder.addInvalid("features[" + row + "][" + column + "]", "must be a finite number");
                    }
                } else {
                    builder.addInvalid(
                            "features[" + row + "][" + column + "]", "must be a number, got " + describe(value));
                    parser.skipChildren();
                }
                column++;
            }
            builder.endRow("features[", row, "]");
            row++;
        }
    }

    private static void readNumbers(JsonParser parser, DatasetBuilder builder, String field, boolean weights) {
        JsonToken token = parser.currentToken();
        if (weights && token == JsonToken.VALUE_NULL) {
            return;
        }
        if (token != JsonToken.START_ARRAY) {
            builder.error(field, "must be an array of numbers");
            parser.skipChildren();
            return;
        }
        if (weights) {
            builder.expectWeights();
        }
        int index = 0;
        for (JsonToken value = parser.nextToken(); value != JsonToken.END_ARRAY; value = parser.nextToken()) {
            double number;
            if (value.isNumeric()) {
                number = parser.getDoubleValue();
            } else {
                builder.error(field + "[" + index + "]", "must be a number, got " + describe(value));
                parser.skipChildren();
                number = weights ? 1.0 : 0.0;
            }
            if (weights) {
                builder.addWeight(number, field, index);
            } else {
                builder.addLabel(number, field, index);
            }
            index++;
        }
    }

    private static List<String> readNames(JsonParser parser, DatasetBuilder builder) {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            builder.error("featureNames", "must be an array of strings");
            parser.skipChildren();
            return null;
        }
        List<String> names = new ArrayList<>();
        for (JsonToken value = parser.nextToken(); value != JsonToken.END_ARRAY; value = parser.nextToken()) {
            builder.checkFeatureCount(names.size() + 1, "featureNames");
            if (value == JsonToken.VALUE_STRING) {
                names.add(parser.getString());
            } else {
                builder.error("featureNames[" + names.size() + "]", "must be a string, got " + describe(value));
                parser.skipChildren();
                names.add("");
            }
        }
        return names;
    }

    /** More entries than any options object needs; past it, entries are skipped. */
    static final int MAX_SCALARS = 64;

    /**
     * Reads a flat JSON object of scalars (the options) into a map of String, Boolean, Long or
     * Double, but for {@code elasticNet}, an object read as {@link ElasticNetRequest#readJson};
     * other nested values are reported as errors, and so is an object of more than
     * {@link #MAX_SCALARS} entries.
     */
    static Map<String, Object> readScalars(JsonParser parser, DatasetBuilder builder, String field) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return values;
        }
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            builder.error(field, "must be an object");
            parser.skipChildren();
            return values;
        }
        boolean tooMany = false;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (values.size() >= MAX_SCALARS) {
                if (!tooMany) {
                    builder.error(field, "has more than " + MAX_SCALARS + " entries");
                    tooMany = true;
                }
                parser.skipChildren();
                continue;
            }
            switch (value) {
                case VALUE_STRING -> values.put(name, parser.getString());
                case VALUE_TRUE, VALUE_FALSE -> values.put(name, value == JsonToken.VALUE_TRUE);
                case VALUE_NUMBER_INT ->
                    values.put(
                            name,
                            parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                                    ? (Object) parser.getDoubleValue()
                                    : (Object) parser.getLongValue());
                case VALUE_NUMBER_FLOAT -> values.put(name, parser.getDoubleValue());
                case VALUE_NULL -> {
                    // null means "the default"
                }
                case START_OBJECT -> {
                    if (name.equals(ElasticNetRequest.FIELD)) {
                        values.put(name, ElasticNetRequest.readJson(parser, builder, field + "." + name));
                    } else {
                        builder.error(field + "." + name, "must be a single value, got " + describe(value));
                        parser.skipChildren();
                    }
                }
                default -> {
                    builder.error(field + "." + name, "must be a single value, got " + describe(value));
                    parser.skipChildren();
                }
            }
        }
        return values;
    }

    static String describe(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> "a string";
            case VALUE_NULL -> "null";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            default -> "a number";
        };
    }

    private static <T extends Throwable> T findCause(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
