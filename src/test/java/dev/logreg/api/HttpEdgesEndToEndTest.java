package dev.logreg.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Requests that fail in the HTTP layer, sent byte by byte on a socket (issue 22 items 5 and 10).
 * Errors Tomcat raises before any filter (a bad percent escape in the path, {@code Content-Length:
 * -1}), at the error dispatch ({@code TRACE}) or while Spring binds a body (a chunked body past the
 * batch limit) are problem documents, or the protocol's {@code {"error"}} on {@code /v2}: never
 * Tomcat's HTML page nor Spring Boot's default JSON. A client that aborts its upload or sends a
 * malformed chunk is the client's fault: a 400 when an answer can still be read, counted as
 * {@code malformed-body}, and no ERROR in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logreg.max-batch-request-size=1KB")
class HttpEdgesEndToEndTest {

    static final String PROBLEM = "urn:logreg:problem:";

    @LocalServerPort
    int port;

    HttpTestClient http;

    @BeforeEach
    void connect() {
        http = new HttpTestClient(port);
    }

    String model() {
        return http.post("/models?label=y", "text/csv", StrictParsingEndToEndTest.CSV)
                .json()
                .get("id")
                .asString();
    }

    /** A problem document of {@code status} and {@code type}, or on /v2 the protocol's error. */
    static JsonNode assertShaped(RawHttp.Response response, int status, String type, boolean protocol) {
        assertThat(response.status())
                .as(response.head() + "\n\n" + response.body())
                .isEqualTo(status);
        assertThat(response.body()).doesNotContain("<html").doesNotContain("timestamp");
        JsonNode body = HttpTestClient.JSON.readTree(response.body());
        if (protocol) {
            assertThat(response.header("Content-Type")).startsWith("application/json");
            assertThat(body.propertyNames()).containsExactly("error");
            assertThat(body.get("error").asString()).isNotBlank();
        } else {
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(body.get("type").asString()).isEqualTo(PROBLEM + type);
            assertThat(body.get("status").asInt()).isEqualTo(status);
            assertThat(body.get("title").asString()).isNotBlank();
            assertThat(body.get("detail").asString()).isNotBlank();
        }
        return body;
    }

