package dev.logreg.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The configurable body limit: 413 before reading a declared length, and mid-stream for chunked bodies. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "logreg.max-request-size=2KB")
class RequestSizeLimitTest {

    @LocalServerPort
    int port;

    private String largeBody() {
        StringBuilder body = new StringBuilder("{\"features\": [");
        for (int i = 0; i < 400; i++) {
            body.append(i == 0 ? "" : ",").append("[").append(i).append("]");
        }
        body.append("], \"labels\": [");
        for (int i = 0; i < 400; i++) {
            body.append(i == 0 ? "" : ",").append(i % 2);
        }
        return body.append("]}").toString();
    }

    @Test
    void aDeclaredLengthAboveTheLimitIs413() {
        HttpTestClient http = new HttpTestClient(port);
        long before = http.get("/models").json().get("totalElements").asLong();
        HttpTestClient.Response response = http.post("/models", "application/json", largeBody());
        ApiEndToEndTest.assertProblem(response, 413, "urn:logreg:problem:payload-too-large");
        assertThat(http.get("/models").json().get("totalElements").asLong()).isEqualTo(before);
    }

    @Test
    void aChunkedBodyIsCutOffAtTheLimit() {
        HttpTestClient http = new HttpTestClient(port);
        long before = http.get("/models").json().get("totalElements").asLong();
        byte[] bytes = largeBody().getBytes(StandardCharsets.UTF_8);
        HttpTestClient.Response response = http.send(HttpRequest.newBuilder(URI.create(http.base() + "/models"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
        ApiEndToEndTest.assertProblem(response, 413, "urn:logreg:problem:payload-too-large");
        assertThat(http.get("/models").json().get("totalElements").asLong()).isEqualTo(before);
    }

    @Test
    void aSmallBodyIsAccepted() {
        HttpTestClient http = new HttpTestClient(port);
        HttpTestClient.Response response = http.post(
                "/models", "application/json", "{\"features\": [[1], [2], [3], [4]], \"labels\": [0, 1, 0, 1]}");
        assertThat(response.status()).isEqualTo(201);
    }
}
