package dev.logreg.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * 8 trainings and 50 predicting clients at once over real HTTP, with the default limits (as many
 * trainings at once as cores, a queue of 4): every prediction is right, every training that is
 * accepted gives the model a lone training gives, and the only errors are 503 with Retry-After
 * for trainings beyond the queue.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConcurrencyEndToEndTest {

    private static final int TRAININGS = 8;
    private static final int PREDICTORS = 50;
    private static final int PREDICTIONS_EACH = 40;

    @LocalServerPort
    int port;

    /** 4000 rows of 8 features drawn from a logistic model: a fit of some tens of milliseconds. */
    static String dataset() {
        SplittableRandom random = new SplittableRandom(11);
        StringBuilder features = new StringBuilder("[");
        StringBuilder labels = new StringBuilder("[");
        for (int i = 0; i < 4000; i++) {
            features.append(i == 0 ? "[" : ",[");
            double u = -0.2;
            for (int j = 0; j < 8; j++) {
                double x = random.nextGaussian();
                u += (j % 4 - 1.5) * 0.5 * x;
                features.append(j == 0 ? "" : ",").append(x);
            }
            features.append(']');
            labels.append(i == 0 ? "" : ",").append(random.nextDouble() < 1 / (1 + Math.exp(-u)) ? 1 : 0);
        }
        return "{\"features\": " + features + "], \"labels\": " + labels + "]}";
    }

    record Outcome(int created, int refused) {}

    @Test
    void trainingsAndPredictionsAtOnceAreAllRight() throws Exception {
        HttpTestClient http = new HttpTestClient(port);
        JsonNode mtcars =
                http.post("/models", "application/json", ApiEndToEndTest.MTCARS).json();
        String modelId = mtcars.get("id").asString();
        double intercept = mtcars.get("intercept").asDouble();
        double[] b = {
            mtcars.get("coefficients").get(0).asDouble(),
            mtcars.get("coefficients").get(1).asDouble()
        };
        String dataset = dataset();
        JsonNode alone = http.post("/models", "application/json", dataset).json();
        long before = http.get("/models?size=1").json().get("totalElements").asLong();

        ExecutorService clients = Executors.newFixedThreadPool(TRAININGS + PREDICTORS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Outcome>> trainings = new ArrayList<>();
        for (int t = 0; t < TRAININGS; t++) {
            trainings.add(clients.submit(() -> {
                start.await();
                HttpTestClient.Response response = http.post("/models", "application/json", dataset);
                if (response.status() == 503) {
                    ApiEndToEndTest.assertProblem(response, 503, LimitsEndToEndTest.SERVICE_UNAVAILABLE);
                    assertThat(response.headers().firstValue("Retry-After")).isPresent();
                    return new Outcome(0, 1);
                }
                assertThat(response.status()).as(response.body()).isEqualTo(201);
                JsonNode model = response.json();
                assertThat(model.get("intercept").asDouble())
                        .isCloseTo(alone.get("intercept").asDouble(), within(1e-9));
                for (int j = 0; j < 8; j++) {
                    assertThat(model.get("coefficients").get(j).asDouble())
                            .isCloseTo(alone.get("coefficients").get(j).asDouble(), within(1e-9));
                }
                assertThat(http.get("/models/" + model.get("id").asString()).status())
                        .isEqualTo(200);
                return new Outcome(1, 0);
            }));
        }
        List<Future<Integer>> predictors = new ArrayList<>();
        for (int p = 0; p < PREDICTORS; p++) {
            long seed = p;
            predictors.add(clients.submit(() -> {
                start.await();
                SplittableRandom random = new SplittableRandom(seed);
                for (int k = 0; k < PREDICTIONS_EACH; k++) {
                    double hp = 50 + random.nextInt(300);
                    double wt = 1.5 + random.nextInt(400) / 100.0;
                    double logit = intercept + b[0] * hp + b[1] * wt;
                    HttpTestClient.Response response = k % 5 == 4
                            ? http.post(
                                    "/models/" + modelId + "/predict",
                                    "application/json",
                                    "{\"features\": [[" + hp + ", " + wt + "]]}")
                            : http.get("/models/" + modelId + "/predict?hp=" + hp + "&wt=" + wt);
                    assertThat(response.status()).as(response.body()).isEqualTo(200);
                    JsonNode prediction = response.json();
                    double answered = k % 5 == 4
                            ? prediction.get("logits").get(0).asDouble()
                            : prediction.get("logit").asDouble();
                    double probability = k % 5 == 4
                            ? prediction.get("probabilities").get(0).asDouble()
                            : prediction.get("probability").asDouble();
                    assertThat(answered).isCloseTo(logit, within(1e-9 * Math.max(1, Math.abs(logit))));
                    assertThat(probability).isCloseTo(1 / (1 + Math.exp(-logit)), within(1e-12));
                }
                return PREDICTIONS_EACH;
            }));
        }
        start.countDown();
        int created = 0;
        int refused = 0;
        for (Future<Outcome> training : trainings) {
            Outcome outcome = training.get(120, TimeUnit.SECONDS);
            created += outcome.created();
            refused += outcome.refused();
        }
        int predicted = 0;
        for (Future<Integer> predictor : predictors) {
            predicted += predictor.get(120, TimeUnit.SECONDS);
        }
        clients.shutdown();

        assertThat(created + refused).isEqualTo(TRAININGS);
        assertThat(created).as("trainings accepted").isGreaterThanOrEqualTo(1);
        assertThat(predicted).isEqualTo(PREDICTORS * PREDICTIONS_EACH);
        assertThat(http.get("/models?size=1").json().get("totalElements").asLong())
                .isEqualTo(before + created);
    }
}