    static String request(String method, String target, String headers) {
        return method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + headers + "\r\n";
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            GET   | /models/%zz               | 400 | malformed-body     | false
            GET   | /v2/models/%zz            | 400 | malformed-body     | true
            GET   | /models/%C0%AE%C0%AE/x%   | 400 | malformed-body     | false
            TRACE | /models                   | 405 | method-not-allowed | false
            TRACE | /v2                       | 405 | method-not-allowed | true
            TRACE | /v2/models/x/infer        | 405 | method-not-allowed | true
            GET   | /models?label=%zz         | 400 | invalid-request    | false
            GET   | /nowhere                  | 404 | not-found          | false
            """)
    void errorsBeforeTheHandlersAreShaped(String method, String target, int status, String type, boolean protocol) {
        assertShaped(RawHttp.exchange(port, request(method, target, "")), status, type, protocol);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/models", "/v2/models/x/infer", "/objective"})
    void aNegativeContentLengthIsShaped(String path) {
        RawHttp.Response response = RawHttp.exchange(
                port, request("POST", path, "Content-Type: application/json\r\nContent-Length: -1\r\n"));
        assertShaped(response, 400, "malformed-body", path.startsWith("/v2"));
    }

    @Test
    void moreThanAThousandParametersIsAProblemNamingTheLimit() {
        String query = IntStream.range(0, 1001).mapToObj(i -> "p" + i + "=1").collect(Collectors.joining("&"));
        for (String path : new String[] {"/models?", "/models/" + model() + "/predict?"}) {
            JsonNode body = assertShaped(
                    RawHttp.exchange(port, request("GET", path + query, "")), 400, "invalid-request", false);
            assertThat(body.get("detail").asString()).contains("server.tomcat.max-parameter-count");
        }
    }

    @Test
    void aFormBodyIsNeverParsed() {
        String form = "a=%zz&b=%";
        RawHttp.Response response = RawHttp.exchange(
                port,
                request(
                                "PUT",
                                "/models",
                                "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length()
                                        + "\r\n")
                        + form);
        assertShaped(response, 405, "method-not-allowed", false);
    }

    /** 1100 bytes of a batch, in chunks of 100: past the 1 KB limit only as it streams in. */
    static String chunkedBatch() {
        StringBuilder json = new StringBuilder("{\"features\": [[1, 2]");
        while (json.length() < 1100) {
            json.append(", [1, 2]");
        }
        json.append("]}");
        StringBuilder chunks = new StringBuilder();
        for (int at = 0; at < json.length(); at += 100) {
            String chunk = json.substring(at, Math.min(json.length(), at + 100));
            chunks.append(Integer.toHexString(chunk.length()))
                    .append("\r\n")
                    .append(chunk)
                    .append("\r\n");
        }
        return chunks.append("0\r\n\r\n").toString();
    }

    @Test
    void aChunkedBodyPastTheBatchLimitIs413() {
        String id = model();
        String headers = "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n";
        JsonNode body = assertShaped(
                RawHttp.exchange(port, request("POST", "/models/" + id + "/predict", headers) + chunkedBatch()),
                413,
                "payload-too-large",
                false);
        assertThat(body.get("detail").asString()).contains("1024 bytes");
        assertShaped(
                RawHttp.exchange(port, request("POST", "/v2/models/" + id + "/infer", headers) + chunkedBatch()),
                413,
                "payload-too-large",
                true);
    }

    double rejected(String reason) {
        Matcher count = Pattern.compile("logreg_requests_rejected_total\\{reason=\"" + reason + "\"} (\\S+)")
                .matcher(http.get("/actuator/prometheus").body());
        return count.find() ? Double.parseDouble(count.group(1)) : 0;
    }

    @Test
    void anAbortedUploadOrAMalformedChunkIsTheClientsFaultInOneQuietLine(CapturedOutput output) {
        String id = model();
        double internalBefore = rejected("internal-error");
        double malformedBefore = rejected("malformed-body");
        String[][] targets = {
            {"/models", "application/json"},
            {"/models?label=y", "text/csv"},
            {"/models/" + id + "/predict", "application/json"},
            {"/v2/models/" + id + "/infer", "application/json"},
            {"/objective", "application/json"}
        };
        for (String[] target : targets) {
            String headers = "Content-Type: " + target[1] + "\r\nTransfer-Encoding: chunked\r\n";
            RawHttp.Response answer =
                    RawHttp.exchange(port, request("POST", target[0], headers) + "5\r\n{\"fea\r\nzz\r\nxx\r\n");
            assertShaped(answer, 400, "malformed-body", target[0].startsWith("/v2"));
            assertThat(HttpTestClient.JSON.readTree(answer.body()).toString()).contains("chunked encoding");
            for (String framing : new String[] {"Content-Length: 1000\r\n", "Transfer-Encoding: chunked\r\n"}) {
                try (RawHttp aborted = new RawHttp(port)) {
                    aborted.send(request("POST", target[0], "Content-Type: " + target[1] + "\r\n" + framing)
                            + (framing.startsWith("Transfer") ? "10\r\n" : "") + "{\"features\": [[1");
                }
            }
        }
        // The aborted ones are answered (to no one) when the server sees the connection close.
        double expected = malformedBefore + 3 * targets.length;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (rejected("malformed-body") < expected && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(rejected("malformed-body")).isEqualTo(expected);
        assertThat(rejected("internal-error")).isEqualTo(internalBefore);
        assertThat(output.getAll()).doesNotContain(" ERROR ").doesNotContain("Unexpected failure");
    }
}
