package dev.logreg.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logreg.spark.OwnSparkServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Source trainings while a Spark cluster fails under them, for real: a Spark Connect server of this
 * test's own (local-cluster, two executor JVMs), whose executor processes and then the server
 * itself get SIGKILL while a training's pass runs. One lost executor is Spark's to recover (it runs
 * the lost tasks again) and the model is the one a training without the loss stores; executors that
 * keep dying make Spark give up, and a server that dies leaves nothing to retry: both jobs FAIL
 * with a message of one line, store nothing, and free the slot. In this order, since the last
 * test kills the server.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // Fitted on the cluster, where the executors are killed, not pulled into the service.
        properties = {"logreg.spark.retry-time=3s", "logreg.spark.local-fit-max-bytes=0"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkFailuresIT {

    /** Enough rows that a task runs long enough (a few 100 ms) to be killed while it runs. */
    private static final long ROWS = 1_000_000;
    /** The server's log line for a task sent to an executor:
     * "Starting task 0.0 in stage 3.0 (TID 9) (127.0.0.1,executor 1, ...". */
    private static final Pattern TASK_STARTED =
            Pattern.compile("Starting task \\S+ in stage \\S+ \\(TID \\d+\\) \\([^,]+,\\s*executor (\\S+),");
    /** A task's second or later attempt. */
    private static final Pattern TASK_RERUN = Pattern.compile("Starting task \\d+\\.[1-9]\\d* in stage");
    /** A job that reads a shuffle: in a training only the ROC's, which checkpoints the ranked rows. */
    private static final Pattern CHECKPOINT_JOB_STARTED =
            Pattern.compile("Parents of final stage: List\\(ShuffleMapStage");

    private static final Pattern JOB_FINISHED = Pattern.compile("Job \\d+ finished");

    @TempDir
    static Path directory;

    static OwnSparkServer server;
    static String request;

    @LocalServerPort
    int port;

    HttpTestClient http;

    @DynamicPropertySource
    static void spark(DynamicPropertyRegistry registry) {
        registry.add("logreg.spark.remote", () -> server.remote());
        registry.add("logreg.spark.allowed-sources", () -> directory.toUri().toString());
    }

    @BeforeAll
    static void startServerAndWriteSource() throws IOException {
        server = OwnSparkServer.start(directory.resolve("spark"));
        String parquet = directory.resolve("rows.parquet").toUri().toString();
        try (SparkSession spark = org.apache.spark.sql.connect.SparkSession.builder()
                .remote(server.remote())
                .create()) {
            Column score = functions.lit(-0.3);
            Column[] features = new Column[5];
            for (int k = 0; k < features.length; k++) {
                features[k] = functions.randn(k + 1).as("x" + k);
                score = score.plus(functions.col("x" + k).multiply((k - 2) * 0.5));
            }
            Column label = functions
                    .when(
                            functions
                                    .rand(99)
                                    .lt(functions
                                            .lit(1)
                                            .divide(functions
                                                    .exp(score.multiply(-1))
                                                    .plus(1))),
                            1.0)
                    .otherwise(0.0);
            spark.range(0, ROWS, 1, 8)
                    .select(features)
                    .withColumn("y", label)
                    .write()
                    .parquet(parquet);
        }
        request = """
                {"source":{"uri":"%s","format":"parquet","label":"y"}}""".formatted(parquet);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void client() {
        http = new HttpTestClient(port);
    }

    @Test
    @Order(1)
    void aLostExecutorIsRecoveredBySparkAndTheModelIsTheOneWithoutTheLoss() throws InterruptedException {
        JsonNode undisturbed = finish(submit(request));
        assertThat(undisturbed.path("state").asString())
                .as(undisturbed.toString())
                .isEqualTo("SUCCEEDED");

        String id = submit(request);
        awaitFitting(id);
        int logOffset = server.logText().length();
        String victim = awaitTaskOnAnyExecutor(logOffset);
        ProcessHandle executor = server.executors().stream()
                .filter(process -> OwnSparkServer.executorId(process).orElse("").equals(victim))
                .findFirst()
                .orElseThrow();
        OwnSparkServer.kill(executor);
        // Spark ran a task again (attempt 1 or later): the one lost with the executor.
        int rerun = awaitLog(logOffset, TASK_RERUN);
        // Another loss once the ROC's ranked rows are checkpointed on the executors: blocks go with it.
        int checkpointed = awaitLog(awaitLog(rerun, CHECKPOINT_JOB_STARTED), JOB_FINISHED);
        ProcessHandle oldest = server.executors().stream()
                .min(Comparator.comparing(
                        process -> process.info().startInstant().orElse(Instant.MAX)))
                .orElseThrow();
        OwnSparkServer.kill(oldest);
        JsonNode job = finish(id);

        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        String afterCheckpoint = server.logText().substring(checkpointed);
        assertThat(afterCheckpoint)
                .as("a pass over the ROC's checkpoint lost blocks")
                .contains("CHECKPOINT_RDD_BLOCK_ID_NOT_FOUND");
        assertThat(CHECKPOINT_JOB_STARTED.matcher(afterCheckpoint).find())
                .as("the rows were ranked again")
                .isTrue();
        JsonNode expected =
                http.get(undisturbed.path("links").path("model").asString()).json();
        JsonNode actual = http.get(job.path("links").path("model").asString()).json();
        assertThat(actual.path("provenance").path("numSamples").asLong()).isEqualTo(ROWS);
        assertThat(actual.path("training").path("iterations"))
                .isEqualTo(expected.path("training").path("iterations"));
        // Every partition summed once, in the same order: the same numbers to the last bits.
        for (String field : List.of("intercept", "coefficients", "statistics", "metrics", "diagnostics")) {
            assertThat(actual.path(field)).as(field).isEqualTo(expected.path(field));
        }
        assertThat(actual.path("training").path("loss"))
                .isEqualTo(expected.path("training").path("loss"));
    }

    @Test
    @Order(2)
    void executorsThatKeepDyingMakeSparkGiveUpAndTheJobFailsStoringNothing() throws InterruptedException {
        long models = modelCount();
        String id = submit(request);
        awaitFitting(id);
        int logOffset = server.logText().length();
        Set<String> killed = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        JsonNode job = http.get("/jobs/" + id).json();
        while (job.path("state").asString().equals("RUNNING")) {
            assertThat(System.nanoTime())
                    .as("job still running after %s executors were killed", killed.size())
                    .isLessThan(deadline);
            // Each executor dies as soon as it has a task: the task fails again and again.
            Matcher started = TASK_STARTED.matcher(server.logText().substring(logOffset));
            Set<String> busy = new HashSet<>();
            while (started.find()) {
                busy.add(started.group(1));
            }
            busy.removeAll(killed);
            for (ProcessHandle executor : server.executors()) {
                String executorId = OwnSparkServer.executorId(executor).orElse("");
                if (busy.contains(executorId)) {
                    OwnSparkServer.kill(executor);
                    killed.add(executorId);
                }
            }
            Thread.sleep(100);
            job = http.get("/jobs/" + id).json();
        }
        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("FAILED");
        JsonNode error = job.path("error");
        assertThat(error.path("type").asString()).isEqualTo("urn:logreg:problem:spark-failure");
        assertOneLineWithoutStackTrace(error.path("detail").asString());
        assertThat(error.path("detail").asString()).contains("failed " + OwnSparkServer.MAX_TASK_FAILURES + " times");
        assertThat(job.path("modelId").isNull()).isTrue();
        assertThat(modelCount()).isEqualTo(models);
    }

    @Test
    @Order(3)
    void aServerThatDiesFailsTheJobWithinTheRetryTimeAndTheNextJobRuns() throws InterruptedException {
        long models = modelCount();
        String id = submit(request);
        awaitFitting(id);
        long killedAt = System.nanoTime();
        server.killServer();
        JsonNode job = finish(id);
        double seconds = (System.nanoTime() - killedAt) / 1e9;

        assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("FAILED");
        JsonNode error = job.path("error");
        assertThat(error.path("type").asString()).isEqualTo("urn:logreg:problem:spark-failure");
        assertOneLineWithoutStackTrace(error.path("detail").asString());
        assertThat(error.path("detail").asString()).contains(server.remote().substring("sc://".length()));
        // logreg.spark.retry-time of 3 s, then at most 10 s to give up releasing the session.
        assertThat(seconds).as(error.path("detail").asString()).isLessThan(30);
        assertThat(modelCount()).isEqualTo(models);

        JsonNode next = finish(submit(request));
        assertThat(next.path("state").asString()).isEqualTo("FAILED");
        assertThat(next.path("error").path("detail").asString()).contains("cannot be reached");
    }

    private static void assertOneLineWithoutStackTrace(String detail) {
        assertThat(detail)
                .doesNotContain("\n")
                .doesNotContain("\tat ")
                .doesNotContain("stacktrace")
                .doesNotContain("Exception:")
                .hasSizeLessThan(1000);
    }

    private long modelCount() {
        return http.get("/models?size=1").json().path("totalElements").asLong();
    }

    private String submit(String body) {
        HttpTestClient.Response response = http.post("/models", "application/json", body);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response.headers().firstValue("Location").orElseThrow().substring("/jobs/".length());
    }

    /** Waits until the job has done a Newton iteration: it is then in the passes of the fit. */
    private void awaitFitting(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode job = http.get("/jobs/" + id).json();
        while (!(job.path("phase").asString().equals("fitting")
                && job.path("iteration").asInt() >= 1)) {
            assertThat(job.path("state").asString()).as(job.toString()).isIn("QUEUED", "RUNNING");
            assertThat(System.nanoTime()).as("job not fitting: %s", job).isLessThan(deadline);
            Thread.sleep(20);
            job = http.get("/jobs/" + id).json();
        }
    }

    /** Waits for {@code pattern} in the server's log after {@code logOffset}; the offset where the match ends. */
    private static int awaitLog(int logOffset, Pattern pattern) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            String log = server.logText();
            Matcher found = pattern.matcher(log).region(logOffset, log.length());
            if (found.find()) {
                return found.end();
            }
            assertThat(System.nanoTime())
                    .as("no '%s' in the server's log", pattern)
                    .isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** Waits for a task to start on an executor after {@code logOffset} of the server's log; its executor id. */
    private static String awaitTaskOnAnyExecutor(int logOffset) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Matcher started = TASK_STARTED.matcher(server.logText().substring(logOffset));
            if (started.find()) {
                return started.group(1);
            }
            assertThat(System.nanoTime()).as("no task started").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private JsonNode finish(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        JsonNode job = http.get("/jobs/" + id).json();
        while (job.path("state").asString().matches("QUEUED|RUNNING")) {
            assertThat(System.nanoTime())
                    .as("job %s still %s", id, job.path("state").asString())
                    .isLessThan(deadline);
            Thread.sleep(100);
            job = http.get("/jobs/" + id).json();
        }
        return job;
    }
}
