package dev.logreg.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The store's capacity: by count (refused before the training runs) and by estimated bytes
 * (refused when the trained model would not fit); both 503 with Retry-After, nothing stored.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logreg.store.max-models=3", "logreg.store.max-bytes=60KB"})
class StoreCapacityEndToEndTest {

    @LocalServerPort
    int port;

    /** 300 rows of 100 standard normal features: its model's covariance alone takes 101 x 101 doubles. */
    static String wideDataset() {
        SplittableRandom random = new SplittableRandom(7);
        StringBuilder features = new StringBuilder("[");
        StringBuilder labels = new StringBuilder("[");
        for (int i = 0; i < 300; i++) {
            features.append(i == 0 ? "[" : ",[");
            double u = 0;
            for (int j = 0; j < 100; j++) {
                double x = random.nextGaussian();
                u += x * (j % 3 - 1) * 0.3;
                features.append(j == 0 ? "" : ",").append(x);
            }
            features.append(']');
            labels.append(i == 0 ? "" : ",").append(random.nextDouble() < 1 / (1 + Math.exp(-u)) ? 1 : 0);
        }
        return "{\"features\": " + features + "], \"labels\": " + labels + "], \"options\": {\"l2\": 0.1}}";
    }

    @Test
    void aFullStoreAnswers503WithRetryAfterAndKeepsWhatItHas() {
        HttpTestClient http = new HttpTestClient(port);
        String[] ids = new String[3];
        for (int i = 0; i < 3; i++) {
            HttpTestClient.Response created = http.post("/models", "application/json", ApiEndToEndTest.MTCARS);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            ids[i] = created.json().get("id").asString();
        }

        HttpTestClient.Response byCount = http.post("/models", "application/json", ApiEndToEndTest.MTCARS);
        JsonNode countProblem = ApiEndToEndTest.assertProblem(byCount, 503, LimitsEndToEndTest.SERVICE_UNAVAILABLE);
        assertThat(countProblem.get("detail").asString()).contains("logreg.store.max-models");
        assertThat(byCount.headers().firstValue("Retry-After")).isPresent();
        assertThat(http.get("/models").json().get("totalElements").asLong()).isEqualTo(3);

        assertThat(http.delete("/models/" + ids[0]).status()).isEqualTo(204);
        HttpTestClient.Response byBytes = http.post("/models", "application/json", wideDataset());
        JsonNode bytesProblem = ApiEndToEndTest.assertProblem(byBytes, 503, LimitsEndToEndTest.SERVICE_UNAVAILABLE);
        assertThat(bytesProblem.get("detail").asString()).contains("logreg.store.max-bytes");
        assertThat(byBytes.headers().firstValue("Retry-After")).isPresent();
        assertThat(http.get("/models").json().get("totalElements").asLong()).isEqualTo(2);
        assertThat(http.get("/models/" + ids[1]).status()).isEqualTo(200);

        assertThat(http.post("/models", "application/json", ApiEndToEndTest.MTCARS)
                        .status())
                .isEqualTo(201);
    }
}
