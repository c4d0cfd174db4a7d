package dev.logreg.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A "Spark Connect server" that accepts connections and never answers (a hung server, or one
 * stopped with SIGSTOP, looks the same to the client): a source training ends FAILED once
 * logreg.spark.time-limit and logreg.spark.grace-period have passed, stores nothing, and frees its
 * slot, so the job queued behind it (max-concurrent-jobs 1) runs and ends the same way. Without
 * call deadlines both would stay RUNNING and QUEUED for good. Needs no Spark.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "logreg.spark.time-limit=1s",
            "logreg.spark.grace-period=2s",
            "logreg.spark.max-concurrent-jobs=1",
            "logreg.spark.allowed-sources=file:///tmp/"
        })
class SparkHangingEndToEndTest {

    /** Accepts every connection, reads nothing, writes nothing. */
    static ServerSocket silent;

    static final List<Socket> accepted = new CopyOnWriteArrayList<>();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void spark(DynamicPropertyRegistry registry) {
        try {
            silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        Thread acceptor = new Thread(
                () -> {
                    while (!silent.isClosed()) {
                        try {
                            accepted.add(silent.accept());
                        } catch (IOException closed) {
                            return;
                        }
                    }
                },
                "silent-spark-server");
        acceptor.setDaemon(true);
        acceptor.start();
        registry.add("logreg.spark.remote", () -> "sc://127.0.0.1:" + silent.getLocalPort());
    }

    @AfterAll
    static void close() throws IOException {
        silent.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }

    @Test
    void aServerThatNeverAnswersFailsTheJobAfterTheGracePeriodAndFreesItsSlot() throws InterruptedException {
        HttpTestClient http = new HttpTestClient(port);
        long models = http.get("/models?size=1").json().path("totalElements").asLong();
        String body = "{\"source\":{\"uri\":\"file:///tmp/clicks.parquet\",\"format\":\"parquet\",\"label\":\"y\"}}";
        long start = System.nanoTime();
        String first = submit(http, body);
        String second = submit(http, body);
        assertThat(http.get(second).json().path("state").asString()).isEqualTo("QUEUED");

        JsonNode job = finish(http, first);
        double firstSeconds = (System.nanoTime() - start) / 1e9;
        assertThat(accepted).isNotEmpty();
        assertThat(job.path("state").asString()).isEqualTo("FAILED");
        JsonNode error = job.path("error");
        assertThat(error.path("type").asString()).isEqualTo("urn:logreg:problem:spark-failure");
        assertThat(error.path("title").asString()).isEqualTo("Spark job timed out");
        assertThat(error.path("detail").asString())
                .contains("logreg.spark.time-limit (PT1S)")
                .contains("logreg.spark.grace-period (PT2S)")
                .contains("127.0.0.1:" + silent.getLocalPort())
                .contains("no model was stored");
        // 3 s of deadline, then at most 10 s to release the session.
        assertThat(firstSeconds).isBetween(3.0, 20.0);

        JsonNode next = finish(http, second);
        assertThat(next.path("state").asString()).isEqualTo("FAILED");
        assertThat(next.path("error").path("title").asString()).isEqualTo("Spark job timed out");
        assertThat(http.get("/models?size=1").json().path("totalElements").asLong())
                .isEqualTo(models);
    }

    private static String submit(HttpTestClient http, String body) {
        HttpTestClient.Response accepted = http.post("/models", "application/json", body);
        assertThat(accepted.status()).isEqualTo(202);
        return accepted.headers().firstValue("Location").orElseThrow();
    }

    private static JsonNode finish(HttpTestClient http, String location) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode job = http.get(location).json();
        while (job.path("state").asString().matches("QUEUED|RUNNING")) {
            assertThat(System.nanoTime())
                    .as(
                            "job still %s (%s)",
                            job.path("state").asString(), job.path("phase").asString())
                    .isLessThan(deadline);
            Thread.sleep(100);
            job = http.get(location).json();
        }
        return job;
    }
}
