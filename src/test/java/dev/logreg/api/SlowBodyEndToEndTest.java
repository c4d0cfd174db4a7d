package dev.logreg.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 22 item 1 on raw sockets: clients that take both training slots and then stall, or trickle
 * their body a byte at a time, give their slots back when their body misses its deadline
 * ({@code body-timeout} 1 s here, then 1 KB/s), so a training that sends normally, queued behind
 * them, is served instead of getting 503 when its 5 s wait runs out. The slow ones get 408 or a
 * closed connection, and nothing of theirs is stored.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "logreg.training.max-concurrent=2",
            "logreg.training.queue-length=4",
            "logreg.training.queue-wait=5s",
            "logreg.training.body-timeout=1s",
            "logreg.training.body-min-rate=1KB",
            "server.tomcat.connection-timeout=10s"
        })
class SlowBodyEndToEndTest {

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

    /** Opens a chunked training upload and sends one byte of JSON whitespace every {@code gapMillis}. */
    CompletableFuture<RawHttp.Response> trickle(String path, String contentType, long gapMillis, long forMillis) {
        RawHttp connection = new RawHttp(port);
        connection.send("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                + "\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{\r\n");
        return CompletableFuture.supplyAsync(() -> {
            try (connection) {
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(forMillis);
                while (System.nanoTime() < end && connection.send("1\r\n \r\n")) {
                    TimeUnit.MILLISECONDS.sleep(gapMillis);
                }
                return connection.response();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        });
    }

    /** Opens an upload that declares a body and sends none of it. */
    CompletableFuture<RawHttp.Response> stall(String path) {
        RawHttp connection = new RawHttp(port);
        connection.send("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json"
                + "\r\nContent-Length: 1000\r\n\r\n{\"features\": ");
        return CompletableFuture.supplyAsync(() -> {
            try (connection) {
                return connection.response();
            }
        });
    }

    static void assertTimedOut(RawHttp.Response response) {
        if (response.status() != -1) {
            assertThat(response.status())
                    .as(response.head() + "\n" + response.body())
                    .isEqualTo(408);
            assertThat(response.body()).contains("urn:logreg:problem:request-timeout");
        }
    }

    @Test
    void tricklingClientsGiveTheirSlotsBackAndANormalTrainingIsServed() throws Exception {
        long before = storedModels();
        List<CompletableFuture<RawHttp.Response>> slow = new ArrayList<>();
        slow.add(trickle("/models", "application/json", 300, 10_000));
        slow.add(trickle("/models?label=y", "text/csv", 300, 10_000));
        Thread.sleep(300);

        long start = System.nanoTime();
        HttpTestClient.Response normal = http.post("/models", "application/json", ApiEndToEndTest.MTCARS);
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(normal.status()).as(normal.body()).isEqualTo(201);
        assertThat(waitedMillis).isLessThan(4000);

        for (CompletableFuture<RawHttp.Response> response : slow) {
            assertTimedOut(response.get(30, TimeUnit.SECONDS));
        }
        assertThat(storedModels()).isEqualTo(before + 1);
    }

    @Test
    void stalledClientsGiveTheirSlotsBackAndANormalTrainingIsServed() throws Exception {
        long before = storedModels();
        List<CompletableFuture<RawHttp.Response>> slow = List.of(stall("/models"), stall("/objective"));
        Thread.sleep(300);

        HttpTestClient.Response normal = http.post("/models", "application/json", ApiEndToEndTest.MTCARS);
        assertThat(normal.status()).as(normal.body()).isEqualTo(201);
        for (CompletableFuture<RawHttp.Response> response : slow) {
            assertTimedOut(response.get(30, TimeUnit.SECONDS));
        }
        assertThat(storedModels()).isEqualTo(before + 1);
    }

    @Test
    void aBodyThatKeepsTheMinimumRateIsRead() throws Exception {
        // 1.6 s in all, past the 1 s timeout but above 1 KB/s on average once past it: 201.
        StringBuilder body = new StringBuilder(ApiEndToEndTest.MTCARS);
        body.insert(1, " ".repeat(1500));
        String text = body.toString();
        try (RawHttp connection = new RawHttp(port)) {
            connection.send("POST /models HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json"
                    + "\r\nConnection: close\r\nContent-Length: " + text.length() + "\r\n\r\n");
            int step = text.length() / 8 + 1;
            for (int at = 0; at < text.length(); at += step) {
                connection.send(text.substring(at, Math.min(text.length(), at + step)));
                Thread.sleep(200);
            }
            RawHttp.Response response = connection.response();
            assertThat(response.status()).as(response.body()).isEqualTo(201);
        }
    }
}
