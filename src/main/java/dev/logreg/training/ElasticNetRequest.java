package dev.logreg.training;

import dev.logreg.math.CrossValidationMeasure;
import dev.logreg.math.Dataset;
import dev.logreg.math.ElasticNetOptions;
import dev.logreg.model.ElasticNetSettings;
import dev.logreg.model.Model;
import dev.logreg.model.TrainingOptions;
import dev.logreg.problem.FieldError;
import dev.logreg.problem.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * {@code options.elasticNet}: read from JSON (a nested object) or from CSV query parameters, checked
 * field by field, and resolved into the effective {@link ElasticNetSettings}; then checked against
 * the dataset (penalty factors name features, one fold id per row, no more folds than rows).
 */
final class ElasticNetRequest {

    static final String FIELD = "elasticNet";

    private static final Set<String> NAMES = Set.of(
            "alpha",
            "lambda",
            "lambdas",
            "nLambda",
            "lambdaMinRatio",
            "standardize",
            "penaltyFactors",
            "crossValidation");
    private static final Set<String> CROSS_VALIDATION_NAMES = Set.of("folds", "foldIds", "seed", "measure", "select");
    private static final int MAX_LAMBDAS = 10_000;
    private static final String LAMBDA_MIN = "lambdaMin";
    private static final String LAMBDA_1SE = "lambda1se";

    private ElasticNetRequest() {}

