package dev.logreg.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Prediction intervals over real HTTP against R's {@code predict.glm(type = "link", se.fit = TRUE)}
 * and the inverse link, on the cases {@code scripts/reference/make-prediction-reference.R} wrote
 * (aliased columns, a model without intercept, sandwich covariances and Firth's fit among them: the
 * interval follows the covariance the model was fitted with). They agree to about 1e-10.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PredictionIntervalEndToEndTest {

    static final Path CASES = Path.of("src/test/resources/prediction-reference");

    @LocalServerPort
    int port;

    HttpTestClient http;

    @BeforeEach
    void connect() {
        http = new HttpTestClient(port);
    }

    static List<Path> cases() throws IOException {
        try (Stream<Path> files = Files.list(CASES)) {
            return files.filter(file -> file.toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void intervalsMatchR(Path file) throws IOException {
        JsonNode reference = HttpTestClient.JSON.readTree(file.toFile());
        ObjectNode request = (ObjectNode) reference.get("request");
        ((ObjectNode) request.get("options")).put("tolerance", 1e-10);
        HttpTestClient.Response created = http.post("/models", "application/json", request.toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();
        JsonNode expected = reference.get("expected");
        assertThat(created.json().get("statistics").get("rank").asInt())
                .isEqualTo(expected.get("rank").asInt());
        JsonNode points = reference.get("points");
        for (JsonNode interval : expected.get("intervals")) {
            double level = interval.get("level").asDouble();
            HttpTestClient.Response answer = http.post(
                    "/models/" + id + "/predict",
                    "application/json",
                    "{\"features\": " + points + ", \"interval\": " + level + "}");
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            JsonNode batch = answer.json();
            assertThat(batch.get("interval").asDouble()).isEqualTo(level);
            for (int i = 0; i < points.size(); i++) {
                String row = file.getFileName() + " row " + i + " at " + level;
                assertRelative(
                        batch.get("logits").get(i).asDouble(),
                        expected.get("logit").get(i).asDouble(),
                        row);
                assertRelative(
                        batch.get("standardErrors").get(i).asDouble(),
                        expected.get("standardError").get(i).asDouble(),
                        row);
                assertRelative(
                        batch.get("lower").get(i).asDouble(),
                        interval.get("lower").get(i).asDouble(),
                        row);
                assertRelative(
                        batch.get("upper").get(i).asDouble(),
                        interval.get("upper").get(i).asDouble(),
                        row);
            }
        }
        JsonNode first = points.get(0);
        StringBuilder query = new StringBuilder("/models/" + id + "/predict?interval=0.95&features=");
        for (int j = 0; j < first.size(); j++) {
            query.append(j == 0 ? "" : ",").append(first.get(j).asDouble());
        }
        HttpTestClient.Response one = http.get(query.toString());
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertRelative(
                one.json().get("standardError").asDouble(),
                expected.get("standardError").get(0).asDouble(),
                "GET");
        assertRelative(
                one.json().get("lower").asDouble(),
                expected.get("intervals").get(0).get("lower").get(0).asDouble(),
                "GET");
        assertRelative(
                one.json().get("upper").asDouble(),
                expected.get("intervals").get(0).get("upper").get(0).asDouble(),
                "GET");
        http.delete("/models/" + id);
    }

    private static void assertRelative(double actual, double expected, String what) {
        assertThat(Math.abs(actual - expected))
                .as(what + ": " + actual + " vs R " + expected)
                .isLessThanOrEqualTo(1e-6 * Math.abs(expected));
    }
}
