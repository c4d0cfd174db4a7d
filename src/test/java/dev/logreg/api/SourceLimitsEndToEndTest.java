package dev.logreg.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
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
 * Sources outside logreg.spark.allowed-sources get 403 naming the setting, a source request past
 * logreg.spark.max-request-size gets 413, and past logreg.spark.max-queued-jobs waiting jobs a
 * submission gets 503 with Retry-After: all before Spark is reached. The "Spark server" accepts
 * connections and never answers, so the one running job holds the only slot and the rest wait.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "logreg.spark.allowed-sources=file:///data/,file:///srv/shared/x.csv",
            "logreg.spark.max-concurrent-jobs=1",
            "logreg.spark.max-queued-jobs=2",
            "logreg.spark.max-request-size=2KB",
            "logreg.spark.time-limit=1m"
        })
class SourceLimitsEndToEndTest {

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

    private static String source(String uri) {
        return "{\"source\":{\"uri\":\"" + uri + "\",\"format\":\"csv\",\"label\":\"x\"}}";
    }

    @Test
    void aSourceOutsideTheAllowedPrefixesIsRefusedAtOnceNamingTheSetting() {
        HttpTestClient http = new HttpTestClient(port);
        int connections = accepted.size();
        for (String uri : List.of(
                "file:///etc/passwd",
                "file:///data/../etc/passwd",
                "file:///data/x?/../../etc/passwd",
                "file:///data/%2e%2e/etc/passwd",
                "file:///srv/shared/x.csv.bak",
                "/data/x.csv")) {
            HttpTestClient.Response response = http.post("/models", "application/json", source(uri));
            assertThat(response.status()).as(uri).isEqualTo(403);
            assertThat(response.contentType()).startsWith("application/problem+json");
            JsonNode problem = response.json();
            assertThat(problem.path("type").asString()).isEqualTo("urn:logreg:problem:source-not-allowed");
            assertThat(problem.path("detail").asString()).contains("logreg.spark.allowed-sources");
        }
        assertThat(accepted).as("no connection to Spark").hasSize(connections);
    }

    @Test
    void aSourceRequestPastTheSizeLimitIs413() {
        HttpTestClient http = new HttpTestClient(port);
        String body = "{\"source\":{\"uri\":\"file:///data/x.csv\",\"format\":\"csv\",\"label\":\"x\"},\"name\":\""
                + "n".repeat(3000) + "\"}";
        HttpTestClient.Response response = http.post("/models", "application/json", body);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().path("detail").asString()).contains("logreg.spark.max-request-size");
    }

    @Test
    void pastTheQueuedJobsASubmissionGets503WithRetryAfterAndCancellingMakesRoom() throws InterruptedException {
        HttpTestClient http = new HttpTestClient(port);
        List<String> jobs = new ArrayList<>();
        try {
            for (int k = 0; k < 3; k++) {
                HttpTestClient.Response accepted =
                        http.post("/models", "application/json", source("file:///data/x.csv"));
                assertThat(accepted.status()).as("job %d", k).isEqualTo(202);
                jobs.add(accepted.json().path("id").asString());
            }
            HttpTestClient.Response refused = http.post("/models", "application/json", source("file:///data/x.csv"));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
            assertThat(refused.json().path("detail").asString()).contains("logreg.spark.max-queued-jobs");

            assertThat(http.delete("/jobs/" + jobs.get(2)).status()).isEqualTo(202);
            HttpTestClient.Response again = http.post("/models", "application/json", source("file:///data/x.csv"));
            assertThat(again.status()).isEqualTo(202);
            jobs.add(again.json().path("id").asString());
        } finally {
            for (String id : jobs) {
                http.delete("/jobs/" + id);
            }
        }
    }
}