    /**
     * Reads the JSON value at the parser (an object, or null) into nested maps and lists of
     * scalars; errors name {@code field}.
     */
    static Object readJson(JsonParser parser, DatasetBuilder builder, String field) {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> parser.getString();
            case VALUE_TRUE, VALUE_FALSE -> token == JsonToken.VALUE_TRUE;
            case VALUE_NUMBER_INT ->
                parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? (Object) parser.getDoubleValue()
                        : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case START_ARRAY -> {
                List<Object> values = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    values.add(readJson(parser, builder, field + "[" + values.size() + "]"));
                }
                yield values;
            }
            case START_OBJECT -> {
                Map<String, Object> values = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    values.put(name, readJson(parser, builder, field + "." + name));
                }
                yield values;
            }
            default -> {
                builder.error(field, "is not a JSON value");
                parser.skipChildren();
                yield null;
            }
        };
    }

    /**
     * The elastic net's query parameters of a CSV training ({@code elasticNet.alpha}, {@code
     * elasticNet.crossValidation.folds}, ...; lists comma-separated, penalty factors as {@code
     * name:factor,...}) as the nested map {@link #resolve} reads; null when none is given.
     */
    static Map<String, Object> fromQuery(Map<String, String> parameters) {
        Map<String, Object> elasticNet = new LinkedHashMap<>();
        Map<String, Object> crossValidation = new LinkedHashMap<>();
        String prefix = FIELD + ".";
        String cvPrefix = prefix + "crossValidation.";
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String key = parameter.getKey();
            String value = parameter.getValue();
            if (key.startsWith(cvPrefix)) {
                String name = key.substring(cvPrefix.length());
                crossValidation.put(name, name.equals("foldIds") ? List.of(value.split(",", -1)) : value);
            } else if (key.startsWith(prefix)) {
                String name = key.substring(prefix.length());
                elasticNet.put(
                        name,
                        switch (name) {
                            case "lambdas" -> List.of(value.split(",", -1));
                            case "penaltyFactors" -> penaltyFactors(value);
                            default -> value;
                        });
            }
        }
        if (!crossValidation.isEmpty()) {
            elasticNet.put("crossValidation", crossValidation);
        }
        return elasticNet.isEmpty() ? null : elasticNet;
    }

    private static Object penaltyFactors(String value) {
        Map<String, Object> factors = new LinkedHashMap<>();
        for (String pair : value.split(",", -1)) {
            int colon = pair.lastIndexOf(':');
            if (colon < 0) {
                return value;
            }
            factors.put(pair.substring(0, colon).trim(), pair.substring(colon + 1));
        }
        return factors;
    }

    /**
     * The effective settings of {@code raw} (a map, or anything else to report), errors into
     * {@code errors} under {@code field}. {@code base} is checked for options the elastic net
     * excludes.
     */
    static ElasticNetSettings resolve(Object raw, String field, TrainingOptions base, DatasetBuilder errors) {
        if (!(raw instanceof Map<?, ?> map)) {
            errors.error(field, "must be an object");
            return null;
        }
        Reader reader = new Reader(map, field, errors);
        reader.unknown(NAMES);
        double alpha = reader.number("alpha", 1.0, 0, 1);
        Double lambda = reader.has("lambda") ? reader.number("lambda", 0, 0, Double.MAX_VALUE) : null;
        double[] lambdas = reader.numbers("lambdas", 0, Double.MAX_VALUE);
        if (lambda != null && lambdas != null) {
            errors.error(field + ".lambdas", "give either lambda or lambdas, not both");
        }
        int numLambdas = (int) reader.integer("nLambda", ElasticNetOptions.DEFAULT_NUM_LAMBDAS, 2, MAX_LAMBDAS);
        Double ratio = null;
        if (reader.has("lambdaMinRatio")) {
            ratio = reader.number("lambdaMinRatio", 1e-4, Double.MIN_NORMAL, 1);
            if (ratio >= 1) {
                errors.error(field + ".lambdaMinRatio", "must be below 1, got " + ratio);
            }
        }
        boolean standardize = reader.bool("standardize", true);
        Map<String, Double> penaltyFactors = reader.factors("penaltyFactors");
        ElasticNetSettings.CrossValidationSettings crossValidation = null;
        Object cv = map.get("crossValidation");
        if (cv != null) {
            crossValidation = crossValidation(cv, field + ".crossValidation", errors);
        }
        if (base.l2() != 0) {
            errors.error(field, "takes its ridge part from alpha and lambda: options.l2 must be 0, got " + base.l2());
        }
        if (!"ml".equals(base.method())) {
            errors.error(field, "cannot be combined with method " + base.method());
        }
        if (!"model".equals(base.covariance())) {
            errors.error(field, "has no covariance: options.covariance must be model, got " + base.covariance());
        }
        return new ElasticNetSettings(
                alpha,
                lambda,
                lambdas,
                numLambdas,
                ratio == null ? Double.NaN : ratio,
                standardize,
                penaltyFactors,
                crossValidation);
    }

    private static ElasticNetSettings.CrossValidationSettings crossValidation(
            Object raw, String field, DatasetBuilder errors) {
        if (!(raw instanceof Map<?, ?> map)) {
            errors.error(field, "must be an object");
            return null;
        }
        Reader reader = new Reader(map, field, errors);
        reader.unknown(CROSS_VALIDATION_NAMES);
        int folds = (int) reader.integer("folds", 10, 2, Integer.MAX_VALUE);
        int[] foldIds = null;
        double[] ids = reader.numbers("foldIds", 1, Integer.MAX_VALUE);
        if (ids != null) {
            foldIds = new int[ids.length];
            int largest = 0;
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] != Math.rint(ids[i])) {
                    errors.error(field + ".foldIds[" + i + "]", "must be a whole number, got " + ids[i]);
                }
                foldIds[i] = (int) ids[i];
                largest = Math.max(largest, foldIds[i]);
            }
            if (ids.length > 0 && largest < 2) {
                errors.error(field + ".foldIds", "puts every row in one fold: cross-validation needs at least 2");
            }
            folds = largest;
        }
        long seed = reader.integer("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE);
        String measure = reader.string("measure", CrossValidationMeasure.DEVIANCE.jsonName());
        if (CrossValidationMeasure.byName(measure).isEmpty()) {
            errors.error(field + ".measure", "unknown measure '" + measure + "'; one of deviance, auc, class, mse");
        }
        String select = reader.string("select", LAMBDA_MIN);
        if (!select.equals(LAMBDA_MIN) && !select.equals(LAMBDA_1SE)) {
            errors.error(field + ".select", "must be lambdaMin or lambda1se, got '" + select + "'");
        }
        return new ElasticNetSettings.CrossValidationSettings(folds, foldIds, seed, measure, select);
    }

    /**
     * The checks that need the dataset: penalty factors of features it has, at least one penalised
     * feature, fold ids one per row, no more folds than rows.
     *
     * @throws InvalidRequestException naming every problem
     */
    static void checkAgainst(ElasticNetSettings settings, Dataset data, String field) {
        List<FieldError> errors = new ArrayList<>();
        List<String> names = data.featureNames();
        if (names.contains(Model.LAMBDA_PARAMETER)) {
            errors.add(new FieldError(
                    "featureNames",
                    "an elastic-net model cannot have a feature called lambda: predictions take lambda= to"
                            + " choose the penalty"));
        }
        double sum = 0;
        for (String name : names) {
            sum += settings.penaltyFactors().getOrDefault(name, 1.0);
        }
        for (String name : new TreeSet<>(settings.penaltyFactors().keySet())) {
            if (!names.contains(name)) {
                errors.add(new FieldError(field + ".penaltyFactors." + name, "is not a feature of the dataset"));
            }
        }
        if (!(sum > 0)) {
            errors.add(new FieldError(field + ".penaltyFactors", "leaves every feature unpenalised"));
        }
        ElasticNetSettings.CrossValidationSettings cv = settings.crossValidation();
        int n = data.numSamples();
        if (cv != null && cv.foldIds() != null && cv.foldIds().length != n) {
            errors.add(new FieldError(
                    field + ".crossValidation.foldIds",
                    "needs one fold per row: " + n + " rows, got " + cv.foldIds().length));
        } else if (cv != null && cv.folds() > n) {
            errors.add(new FieldError(
                    field + ".crossValidation." + (cv.foldIds() != null ? "foldIds" : "folds"),
                    "asks for " + cv.folds() + " folds of " + n + " rows: at most one fold per row"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    /** The math options of {@code settings} on {@code data}. */
    static ElasticNetOptions options(ElasticNetSettings settings, Dataset data) {
        double[] factors = null;
        if (!settings.penaltyFactors().isEmpty()) {
            List<String> names = data.featureNames();
            factors = new double[names.size()];
            for (int j = 0; j < factors.length; j++) {
                factors[j] = settings.penaltyFactors().getOrDefault(names.get(j), 1.0);
            }
        }
        double[] lambdas = settings.lambda() != null ? new double[] {settings.lambda()} : settings.lambdas();
        return new ElasticNetOptions(
                settings.alpha(),
                lambdas,
                settings.nLambda(),
                settings.lambdaMinRatio(),
                settings.standardize(),
                factors,
                ElasticNetOptions.DEFAULT_THRESHOLD,
                ElasticNetOptions.DEFAULT_MAX_PASSES);
    }

    /** Reads typed values of one object, errors under its field. */
    private record Reader(Map<?, ?> map, String field, DatasetBuilder errors) {

        boolean has(String name) {
            return map.get(name) != null;
        }

        void unknown(Set<String> known) {
            for (Object name : map.keySet()) {
                if (!known.contains(String.valueOf(name))) {
                    errors.error(
                            field + "." + name,
                            "unknown option; known options are " + String.join(", ", new TreeSet<>(known)));
                }
            }
        }

        double number(String name, double fallback, double min, double max) {
            Object value = map.get(name);
            if (value == null) {
                return fallback;
            }
            Double parsed = asDouble(value);
            if (parsed == null) {
                errors.error(field + "." + name, "must be a finite number, got " + describe(value));
                return fallback;
            }
            if (!(parsed >= min && parsed <= max)) {
                errors.error(field + "." + name, "must be between " + min + " and " + max + ", got " + parsed);
                return fallback;
            }
            return parsed;
        }

        long integer(String name, long fallback, long min, long max) {
            Object value = map.get(name);
            if (value == null) {
                return fallback;
            }
            Long parsed = null;
            if (value instanceof Long whole) {
                parsed = whole;
            } else if (value instanceof String text) {
                try {
                    parsed = Long.parseLong(text.trim());
                } catch (NumberFormatException notWhole) {
                    parsed = null;
                }
            }
            if (parsed == null) {
                errors.error(field + "." + name, "must be a whole number, got " + describe(value));
                return fallback;
            }
            if (parsed < min || parsed > max) {
                errors.error(field + "." + name, "must be between " + min + " and " + max + ", got " + parsed);
                return fallback;
            }
            return parsed;
        }

        boolean bool(String name, boolean fallback) {
            Object value = map.get(name);
            if (value == null) {
                return fallback;
            }
            if (value instanceof Boolean flag) {
                return flag;
            }
            if (value instanceof String text && (text.equals("true") || text.equals("false"))) {
                return Boolean.parseBoolean(text);
            }
            errors.error(field + "." + name, "must be true or false");
            return fallback;
        }

        String string(String name, String fallback) {
            Object value = map.get(name);
            if (value == null) {
                return fallback;
            }
            if (value instanceof String text) {
                return text;
            }
            errors.error(field + "." + name, "must be a string");
            return fallback;
        }

        double[] numbers(String name, double min, double max) {
            Object value = map.get(name);
            if (value == null) {
                return null;
            }
            if (!(value instanceof List<?> list) || list.isEmpty()) {
                errors.error(field + "." + name, "must be a non-empty array of numbers");
                return null;
            }
            double[] values = new double[list.size()];
            for (int i = 0; i < values.length; i++) {
                Double parsed = asDouble(list.get(i));
                if (parsed == null || !(parsed >= min && parsed <= max)) {
                    errors.error(
                            field + "." + name + "[" + i + "]",
                            "must be a number in [" + min + ", " + max + "], got " + describe(list.get(i)));
                    return null;
                }
                values[i] = parsed;
            }
            if (name.equals("lambdas") && values.length > MAX_LAMBDAS) {
                errors.error(field + "." + name, "has more than " + MAX_LAMBDAS + " lambdas");
                return null;
            }
            return values;
        }

        Map<String, Double> factors(String name) {
            Object value = map.get(name);
            if (value == null) {
                return Map.of();
            }
            if (!(value instanceof Map<?, ?> entries)) {
                errors.error(field + "." + name, "must be an object of feature name to factor (>= 0)");
                return Map.of();
            }
            Map<String, Double> factors = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : entries.entrySet()) {
                Double parsed = asDouble(entry.getValue());
                String key = String.valueOf(entry.getKey());
                if (parsed == null || parsed < 0) {
                    errors.error(
                            field + "." + name + "." + key,
                            "must be a finite number >= 0, got " + describe(entry.getValue()));
                    continue;
                }
                factors.put(key, parsed);
            }
            return factors;
        }

        private static Double asDouble(Object value) {
            double parsed;
            if (value instanceof Double number) {
                parsed = number;
            } else if (value instanceof Long whole) {
                parsed = whole;
            } else if (value instanceof String text) {
                try {
                    parsed = Double.parseDouble(text.trim());
                } catch (NumberFormatException notANumber) {
                    return null;
                }
            } else {
                return null;
            }
            return Double.isFinite(parsed) ? parsed : null;
        }

        private static String describe(Object value) {
            if (value instanceof String text) {
                return "'" + text + "'";
            }
            if (value instanceof Map<?, ?>) {
                return "an object";
            }
            if (value instanceof List<?>) {
                return "an array";
            }
            return String.valueOf(value);
        }
    }
}
