package dev.logreg.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The dataset limits (400 naming the limit, found while the body streams in), the training gate
 * (503 with Retry-After) and the training time limit (NOT_CONVERGED, or 503 on request). The time
 * limit is 1 ns here, so every solver stops at its first check and every model is unconverged.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "logreg.max-rows=50", "logreg.max-features=3", "logreg.max-cells=100",
            "logreg.training.max-concurrent=1", "logreg.training.queue-length=0", "logreg.training.time-limit=1ns",
            "logreg.max-batch-request-size=1KB", "logreg.names.max-length=12", "logreg.names.max-total-size=20B"
        })
class LimitsEndToEndTest {

    static final String SERVICE_UNAVAILABLE = "urn:logreg:problem:service-unavailable";
    static final String INVALID = "urn:logreg:problem:invalid-request";

    @LocalServerPort
    int port;

    HttpTestClient http;

    @BeforeEach
    void connect() {
        http = new HttpTestClient(port);
    }

    long storedModels() {
        return http.get("/models?size=1").json().get("totalElements").asLong();
    }

    static String rows(int count, int features) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "[" : ",[");
            for (int j = 0; j < features; j++) {
                json.append(j == 0 ? "" : ",").append((i * 7 + j * 3) % 11);
            }
            json.append(']');
        }
        return json.append(']').toString();
    }

    static String labels(int count) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append(i % 3 == 0 ? 1 : 0);
        }
        return json.append(']').toString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            51 rows                | 51 | 1 | 51 | features     | logreg.max-rows = 50
            51 labels              | 2  | 1 | 51 | labels       | logreg.max-rows = 50
            4 features             | 4  | 4 | 4  | features     | logreg.max-features = 3
            34 rows x 3 = 102 cells| 34 | 3 | 34 | features     | logreg.max-cells = 100
            """)
    void aDatasetPastALimitIs400NamingItAndStoresNothing(
            String name, int rows, int features, int labels, String field, String limit) {
        long before = storedModels();
        JsonNode problem = ApiEndToEndTest.assertProblem(
                http.post(
                        "/models",
                        "application/json",
                        "{\"features\": " + rows(rows, features) + ", \"labels\": " + labels(labels) + "}"),
                400,
                INVALID);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
        assertThat(problem.get("errors").get(0).get("message").asString()).contains(limit);
        assertThat(problem.get("detail").asString()).contains(limit);
        assertThat(storedModels()).isEqualTo(before);
    }

    @Test
    void featureNamesWeightsCsvAndTheObjectiveAreLimitedToo() {
        JsonNode names = ApiEndToEndTest.assertProblem(
                http.post(
                        "/models",
                        "application/json",
                        "{\"featureNames\": [\"a\", \"b\", \"c\", \"d\"],"
                                + " \"features\": [[1], [2]], \"labels\": [0, 1]}"),
                400,
                INVALID);
        assertThat(names.get("errors").get(0).get("field").asString()).isEqualTo("featureNames");
        assertThat(names.get("detail").asString()).contains("logreg.max-features = 3");

        JsonNode weights = ApiEndToEndTest.assertProblem(
                http.post(
                        "/models",
                        "application/json",
                        "{\"features\": [[1], [2]], \"labels\": [0, 1], \"weights\": " + labels(51) + "}"),
                400,
                INVALID);
        assertThat(weights.get("errors").get(0).get("field").asString()).isEqualTo("weights");

        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 51; i++) {
            csv.append(i).append(',').append(i % 2).append('\n');
        }
        JsonNode csvRows =
                ApiEndToEndTest.assertProblem(http.post("/models?label=y", "text/csv", csv.toString()), 400, INVALID);
        assertThat(csvRows.get("errors").get(0).get("field").asString()).isEqualTo("body");
        assertThat(csvRows.get("detail").asString()).contains("logreg.max-rows = 50");
        JsonNode csvColumns = ApiEndToEndTest.assertProblem(
                http.post("/models?label=y", "text/csv", "a,b,c,d,y\n1,2,3,4,0\n"), 400, INVALID);
        assertThat(csvColumns.get("detail").asString()).contains("logreg.max-features = 3");
        // A line is read whole: one far longer than 3 values need is refused as it streams in.
        JsonNode longLine = ApiEndToEndTest.assertProblem(
                http.post("/models?label=y", "text/csv", "x,y\n1" + " ".repeat(6000) + ",0\n2,1\n"), 400, INVALID);
        assertThat(longLine.get("detail").asString())
                .contains("line longer than")
                .contains("logreg.max-features = 3");
        assertThat(http.post("/models?label=y", "text/csv", "x,y\n1" + " ".repeat(4000) + ",0\n2,1\n")
                        .status())
                .isEqualTo(201);

        JsonNode objective = ApiEndToEndTest.assertProblem(
                http.post(
                        "/objective",
                        "application/json",
                        "{\"features\": " + rows(51, 1) + ", \"labels\": " + labels(51)
                                + ", \"coefficients\": [0, 0]}"),
                400,
                INVALID);
        assertThat(objective.get("detail").asString()).contains("logreg.max-rows = 50");
        JsonNode coefficients = ApiEndToEndTest.assertProblem(
                http.post(
                        "/objective",
                        "application/json",
                        "{\"features\": [[1], [2]], \"labels\": [0, 1], \"coefficients\": [0, 0, 0, 0, 0]}"),
                400,
                INVALID);
        assertThat(coefficients.get("errors").get(0).get("field").asString()).isEqualTo("coefficients");
    }

    /**
     * A model's name and each feature name are bounded in characters, the feature names together in
     * UTF-8 bytes (issue 22 item 6): 400 naming the field, nothing stored; names at the bounds train.
     */
    @Test
    void namesPastTheirBoundsAre400NamingTheFieldAndStoreNothing() {
        long before = storedModels();
        String rows = "\"features\": [[1, 2, 3], [2, 1, 1], [3, 3, 2], [1, 1, 1]], \"labels\": [0, 1, 0, 1]";
        String longName = "x".repeat(13);
        assertNameProblem(
                http.post(
                        "/models",
                        "application/json",
                        "{\"featureNames\": [\"a\", \"" + longName + "\", \"c\"], " + rows + "}"),
                "featureNames[1]",
                "must be at most 12 characters (logreg.names.max-length), got 13");
        assertNameProblem(
                http.post("/models", "application/json", "{\"name\": \"" + longName + "\", " + rows + "}"),
                "name",
                "logreg.names.max-length");
        assertNameProblem(
                http.post("/models?label=y&name=" + longName, "text/csv", "a,b,y\n1,2,0\n2,1,1\n"),
                "name",
                "logreg.names.max-length");
        assertNameProblem(
                http.post("/models?label=y", "text/csv", "a," + longName + ",y\n1,2,0\n2,1,1\n"),
                "featureNames[1]",
                "logreg.names.max-length");
        // Each name short enough, together too many bytes: 8 + 8 + 8, and 'é' is two bytes in UTF-8.
        assertNameProblem(
                http.post(
                        "/models",
                        "application/json",
                        "{\"featureNames\": [\"aaaaaaaa\", \"bbbbbbbb\", \"cccccccc\"], " + rows + "}"),
                "featureNames",
                "take 24 bytes together (UTF-8): the limit is logreg.names.max-total-size = 20 bytes");
        assertNameProblem(
                http.post(
                        "/models?label=y",
                        "text/csv",
                        "\u00e9\u00e9\u00e9\u00e9\u00e9,\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9,y\n1,2,0\n2,1,1\n"),
                "featureNames",
                "take 22 bytes");
        assertThat(storedModels()).isEqualTo(before);

        HttpTestClient.Response atTheBounds = http.post(
                "/models",
                "application/json",
                "{\"name\": \"twelve-chars\", \"featureNames\": [\"abcdefghijkl\", \"b\", \"\u00e9\u00e9\u00e9\"], "
                        + rows + "}");
        assertThat(atTheBounds.status()).as(atTheBounds.body()).isEqualTo(201);
        assertThat(storedModels()).isEqualTo(before + 1);
    }

    private static void assertNameProblem(HttpTestClient.Response response, String field, String message) {
        JsonNode problem = ApiEndToEndTest.assertProblem(response, 400, INVALID);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
        assertThat(problem.get("errors").get(0).get("message").asString()).contains(message);
        assertThat(problem.toString()).doesNotContain("x".repeat(13));
    }

    @Test
    void aBatchPredictionPastItsOwnLimitIs413WhileATrainingOfTheSameSizeIsNot() {
        String training = ApiEndToEndTest.MTCARS.replace("{", "{" + " ".repeat(1024));
        HttpTestClient.Response created = http.post("/models", "application/json", training);
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asString();
        StringBuilder rows = new StringBuilder("{\"features\": [[110, 2.62]");
        while (rows.length() <= 1024) {
            rows.append(", [110, 2.62]");
        }
        String batch = rows.append("]}").toString();
        ApiEndToEndTest.assertProblem(
                http.post("/models/" + id + "/predict", "application/json", batch),
                413,
                "urn:logreg:problem:payload-too-large");
        assertThat(http.post("/models/" + id + "/predict", "application/json", "{\"features\": [[110, 2.62]]}")
                        .status())
                .isEqualTo(200);
    }

    /**
     * A body that never ends is answered 400 as soon as it passes the row limit: the service does
     * not read it to the end (it could not). Raw HTTP/1.1 with chunked encoding, so the client
     * keeps sending while it reads the answer.
     */
    @Test
    void anEndlessBodyIsRefusedOnceItPassesTheLimit() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /models HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            AtomicLong sent = new AtomicLong();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                byte[] row = chunk("[1],");
                try {
                    out.write(chunk("{\"features\": ["));
                    // At most 64 MiB: far past the limit, and a bound should the service read on.
                    while (sent.addAndGet(row.length) < 64L << 20) {
                        out.write(row);
                    }
                } catch (IOException closedByTheService) {
                    // expected: the service answered and closed the connection
                }
            });
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String statusLine = in.readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 400");
            StringBuilder response = new StringBuilder();
            for (String line = in.readLine(); line != null && !line.contains("max-rows"); line = in.readLine()) {
                response.append(line).append('\n');
            }
            assertThat(response.toString()).containsIgnoringCase("content-type: application/problem+json");
            socket.close();
            writer.get(30, TimeUnit.SECONDS);
            assertThat(sent.get()).isLessThan(64L << 20);
        }
    }

    private static byte[] chunk(String text) {
        byte[] data = text.getBytes(StandardCharsets.US_ASCII);
        byte[] head = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] chunk = new byte[head.length + data.length + 2];
        System.arraycopy(head, 0, chunk, 0, head.length);
        System.arraycopy(data, 0, chunk, head.length, data.length);
        chunk[chunk.length - 2] = '\r';
        chunk[chunk.length - 1] = '\n';
        return chunk;
    }

    /**
     * One training holds the only turn (its body is held half-sent over a raw socket, and the turn
     * is taken before the body is read); meanwhile another training, and an objective evaluation,
     * get 503 with Retry-After. Once the rest of the body is sent the first one is stored.
     */
    @Test
    void whileTheOnlyTurnIsTakenTrainingsGet503WithRetryAfter() throws Exception {
        byte[] body = ApiEndToEndTest.MTCARS.getBytes(StandardCharsets.UTF_8);
        try (Socket held = new Socket("127.0.0.1", port)) {
            held.setSoTimeout(60_000);
            OutputStream out = held.getOutputStream();
            out.write(("POST /models HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(chunk(new String(body, 0, 20, StandardCharsets.UTF_8)));
            out.flush();

            long before = storedModels();
            HttpTestClient.Response refused = null;
            // The held request takes its turn shortly; until then another may still get through.
            for (int attempt = 0; attempt < 200 && refused == null; attempt++) {
                HttpTestClient.Response response = http.post("/models", "application/json", ApiEndToEndTest.MTCARS);
                if (response.status() == 503) {
                    refused = response;
                } else {
                    assertThat(response.status()).isEqualTo(201);
                    Thread.sleep(50);
                    before = storedModels();
                }
            }
            assertThat(refused).as("a 503 while the only turn is taken").isNotNull();
            JsonNode problem = ApiEndToEndTest.assertProblem(refused, 503, SERVICE_UNAVAILABLE);
            assertThat(problem.get("detail").asString()).contains("logreg.training.max-concurrent");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(Long.parseLong(
                            refused.headers().firstValue("Retry-After").orElseThrow()))
                    .isPositive();
            ApiEndToEndTest.assertProblem(
                    http.post("/models?label=am", "text/csv", "hp,am\n1,0\n2,1\n"), 503, SERVICE_UNAVAILABLE);
            ApiEndToEndTest.assertProblem(
                    http.post(
                            "/objective",
                            "application/json",
                            "{\"features\": [[1], [2]], \"labels\": [0, 1], \"coefficients\": [0, 0]}"),
                    503,
                    SERVICE_UNAVAILABLE);
            assertThat(storedModels()).isEqualTo(before);
            assertThat(http.get("/actuator/health").status()).isEqualTo(200);

            out.write(chunk(new String(body, 20, body.length - 20, StandardCharsets.UTF_8)));
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine =
                    new BufferedReader(new InputStreamReader(held.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 201");
            assertThat(storedModels()).isEqualTo(before + 1);
        }
    }

    @Test
    void aFitThatReachesTheTimeLimitIsStoredNotConverged() {
        HttpTestClient.Response response = http.post("/models", "application/json", ApiEndToEndTest.MTCARS);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode training = response.json().get("training");
        assertThat(training.get("converged").asBoolean()).isFalse();
        assertThat(training.get("stopReason").asString()).isEqualTo("TIME_LIMIT");
        assertThat(training.get("warnings").findValuesAsString("code")).contains("NOT_CONVERGED");
        assertThat(response.json().get("options").get("failOnTimeout").asBoolean())
                .isFalse();
        assertThat(response.body()).doesNotContain("NaN").doesNotContain("Infinity");
    }

    @Test
    void anElasticNetPathThatReachesTheTimeLimitEndsAtItsFirstLambdaOr503() {
        String lasso = "\"options\": {\"elasticNet\": {\"alpha\": 1}%s}, \"labels\"";
        HttpTestClient.Response response = http.post(
                "/models", "application/json", ApiEndToEndTest.MTCARS.replace("\"labels\"", lasso.formatted("")));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode training = response.json().get("training");
        assertThat(training.get("converged").asBoolean()).isFalse();
        assertThat(training.get("stopReason").asString()).isEqualTo("TIME_LIMIT");
        assertThat(training.get("warnings").findValuesAsString("message"))
                .anyMatch(message -> message.contains("time limit"));
        assertThat(response.json().get("elasticNet").get("path").get("lambda").size())
                .isEqualTo(1);

        long before = storedModels();
        String failing = lasso.formatted(", \"failOnTimeout\": true");
        JsonNode problem = ApiEndToEndTest.assertProblem(
                http.post("/models", "application/json", ApiEndToEndTest.MTCARS.replace("\"labels\"", failing)),
                503,
                SERVICE_UNAVAILABLE);
        assertThat(problem.get("detail").asString()).contains("elastic-net path", "logreg.training.time-limit");
        assertThat(storedModels()).isEqualTo(before);
    }

    @Test
    void aFitThatReachesTheTimeLimitIs503WhenTheRequestAsksToFail() {
        long before = storedModels();
        String body =
                ApiEndToEndTest.MTCARS.replace("\"labels\"", "\"options\": {\"failOnTimeout\": true}, \"labels\"");
        HttpTestClient.Response response = http.post("/models", "application/json", body);
        JsonNode problem = ApiEndToEndTest.assertProblem(response, 503, SERVICE_UNAVAILABLE);
        assertThat(problem.get("detail").asString()).contains("logreg.training.time-limit");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        ApiEndToEndTest.assertProblem(
                http.post("/models?label=am&failOnTimeout=true", "text/csv", "hp,am\n1,0\n2,1\n3,0\n4,1\n"),
                503,
                SERVICE_UNAVAILABLE);
        ApiEndToEndTest.assertProblem(
                http.post("/models?label=am&failOnTimeout=maybe", "text/csv", "hp,am\n1,0\n2,1\n"), 400, INVALID);
        assertThat(storedModels()).isEqualTo(before);
    }
}
