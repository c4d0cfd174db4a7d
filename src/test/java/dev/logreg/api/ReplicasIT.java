package dev.logreg.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logreg.model.PostgresServer;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Two replicas of the service (packaged jar, real processes) sharing one real PostgreSQL server:
 * a model trained on one is served by the other to the last bit, a delete on one is honoured by
 * the other within a second, concurrent trainings over both are all stored, the database going
 * away and coming back under load costs no cached prediction, and a replica killed with SIGKILL
 * during trainings leaves no partial model behind. The tests share the processes and run in order;
 * the kill comes last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

    private static final String JSON = "application/json";

    private PostgresServer postgres;
    private ServiceProcess a;
    private ServiceProcess b;

    @BeforeAll
    void start(@TempDir Path work) throws Exception {
        postgres = PostgresServer.start(work.resolve("postgres"));
        String[] settings = {
            "--spring.datasource.url=" + postgres.jdbcUrl(),
            "--logreg.store.cache-lifetime=5s",
            "--spring.datasource.hikari.connection-timeout=1000"
        };
        CompletableFuture<ServiceProcess> first =
                CompletableFuture.supplyAsync(() -> ServiceProcess.start(work.resolve("a.log"), settings));
        CompletableFuture<ServiceProcess> second =
                CompletableFuture.supplyAsync(() -> ServiceProcess.start(work.resolve("b.log"), settings));
        a = first.get(120, TimeUnit.SECONDS);
        b = second.get(120, TimeUnit.SECONDS);
    }

    @AfterAll
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {a, b, postgres}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // closing the rest matters more
            }
        }
    }

    private static String train(ServiceProcess replica, int rows, long seed) {
        HttpTestClient.Response created = replica.http().post("/models", JSON, ModelCrashIT.dataset(rows, seed, null));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    @Test
    @Order(1)
    void aModelTrainedOnOneReplicaIsServedByTheOtherToTheLastBit() {
        HttpTestClient.Response created = a.http().post("/models", JSON, ModelCrashIT.dataset(400, 1, null));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asString();

        HttpTestClient.Response read = b.http().get("/models/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(created.body());
        for (String features : List.of("0,0,0,0,0,0", "1.5,-2,0.25,3,-0.125,7", "1e-300,1e300,-1e-5,2,3,4")) {
            String path = "/models/" + id + "/predict?features=" + features;
            HttpTestClient.Response onA = a.http().get(path);
            assertThat(onA.status()).isEqualTo(200);
            assertThat(b.http().get(path).body()).isEqualTo(onA.body());
        }
        String batch = "{\"features\": [[0.1,0.2,0.3,0.4,0.5,0.6], [-3,2,-1,0,1,2]]}";
        assertThat(b.http().post("/models/" + id + "/predict", JSON, batch).body())
                .isEqualTo(
                        a.http().post("/models/" + id + "/predict", JSON, batch).body());
    }

    @Test
    @Order(2)
    void aDeleteOnOneReplicaIsHonouredByTheOtherWithinOneSecond() throws Exception {
        String id = train(a, 200, 2);
        String predict = "/models/" + id + "/predict?features=1,2,3,4,5,6";
        assertThat(a.http().get(predict).status()).isEqualTo(200);
        assertThat(b.http().get(predict).status()).isEqualTo(200);

        assertThat(b.http().delete("/models/" + id).status()).isEqualTo(204);
        long deleted = System.nanoTime();
        int status = a.http().get(predict).status();
        while (status == 200 && System.nanoTime() - deleted < TimeUnit.SECONDS.toNanos(1)) {
            Thread.sleep(10);
            status = a.http().get(predict).status();
        }
        assertThat(status)
                .as("A, %d ms after the delete on B", (System.nanoTime() - deleted) / 1_000_000)
                .isEqualTo(404);
        assertThat(a.http().get("/models/" + id).status()).isEqualTo(404);
        assertThat(a.http().delete("/models/" + id).status()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void eightConcurrentTrainingsSpreadOverBothReplicasAreAllStored() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> trainings = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ServiceProcess replica = i % 2 == 0 ? a : b;
                long seed = 300 + i;
                trainings.add(clients.submit(() -> train(replica, 1000, seed)));
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> training : trainings) {
                ids.add(training.get(120, TimeUnit.SECONDS));
            }
            assertThat(ids).hasSize(8);
            for (ServiceProcess replica : List.of(a, b)) {
                Set<String> listed = listedIds(replica);
                assertThat(listed).containsAll(ids);
                for (String id : ids) {
                    assertThat(replica.http().get("/models/" + id).status()).isEqualTo(200);
                }
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static Set<String> listedIds(ServiceProcess replica) {
        HttpTestClient.Response page = replica.http().get("/models?page=0&size=1000");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        Set<String> ids = new HashSet<>();
        for (JsonNode model : page.json().get("content")) {
            ids.add(model.get("id").asString());
        }
        assertThat((long) ids.size()).isEqualTo(page.json().get("totalElements").asLong());
        return ids;
    }

    /**
     * Predicting clients on both replicas and a training client run while the database stops for
     * a few seconds and starts again: every prediction of the cached model succeeds throughout;
     * while the database is away trainings and listings get 503 with Retry-After and health shows
     * the database down; afterwards both replicas train, list and report healthy again by
     * themselves, and every model acknowledged meanwhile is stored.
     */
    @Test
    @Order(4)
    void theDatabaseStoppedAndRestartedUnderLoad() throws Exception {
        String id = train(b, 300, 4);
        String predict = "/models/" + id + "/predict?features=0.5,0.5,0.5,0.5,0.5,0.5";
        String expected = a.http().get(predict).body();
        assertThat(b.http().get(predict).body()).isEqualTo(expected);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong predictions = new AtomicLong();
        ConcurrentLinkedQueue<String> wrongPredictions = new ConcurrentLinkedQueue<>();
        Map<String, Boolean> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger trainingsRefused = new AtomicInteger();
        ConcurrentLinkedQueue<String> wrongTrainings = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(5);
        List<Future<?>> load = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            ServiceProcess replica = c % 2 == 0 ? a : b;
            load.add(clients.submit(() -> {
                while (!stop.get()) {
                    HttpTestClient.Response response = replica.http().get(predict);
                    if (response.status() != 200 || !response.body().equals(expected)) {
                        wrongPredictions.add(response.status() + " " + response.body());
                    }
                    predictions.incrementAndGet();
                }
            }));
        }
        load.add(clients.submit(() -> {
            for (int request = 0; !stop.get(); request++) {
                ServiceProcess replica = request % 2 == 0 ? a : b;
                HttpTestClient.Response response =
                        replica.http().post("/models", JSON, ModelCrashIT.dataset(200, 4000 + request, null));
                if (response.status() == 201) {
                    acknowledged.put(response.json().get("id").asString(), true);
                } else if (response.status() == 503
                        && response.headers().firstValue("Retry-After").isPresent()) {
                    trainingsRefused.incrementAndGet();
                } else {
                    wrongTrainings.add(response.status() + " " + response.body());
                }
            }
        }));
        try {
            Thread.sleep(500);
            postgres.stop();
            try {
                for (ServiceProcess replica : List.of(a, b)) {
                    HttpTestClient.Response training =
                            replica.http().post("/models", JSON, ModelCrashIT.dataset(100, 9, null));
                    assertThat(training.status()).as(training.body()).isEqualTo(503);
                    assertThat(training.headers().firstValue("Retry-After")).isPresent();
                    assertThat(training.json().get("type").asString())
                            .isEqualTo("urn:logreg:problem:service-unavailable");
                    HttpTestClient.Response listing = replica.http().get("/models");
                    assertThat(listing.status()).isEqualTo(503);
                    assertThat(listing.headers().firstValue("Retry-After")).isPresent();
                    HttpTestClient.Response health = replica.http().get("/actuator/health");
                    assertThat(health.status()).isEqualTo(503);
                    assertThat(health.json()
                                    .get("components")
                                    .get("db")
                                    .get("status")
                                    .asString())
                            .isEqualTo("DOWN");
                    assertThat(replica.http().get("/actuator/health/liveness").status())
                            .isEqualTo(200);
                    assertThat(replica.http().get("/actuator/health/readiness").status())
                            .isEqualTo(200);
                }
                HttpTestClient.Response scrape = a.http().get("/actuator/prometheus");
                assertThat(scrape.status()).isEqualTo(200);
                assertThat(scrape.body()).contains("logreg_models_stored NaN");
                long predictionsSoFar = predictions.get();
                Thread.sleep(1000);
                assertThat(predictions.get())
                        .as("predictions while the database is down")
                        .isGreaterThan(predictionsSoFar);
            } finally {
                postgres.restart();
            }
            long restarted = System.nanoTime();
            for (ServiceProcess replica : List.of(a, b)) {
                awaitStatus(replica, "/actuator/health", 200, restarted);
                assertThat(replica.http().get("/models?size=1").status()).isEqualTo(200);
                train(replica, 100, 10);
            }
            Thread.sleep(500);
        } finally {
            stop.set(true);
            for (Future<?> client : load) {
                client.get(60, TimeUnit.SECONDS);
            }
            clients.shutdown();
        }

        assertThat(wrongPredictions).as("predictions that failed or differed").isEmpty();
        assertThat(wrongTrainings)
                .as("trainings answered other than 201 or 503 with Retry-After")
                .isEmpty();
        assertThat(trainingsRefused.get())
                .as("trainings refused while the database was down")
                .isPositive();
        Set<String> listed = listedIds(a);
        assertThat(listed).containsAll(acknowledged.keySet());
    }

    private static void awaitStatus(ServiceProcess replica, String path, int status, long since)
            throws InterruptedException {
        long deadline = since + TimeUnit.SECONDS.toNanos(30);
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = replica.http().get(path).status();
            if (last == status) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(last).as(path + " 30 s after the database came back").isEqualTo(status);
    }

    /**
     * Clients train on A (and one on B) until A is killed with SIGKILL: B then serves every model
     * either acknowledged, byte for byte as acknowledged, and the database holds no other model
     * but, at most, the ones whose trainings the kill cut off (committed, but never answered).
     */
    @Test
    @Order(5)
    void aReplicaKilledDuringTrainingsLeavesNoPartialModelAndTheOtherServesEveryAcknowledgedOne() throws Exception {
        Set<String> before = listedIds(b);
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger cutOff = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            ServiceProcess replica = c == 3 ? b : a;
            int client = c;
            running.add(clients.submit(() -> {
                for (int request = 0; !killed.get(); request++) {
                    String body =
                            ModelCrashIT.dataset(500 + 500 * (request % 3), 50_000L * (client + 1) + request, null);
                    try {
                        HttpTestClient.Response response = replica.http().post("/models", JSON, body);
                        if (response.status() == 201) {
                            acknowledged.put(response.json().get("id").asString(), response.body());
                        } else {
                            assertThat(response.status()).as(response.body()).isEqualTo(503);
                        }
                    } catch (UncheckedIOException cutOffByTheKill) {
                        cutOff.incrementAndGet();
                        return;
                    }
                }
            }));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (acknowledged.size() < 20 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        a.kill();
        killed.set(true);
        for (Future<?> client : running) {
            client.get(60, TimeUnit.SECONDS);
        }
        clients.shutdown();
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(20);
        assertThat(cutOff.get()).as("trainings cut off by the kill").isPositive();

        for (Map.Entry<String, String> model : acknowledged.entrySet()) {
            HttpTestClient.Response stored = b.http().get("/models/" + model.getKey());
            assertThat(stored.status()).as(model.getKey()).isEqualTo(200);
            assertThat(stored.body()).isEqualTo(model.getValue());
        }
        Set<String> unacknowledged = listedIds(b);
        unacknowledged.removeAll(before);
        unacknowledged.removeAll(acknowledged.keySet());
        List<String> names = new ArrayList<>();
        for (String id : unacknowledged) {
            names.add(b.http().get("/models/" + id).json().get("name").asString());
        }
        assertThat(unacknowledged.size())
                .as("models stored but never acknowledged: %s (acknowledged %s)", names, acknowledged.size())
                .isLessThanOrEqualTo(cutOff.get());
        for (String id : unacknowledged) {
            assertThat(b.http().get("/models/" + id).status()).isEqualTo(200);
        }
        assertThat(b.logTail()).doesNotContain("ERROR");
    }
}
