package dev.logreg.api;

import static dev.logreg.api.Tries.oneOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Property-based tests over real HTTP: hundreds of random, often malformed, datasets (JSON and
 * CSV), query strings, prediction bodies (with and without intervals) and Open Inference Protocol
 * infer bodies. Whatever is sent, the answer is never a 5xx, its body is JSON without a NaN or an
 * infinity, an error is a problem document (on {@code /v2} the protocol's {@code {"error"}}), and a
 * rejected training leaves the store as it was. The limits are small here so that requests cross them.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logreg.max-rows=300", "logreg.max-features=6", "logreg.max-cells=1200"})
class RandomRequestsPropertyTest {

    @LocalServerPort
    int port;

    HttpTestClient http;

    @BeforeEach
    void connect() {
        http = new HttpTestClient(port);
    }

    /** @param latin1 the body goes out as ISO-8859-1 bytes: any non-ASCII character is invalid UTF-8 */
    record Request(String path, String contentType, String body, boolean latin1) {
        Request(String path, String contentType, String body) {
            this(path, contentType, body, false);
        }

        @Override
        public String toString() {
            return "POST " + path + " (" + contentType + ")\n" + body;
        }
    }

    long storedModels() {
        return http.get("/models?size=1").json().get("totalElements").asLong();
    }

    /** The answer is one of {@code allowed}, JSON with only finite numbers, and a problem document when an error. */
    static JsonNode assertSane(HttpTestClient.Response response, Set<Integer> allowed) {
        assertThat(response.status()).as(response.body()).isIn(allowed);
        JsonNode body = response.json();
        assertFinite(body, "$");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.logreg");
        if (response.status() >= 400) {
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(body.get("type").asString()).startsWith("urn:logreg:problem:");
            assertThat(body.get("status").asInt()).isEqualTo(response.status());
            assertThat(body.get("title").asString()).isNotBlank();
        } else {
            assertThat(response.contentType()).startsWith("application/json");
        }
        return body;
    }

    private static void assertFinite(JsonNode node, String path) {
        if (node.isNumber()) {
            assertThat(Double.isFinite(node.asDouble()))
                    .as("%s = %s", path, node)
                    .isTrue();
        } else if (node.isString()) {
            assertThat(node.asString()).as(path).isNotIn("NaN", "Infinity", "-Infinity");
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                assertFinite(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (String name : node.propertyNames()) {
                assertFinite(node.get(name), path + "." + name);
            }
        }
    }

    // ---- generators: a well-formed request, then (for a third of them) one to three defects

    /** A finite number: mostly moderate, now and then extreme (huge, subnormal, -0). */
    static String number(SplittableRandom random) {
        return switch (random.nextInt(30)) {
            case 0 ->
                oneOf(
                        random,
                        "1e300",
                        "-1e300",
                        "1.7976931348623157e308",
                        "4.9e-324",
                        "1e-320",
                        "-0.0",
                        "123456789012345678901234567890",
                        "0.000000000000000000001");
            case 1, 2, 3 -> Integer.toString(random.nextInt(-1000, 1000));
            default -> Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(-2, 3)));
        };
    }

    static String junk(SplittableRandom random) {
        return oneOf(
                random,
                "null",
                "\"1\"",
                "true",
                "[1]",
                "{}",
                "\"NaN\"",
                "NaN",
                "Infinity",
                "-Infinity",
                "",
                "1e400",
                "-1e999",
                "\"\"");
    }

    static String label(SplittableRandom random) {
        return oneOf(random, "0", "1", "1", "0", "0.25", "0.9");
    }

    static String badLabel(SplittableRandom random) {
        return oneOf(random, "2", "-1", "\"a\"", "null", "1e400", "-0.1", "[0]");
    }

    static String weight(SplittableRandom random) {
        return oneOf(random, "1", "2", "0.5", "3", "0", "1e-300");
    }

    static String badWeight(SplittableRandom random) {
        return oneOf(random, "-1", "1e308", "null", "\"x\"", "1e400");
    }

    static String name(SplittableRandom random) {
        return oneOf(random, "x", "y", "hp", "wt", "a b", "", "features", "threshold", "\u00fc", "x", "z1", "z2");
    }

    static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Option name, then values: those before the "|" are valid, those after are not. */
    static final String[][] OPTIONS = {
        {"solver", "\"newton\"", "\"lbfgs\"", "\"sgd\"", "\"gradient-descent\"", "|", "\"magic\"", "1", "\"\""},
        {"fitIntercept", "true", "false", "null", "|", "\"yes\"", "0"},
        {"l2", "0", "0.1", "1e12", "|", "1e13", "-1", "\"a\""},
        {"maxIterations", "1", "5", "100", "|", "0", "-3", "1.5", "1e20", "\"7\""},
        {"tolerance", "1e-8", "1e-300", "1", "|", "0", "2", "-1e-8"},
        {"learningRate", "1", "0.01", "1e6", "|", "0", "1e7"},
        {"batchSize", "1", "7", "|", "0", "100000000"},
        {"epochs", "1", "3", "|", "0", "200000"},
        {"seed", "0", "-5", "9223372036854775807", "|", "1e30", "\"s\""},
        {"failOnTimeout", "true", "false", "|", "1", "\"no\""},
        {"method", "\"ml\"", "\"firth\"", "|", "\"bayes\"", "\"FIRTH\"", "1"},
        {"covariance", "\"model\"", "\"HC0\"", "\"HC1\"", "\"HC2\"", "\"HC3\"", "|", "\"HC4\"", "\"hc0\"", "true"},
    };

    static String option(SplittableRandom random, String[] option, boolean valid) {
        int bar = java.util.Arrays.asList(option).indexOf("|");
        return valid ? option[1 + random.nextInt(bar - 1)] : option[bar + 1 + random.nextInt(option.length - bar - 1)];
    }

    static String options(SplittableRandom random, boolean defective) {
        List<String> entries = new ArrayList<>();
        for (String[] option : OPTIONS) {
            if (random.nextInt(4) == 0) {
                entries.add(jsonString(option[0]) + ": " + option(random, option, true));
            }
        }
        if (defective) {
            String[] option = OPTIONS[random.nextInt(OPTIONS.length)];
            entries.add(
                    random.nextInt(8) == 0
                            ? "\"speed\": 3"
                            : jsonString(option[0]) + ": " + option(random, option, false));
            if (random.nextInt(10) == 0) {
                return oneOf(random, "[]", "\"fast\"", "{\"nested\": {}}");
            }
        }
        return "{" + String.join(", ", entries) + "}";
    }

    static String array(List<String> values) {
        return "[" + String.join(",", values) + "]";
    }

    /** A training request: two thirds well formed (extreme numbers included), a third with defects. */
    static Request trainingJson(SplittableRandom random) {
        Set<String> defects = new java.util.HashSet<>();
        if (random.nextInt(3) == 0) {
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                defects.add(oneOf(
                        random,
                        "cell",
                        "label",
                        "weight",
                        "ragged",
                        "labels",
                        "names",
                        "options",
                        "rows",
                        "features",
                        "cells",
                        "name",
                        "field",
                        "missing",
                        "text",
                        "type"));
            }
        }
        int rows = defects.contains("rows") ? 301 : defects.contains("cells") ? 250 : 1 + random.nextInt(40);
        int features = defects.contains("features") ? 7 : defects.contains("cells") ? 6 : 1 + random.nextInt(4);
        List<String> matrix = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<String> weights = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            List<String> row = new ArrayList<>();
            for (int j = 0; j < features; j++) {
                row.add(number(random));
            }
            matrix.add(array(row));
            labels.add(label(random));
            weights.add(weight(random));
        }
        int at = random.nextInt(rows);
        if (defects.contains("cell")) {
            matrix.set(at, array(List.of(junk(random))).replace("[", "[" + "1,".repeat(features - 1)));
        }
        if (defects.contains("ragged")) {
            matrix.set(
                    at,
                    random.nextBoolean() ? "[1" + ",1".repeat(features) + "]" : oneOf(random, "1", "null", "{}", "[]"));
        }
        if (defects.contains("label")) {
            labels.set(at, badLabel(random));
        }
        if (defects.contains("labels")) {
            labels.remove(0);
        }
        if (defects.contains("weight")) {
            weights.set(at, badWeight(random));
        }
        List<String> fields = new ArrayList<>();
        fields.add("\"features\": " + array(matrix));
        fields.add("\"labels\": " + array(labels));
        if (random.nextInt(4) == 0 || defects.contains("weight")) {
            fields.add("\"weights\": " + array(weights));
        }
        if (random.nextInt(4) == 0 || defects.contains("names")) {
            List<String> names = new ArrayList<>();
            int count = defects.contains("names") && random.nextBoolean() ? features + 1 : features;
            for (int j = 0; j < count; j++) {
                names.add(defects.contains("names") && j == 0 ? jsonString(name(random)) : jsonString("f" + j));
            }
            fields.add("\"featureNames\": " + array(names));
        }
        if (random.nextInt(3) == 0 || defects.contains("options")) {
            fields.add("\"options\": " + options(random, defects.contains("options")));
        }
        if (random.nextInt(6) == 0 || defects.contains("name")) {
            fields.add("\"name\": "
                    + (defects.contains("name")
                            ? oneOf(random, "3", jsonString("n".repeat(201)), "[]")
                            : oneOf(random, "\"model\"", "null", "\"\u00e9\u4e2d\"")));
        }
        if (defects.contains("field")) {
            fields.add("\"colour\": \"red\"");
        }
        if (defects.contains("missing")) {
            fields.remove(random.nextInt(2));
        }
        java.util.Collections.shuffle(fields, new java.util.Random(random.nextLong()));
        String body = "{" + String.join(", ", fields) + "}";
        return new Request(
                "/models",
                defects.contains("type")
                        ? oneOf(random, "text/plain", "application/xml", "application/json; charset=UTF-8")
                        : "application/json",
                defects.contains("text") ? corrupt(random, body) : body);
    }

    /** Breaks the text: cuts it short, adds, drops or swaps a character, or replaces it. */
    static String corrupt(SplittableRandom random, String text) {
        if (text.isEmpty()) {
            return "{";
        }
        int at = random.nextInt(text.length());
        String junk = oneOf(random, "{", "}", "[", "]", ",", ":", "\"", "\\", " ", "x", "-", "0", "\u00e9", "\u0000");
        return switch (random.nextInt(6)) {
            case 0 -> text.substring(0, at);
            case 1 -> text.substring(0, at) + junk + text.substring(at);
            case 2 -> text.substring(0, at) + text.substring(at + 1);
            case 3 -> text + oneOf(random, " {}", "}", "]", "x");
            case 4 -> oneOf(random, "", "[]", "null", "1", "\"text\"", "{}", "{\"features\": [[1]]}");
            default -> text.substring(0, at) + junk + text.substring(Math.min(text.length(), at + 1));
        };
    }

    static String query(List<String[]> parameters) {
        List<String> parts = new ArrayList<>();
        for (String[] parameter : parameters) {
            parts.add(URLEncoder.encode(parameter[0], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(parameter[1], StandardCharsets.UTF_8));
        }
        return String.join("&", parts);
    }

    /** A CSV training request with random columns, line ends and query parameters; a third with defects. */
    static Request trainingCsv(SplittableRandom random) {
        Set<String> defects = new java.util.HashSet<>();
        if (random.nextInt(3) == 0) {
            for (int k = 1 + random.nextInt(2); k > 0; k--) {
                defects.add(oneOf(
                        random,
                        "cell",
                        "label",
                        "ragged",
                        "header",
                        "rows",
                        "columns",
                        "labelParameter",
                        "weightParameter",
                        "option",
                        "text",
                        "type",
                        "charset",
                        "latin1"));
            }
        }
        int columns = defects.contains("columns") ? 7 : 1 + random.nextInt(4);
        List<String> header = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            header.add("c" + c);
        }
        if (defects.contains("header")) {
            header.set(random.nextInt(columns), oneOf(random, "c0", "", "threshold", "y"));
        }
        header.add(random.nextInt(10) == 0 ? "\"y\"" : "y");
        String newline = random.nextBoolean() ? "\n" : "\r\n";
        StringBuilder csv = new StringBuilder(random.nextInt(20) == 0 ? "\uFEFF" : "");
        csv.append(String.join(",", header)).append(newline);
        int rows = defects.contains("rows") ? oneOf(random, 0, 301) : 1 + random.nextInt(30);
        int at = random.nextInt(Math.max(rows, 1));
        for (int i = 0; i < rows; i++) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                cells.add(
                        i == at && defects.contains("cell")
                                ? oneOf(
                                        random, "", "abc", "NaN", "1e999", "\"3\"", "0x", "0x1p3", "1d", "2f", "1e",
                                        "\u00e9")
                                : random.nextInt(10) == 0 ? " " + number(random) + " " : number(random));
            }
            cells.add(i == at && defects.contains("label") ? oneOf(random, "2", "-1", "a", "") : label(random));
            if (i == at && defects.contains("ragged")) {
                cells.add(oneOf(random, "1", ""));
            }
            csv.append(String.join(",", cells)).append(newline);
            if (random.nextInt(20) == 0) {
                csv.append(newline);
            }
        }
        List<String[]> parameters = new ArrayList<>();
        if (!defects.contains("labelParameter") || random.nextBoolean()) {
            parameters.add(
                    new String[] {"label", defects.contains("labelParameter") ? oneOf(random, "nope", "", "c0") : "y"});
        }
        if (defects.contains("weightParameter")) {
            parameters.add(new String[] {"weight", oneOf(random, "nope", "y", "")});
        }
        for (String[] option : OPTIONS) {
            if (random.nextInt(5) == 0) {
                parameters.add(
                        new String[] {option[0], option(random, option, true).replace("\"", "")});
            }
        }
        if (defects.contains("option")) {
            String[] option = OPTIONS[random.nextInt(OPTIONS.length)];
            parameters.add(
                    new String[] {option[0], option(random, option, false).replace("\"", "")});
        }
        if (random.nextInt(5) == 0) {
            parameters.add(new String[] {
                "name", oneOf(random, "csv", "\u00e9", "n".repeat(defects.isEmpty() ? 20 : 201))
            });
        }
        String contentType = defects.contains("type")
                ? "text/plain"
                : defects.contains("charset")
                        ? "text/csv; charset="
                                + oneOf(
                                        random,
                                        "UTF-8",
                                        "utf8",
                                        "US-ASCII",
                                        "ISO-8859-1",
                                        "windows-1252",
                                        "UTF-16",
                                        "x")
                        : "text/csv";
        String text = defects.contains("text") ? corrupt(random, csv.toString()) : csv.toString();
        if (defects.contains("latin1")) {
            text = text.replaceFirst("c0", "c\u00e9");
        }
        return new Request("/models?" + query(parameters), contentType, text, defects.contains("latin1"));
    }

    @Test
    void randomJsonTrainingRequestsNever5xxAndARejectionChangesNothing() {
        Tries.forAll(300, RandomRequestsPropertyTest::trainingJson, this::checkTraining);
    }

    @Test
    void randomCsvTrainingRequestsNever5xxAndARejectionChangesNothing() {
        Tries.forAll(150, RandomRequestsPropertyTest::trainingCsv, this::checkTraining);
    }

    private void checkTraining(Request request) {
        long before = storedModels();
        HttpTestClient.Response response = request.latin1()
                ? http.send(HttpRequest.newBuilder(URI.create(http.base() + request.path()))
                        .header("Content-Type", request.contentType())
                        .POST(HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.ISO_8859_1)))
                : http.post(request.path(), request.contentType(), request.body());
        JsonNode body = assertSane(response, Set.of(201, 400, 415, 422));
        if (response.status() == 201) {
            assertThat(storedModels()).isEqualTo(before + 1);
            assertThat(body.get("coefficients").size())
                    .isEqualTo(body.get("featureNames").size());
            assertThat(http.delete("/models/" + body.get("id").asString()).status())
                    .isEqualTo(204);
        }
        assertThat(storedModels()).isEqualTo(before);
    }

    /** A query of 0 to 4 parameters, each name and value from a palette of good and bad ones. */
    static String predictionQuery(SplittableRandom random) {
        List<String[]> parameters = new ArrayList<>();
        int count = random.nextInt(5);
        for (int k = 0; k < count; k++) {
            String key = random.nextInt(10) == 0
                    ? oneOf(random, "colour", "", "\u00fc", "a b", "x1", "interval")
                    : oneOf(random, "features", "features", "threshold", "hp", "wt", "hp", "wt", "x2", "interval");
            String value = random.nextInt(4) == 0
                    ? oneOf(
                            random,
                            "1,2,3",
                            ",",
                            "",
                            "NaN",
                            "Infinity",
                            "-1e309",
                            "1e308,1e308",
                            "-1e308,1e308",
                            "0x10",
                            "abc",
                            "\u00e9",
                            "1".repeat(400),
                            "%",
                            "1;2")
                    : oneOf(
                            random,
                            "1",
                            "110",
                            "2.62",
                            "110,2.62",
                            "1,2",
                            " 2 ",
                            "0.5",
                            "1e-320",
                            "2.62,110 ",
                            "-3,0",
                            "0.95",
                            "0.999999");
            parameters.add(new String[] {key, value});
        }
        return query(parameters);
    }

    /** The values nested as rows of {@code width}, now and then ragged (a row cut short or too long). */
    static String nested(SplittableRandom random, List<String> values, int width) {
        List<String> rows = new ArrayList<>();
        int at = 0;
        while (at < values.size()) {
            int take = Math.max(1, random.nextInt(6) == 0 ? width + random.nextInt(-1, 2) : width);
            rows.add(array(values.subList(at, Math.min(values.size(), at + take))));
            at += take;
        }
        return array(rows);
    }

    @Test
    void randomPredictionsListingsAndBatchesNever5xxAndChangeNothing() {
        String named = http.post("/models", "application/json", ApiEndToEndTest.MTCARS)
                .json()
                .get("id")
                .asString();
        String plain = http.post(
                        "/models",
                        "application/json",
                        "{\"features\": [[1, 2], [2, 1], [3, 5], [4, 4],"
                                + " [5, 1], [0, 0]], \"labels\": [0, 1, 0, 1, 1, 0],"
                                + " \"options\": {\"fitIntercept\": false}}")
                .json()
                .get("id")
                .asString();
        long before = storedModels();

        Tries.forAll(
                300,
                random -> "/models/"
                        + (random.nextInt(5) != 0
                                ? oneOf(random, named, named, plain)
                                : oneOf(random, "nope", "..", "%2e%2e", "a%20b", "x".repeat(300), "%C3%A9"))
                        + "/predict?"
                        + predictionQuery(random),
                path -> {
                    HttpTestClient.Response response = http.get(path);
                    JsonNode body = assertSane(response, Set.of(200, 400, 404));
                    if (response.status() == 200) {
                        double probability = body.get("probability").asDouble();
                        assertThat(probability).isBetween(0.0, 1.0);
                        assertThat(body.get("label").asInt()).isIn(0, 1);
                        assertThat(probability)
                                .isCloseTo(
                                        1 / (1 + Math.exp(-body.get("logit").asDouble())),
                                        org.assertj.core.api.Assertions.within(1e-12));
                        if (body.has("interval")) {
                            assertThat(body.get("standardError").asDouble()).isNotNegative();
                            assertThat(body.get("lower").asDouble()).isBetween(0.0, probability);
                            assertThat(body.get("upper").asDouble()).isBetween(probability, 1.0);
                        }
                    }
                });

        Tries.forAll(
                100,
                random -> {
                    List<String> rows = new ArrayList<>();
                    int count = random.nextInt(6);
                    for (int i = 0; i < count; i++) {
                        int width = random.nextInt(8) == 0 ? random.nextInt(4) : 2;
                        List<String> row = new ArrayList<>();
                        for (int j = 0; j < width; j++) {
                            row.add(random.nextInt(15) == 0 ? junk(random) : number(random));
                        }
                        rows.add(array(row));
                    }
                    String body = "{\"features\": " + array(rows)
                            + (random.nextBoolean()
                                    ? ", \"threshold\": " + oneOf(random, "0.3", "2", "-1", "null", "\"x\"")
                                    : "")
                            + (random.nextInt(3) == 0
                                    ? ", \"interval\": " + oneOf(random, "0.95", "0.5", "0", "1", "null", "\"x\"")
                                    : "")
                            + "}";
                    return new Request(
                            "/models/" + oneOf(random, named, named, plain, "nope") + "/predict",
                            random.nextInt(20) == 0 ? "text/plain" : "application/json",
                            random.nextInt(5) == 0 ? corrupt(random, body) : body);
                },
                request -> assertSane(
                        http.post(request.path(), request.contentType(), request.body()), Set.of(200, 400, 404, 415)));

        Tries.forAll(
                100,
                random -> {
                    int rows = random.nextInt(4);
                    int width = random.nextInt(8) == 0 ? random.nextInt(4) : 2;
                    List<String> values = new ArrayList<>();
                    for (int i = 0; i < rows * width + (random.nextInt(8) == 0 ? 1 : 0); i++) {
                        values.add(random.nextInt(15) == 0 ? junk(random) : number(random));
                    }
                    String shape = random.nextInt(8) == 0
                            ? oneOf(
                                    random,
                                    "[2]",
                                    "[-1, 2]",
                                    "[]",
                                    "null",
                                    "[1e20, 2]",
                                    "\"2x2\"",
                                    "[" + rows + ".5, 2]",
                                    "[" + rows + ".0, " + width + "]",
                                    "[" + rows + ", \"" + width + "\"]")
                            : "[" + rows + ", " + width + "]";
                    String data = random.nextInt(4) == 0 ? nested(random, values, width) : array(values);
                    String input = random.nextInt(15) == 0
                            ? "null"
                            : "{\"name\": \"" + (random.nextInt(10) == 0 ? "x" : "features") + "\", \"shape\": "
                                    + shape + ", \"datatype\": \""
                                    + oneOf(random, "FP64", "FP64", "FP32", "INT64", "BYTES", "BOOL", "")
                                    + "\", \"data\": " + data + "}";
                    String body = "{"
                            + (random.nextBoolean() ? "\"id\": " + oneOf(random, "\"r1\"", "7", "null") + ", " : "")
                            + "\"inputs\": [" + input + "]"
                            + (random.nextInt(3) == 0
                                    ? ", \"outputs\": ["
                                            + oneOf(
                                                    random,
                                                    "{\"name\": \"labels\"}",
                                                    "{\"name\": \"logits\"}",
                                                    "{\"name\": \"odds\"}",
                                                    "{\"name\": \"\"}",
                                                    "{}",
                                                    "null",
                                                    "{\"name\": null}")
                                            + "]"
                                    : "")
                            + (random.nextInt(4) == 0
                                    ? ", \"parameters\": {\"threshold\": " + oneOf(random, "0.3", "2", "\"x\"", "null")
                                            + "}"
                                    : "")
                            + "}";
                    return new Request(
                            "/v2/models/" + oneOf(random, named, named, plain, "nope") + "/infer",
                            random.nextInt(20) == 0 ? "text/plain" : "application/json",
                            random.nextInt(5) == 0 ? corrupt(random, body) : body);
                },
                request -> {
                    HttpTestClient.Response response = http.post(request.path(), request.contentType(), request.body());
                    assertThat(response.status()).as(response.body()).isIn(200, 400, 404, 415);
                    assertThat(response.contentType()).startsWith("application/json");
                    JsonNode body = response.json();
                    assertFinite(body, "$");
                    if (response.status() >= 400) {
                        assertThat(body.propertyNames()).containsExactly("error");
                        assertThat(body.get("error").asString()).isNotBlank().doesNotContain("Exception");
                    } else {
                        assertThat(body.get("outputs").size()).isBetween(1, 3);
                    }
                });

        Tries.forAll(
                50,
                random -> "/models?"
                        + query(List.of(
                                new String[] {
                                    "page", oneOf(random, "0", "1", "-1", "x", "", "99999999999", "2147483647")
                                },
                                new String[] {"size", oneOf(random, "1", "20", "1000", "1001", "0", "-5", "1.5", "")})),
                path -> assertSane(http.get(path), Set.of(200, 400)));

        assertThat(storedModels()).isEqualTo(before);
        HttpTestClient.Response still = http.send(HttpRequest.newBuilder(URI.create(http.base() + "/models/" + named))
                .GET());
        assertThat(still.status()).isEqualTo(200);
    }
}
