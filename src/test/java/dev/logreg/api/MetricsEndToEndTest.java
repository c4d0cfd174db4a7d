package dev.logreg.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The service's meters at {@code /actuator/prometheus}. The context is shared with other test
 * classes, so every check is on the change across the requests sent here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MetricsEndToEndTest {

    static final String CONVERGED = "logreg_trainings_total{outcome=\"converged\",solver=\"newton\"}";
    static final String CONVERGED_LBFGS = "logreg_trainings_total{outcome=\"converged\",solver=\"lbfgs\"}";
    static final String SEPARATION = "logreg_trainings_total{outcome=\"separation\",solver=\"newton\"}";
    static final String REJECTED_UNREAD = "logreg_trainings_total{outcome=\"rejected\",solver=\"unknown\"}";
    static final String REJECTED_UNFITTABLE = "logreg_trainings_total{outcome=\"rejected\",solver=\"newton\"}";
    static final String FIT_TIMES = "logreg_training_duration_seconds_count{solver=\"newton\"}";
    static final String SINGLE = "logreg_predictions_total{endpoint=\"single\"}";
    static final String BATCH = "logreg_predictions_total{endpoint=\"batch\"}";
    static final String BATCH_ROWS = "logreg_predicted_rows_total{endpoint=\"batch\"}";
    static final String INVALID = "logreg_requests_rejected_total{reason=\"invalid-request\"}";
    static final String NOT_FOUND = "logreg_requests_rejected_total{reason=\"model-not-found\"}";
    static final String UNFITTABLE = "logreg_requests_rejected_total{reason=\"unfittable-data\"}";
    static final String TOO_LARGE = "logreg_requests_rejected_total{reason=\"payload-too-large\"}";
    static final String STORED = "logreg_models_stored";

    @LocalServerPort
    int port;

    HttpTestClient http;

    @BeforeEach
    void connect() {
        http = new HttpTestClient(port);
    }

    @Test
    void trainingsPredictionsRejectionsAndStoredModelsAreCounted() {
        Map<String, Double> before = scrape();

        String id = http.post("/models", "application/json", ApiEndToEndTest.MTCARS)
                .json()
                .get("id")
                .asString();
        http.post(
                "/models",
                "application/json",
                ApiEndToEndTest.MTCARS.replace("\"labels\"", "\"options\": {\"solver\": \"lbfgs\"}, \"labels\""));
        http.post("/models", "application/json", "{\"features\": [[-2], [-1], [1], [2]], \"labels\": [0, 0, 1, 1]}");
        http.post("/models", "application/json", "{\"features\": [[1], [2]], \"labels\": [0, 7]}");
        http.post(
                "/models",
                "application/json",
                "{\"features\": [[0], [0]], \"labels\": [0, 1], \"options\": {\"fitIntercept\": false}}");
        http.get("/models/" + id + "/predict?features=110,2.62");
        http.post(
                "/models/" + id + "/predict",
                "application/json",
                "{\"features\": [[110, 2.62], [335, 3.57], [52, 1.6]]}");
        http.get("/models/no-such-model");
        http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.base() + "/models"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[300 << 20])));

        Map<String, Double> after = scrape();
        assertThat(after.get(STORED))
                .isEqualTo(
                        http.get("/models?size=1").json().get("totalElements").asDouble());
        assertThat(increase(before, after, CONVERGED)).isEqualTo(1);
        assertThat(increase(before, after, CONVERGED_LBFGS)).isEqualTo(1);
        assertThat(increase(before, after, SEPARATION)).isEqualTo(1);
        assertThat(increase(before, after, REJECTED_UNREAD)).isEqualTo(1);
        assertThat(increase(before, after, REJECTED_UNFITTABLE)).isEqualTo(1);
        assertThat(increase(before, after, FIT_TIMES)).isEqualTo(2);
        assertThat(increase(before, after, SINGLE)).isEqualTo(1);
        assertThat(increase(before, after, BATCH)).isEqualTo(1);
        assertThat(increase(before, after, BATCH_ROWS)).isEqualTo(3);
        assertThat(increase(before, after, INVALID)).isEqualTo(1);
        assertThat(increase(before, after, NOT_FOUND)).isEqualTo(1);
        assertThat(increase(before, after, UNFITTABLE)).isEqualTo(1);
        assertThat(increase(before, after, TOO_LARGE)).isEqualTo(1);
    }

    @Test
    void theScrapeIsPrometheusText() {
        HttpTestClient.Response response = http.get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/plain");
        assertThat(response.body()).contains("# TYPE logreg_models_stored gauge");
    }

    private Map<String, Double> scrape() {
        HttpTestClient.Response response = http.get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        return response.body()
                .lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .collect(Collectors.toMap(
                        line -> line.substring(0, line.lastIndexOf(' ')),
                        line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)),
                        (first, second) -> second));
    }

    private static double increase(Map<String, Double> before, Map<String, Double> after, String series) {
        Function<Map<String, Double>, Double> value = scrape -> scrape.getOrDefault(series, 0.0);
        return value.apply(after) - value.apply(before);
    }
}
