package dev.logreg.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A Spark Connect server that does not answer ends a source training FAILED within seconds, naming
 * the address, and stores nothing: the Connect client alone would keep the job "connecting" for
 * minutes. Needs no Spark: nothing listens on the configured port.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logreg.spark.allowed-sources=file:///tmp/")
class SparkUnreachableEndToEndTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void spark(DynamicPropertyRegistry registry) {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        registry.add("logreg.spark.remote", () -> "sc://127.0.0.1:" + closedPort);
    }

    @Test
    void anUnreachableServerFailsTheJobNamingItAndStoresNothing() throws InterruptedException {
        HttpTestClient http = new HttpTestClient(port);
        long models = http.get("/models?size=1").json().path("totalElements").asLong();
        HttpTestClient.Response accepted = http.post(
                "/models",
                "application/json",
                "{\"source\":{\"uri\":\"file:///tmp/clicks.parquet\",\"format\":\"parquet\",\"label\":\"y\"}}");
        assertThat(accepted.status()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode job = http.get(location).json();
        while (job.path("state").asString().matches("QUEUED|RUNNING")) {
            assertThat(System.nanoTime())
                    .as("job still %s", job.path("state").asString())
                    .isLessThan(deadline);
            Thread.sleep(100);
            job = http.get(location).json();
        }
        assertThat(job.path("state").asString()).isEqualTo("FAILED");
        assertThat(job.path("error").path("type").asString()).isEqualTo("urn:logreg:problem:spark-failure");
        assertThat(job.path("error").path("detail").asString())
                .contains("cannot be reached")
                .contains("127.0.0.1:");
        assertThat(job.path("modelId").isNull()).isTrue();
        assertThat(http.get("/models?size=1").json().path("totalElements").asLong())
                .isEqualTo(models);
    }
}
