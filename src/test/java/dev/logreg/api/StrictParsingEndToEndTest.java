package dev.logreg.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Issue 22 item 11 over real HTTP: numbers in query parameters and CSV cells are decimal as JSON
 * writes them (no {@code 0x1p3}, {@code 1d}, {@code 2f}); a CSV's declared charset must be UTF-8 or
 * US-ASCII (415 otherwise) and invalid UTF-8 in it is a 400 as in JSON; weights too small to compute
 * with are named as such. Every refusal stores nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StrictParsingEndToEndTest {

    static final String CSV = "a,b,y\n1,2,0\n2,1,1\n3,5,0\n4,4,1\n5,1,1\n0,0,0\n";

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

    String model() {
        return http.post("/models?label=y", "text/csv", CSV).json().get("id").asString();
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static JsonNode assertProblem(HttpTestClient.Response response, int status, String mentions) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode body = response.json();
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("detail").asString()).contains(mentions);
        return body;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            features=0x1p3,1           | features[0]
            features=1d,2f             | features[0]
            features=1,2F              | features[1]
            a=0x10&b=1                 | a
            a=1&b=Infinity             | b
            features=1,2&threshold=0.5f | threshold
            features=1,2&interval=0.95d | interval
            """)
    void aQueryNumberIsDecimal(String query, String field) {
        String id = model();
        HttpTestClient.Response response = http.get("/models/" + id + "/predict?" + query.replace(",", "%2C"));
        JsonNode body = assertProblem(response, 400, field);
        assertThat(body.get("type").asString()).isEqualTo("urn:logreg:problem:invalid-request");
        assertThat(http.get("/models/" + id + "/predict?features=1e0,+2.0").status())
                .isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            1d         | line 2, column 'a'
            0x1p3      | line 2, column 'a'
            2f         | line 2, column 'a'
            """)
    void aCsvCellIsDecimal(String cell, String field) {
        long before = storedModels();
        HttpTestClient.Response response =
                http.post("/models?label=y", "text/csv", CSV.replace("\n1,2,0\n", "\n" + cell + ",2,0\n"));
        assertProblem(response, 400, field);
        assertThat(response.body()).contains("not a number: '" + cell + "'");
        assertThat(storedModels()).isEqualTo(before);
    }

    @Test
    void aCsvOptionIsDecimal() {
        assertProblem(http.post("/models?label=y&l2=0x1p1", "text/csv", CSV), 400, "l2");
        assertProblem(http.post("/models?label=y&tolerance=1e-8d", "text/csv", CSV), 400, "tolerance");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            text/csv; charset=ISO-8859-1    | charset=ISO-8859-1
            text/csv; charset=windows-1252  | charset=windows-1252
            text/csv; charset=UTF-16        | charset=UTF-16
            text/csv; charset=no-such-thing | Content-Type
            """)
    void aCsvInAnotherCharsetIs415(String contentType, String mentions) {
        long before = storedModels();
        JsonNode body = assertProblem(http.post("/models?label=y", contentType, CSV), 415, mentions);
        assertThat(body.get("type").asString()).isEqualTo("urn:logreg:problem:unsupported-media-type");
        assertThat(storedModels()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            text/csv; charset=UTF-8
            text/csv; charset="utf-8"
            text/csv;charset=utf8
            text/csv; charset=US-ASCII
            """)
    void aCsvInUtf8OrAsciiIsRead(String contentType) {
        HttpTestClient.Response response = http.post("/models?label=y", contentType, CSV);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        http.delete("/models/" + response.json().get("id").asString());
    }

    HttpTestClient.Response postBytes(String path, String contentType, byte[] body) {
        return http.send(HttpRequest.newBuilder(URI.create(http.base() + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            in the header | a\\xff,b,y\\n1,2,0\\n2,1,1\\n3,5,0\\n4,4,1\\n         | line 1 has the byte 0xFF, which
            in a cell     | a,b,y\\n1,2,0\\n2,1\\xe9,1\\n3,5,0\\n4,4,1\\n         | line 3 has a character broken off
            a surrogate   | a,b,y\\n1,2,0\\n2,1,1\\n3,5,0\\n4,4,1\\xed\\xa0\\x80\\n | line 5 has a character broken off
            overlong      | a,b,y\\n1,2,0\\r\\n2,1,1\\r3,5,0\\n4,4,1\\xc0\\xaf\\n   | line 5 has the byte 0xC0, which
            cut short     | a,b,y\\n1,2,0\\n2,1,1\\n3,5,0\\n4,4,1\\n\\xe2\\x82      | ends within a character, on line 6
            """)
    void invalidUtf8InACsvIs400AsInJson(String what, String escaped, String line) {
        long before = storedModels();
        JsonNode body = assertProblem(postBytes("/models?label=y", "text/csv", bytes(escaped)), 400, "not valid UTF-8");
        assertThat(body.get("type").asString()).isEqualTo("urn:logreg:problem:malformed-body");
        assertThat(body.get("detail").asString()).contains(line);
        assertThat(storedModels()).isEqualTo(before);
    }

    /** {@code \n}, {@code \r} and {@code \xHH} escapes to bytes. */
    static byte[] bytes(String escaped) {
        ByteBuffer out = ByteBuffer.allocate(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\' && (escaped.charAt(i + 1) == 'n' || escaped.charAt(i + 1) == 'r')) {
                out.put((byte) (escaped.charAt(i + 1) == 'n' ? '\n' : '\r'));
                i++;
            } else if (c == '\\' && escaped.charAt(i + 1) == 'x') {
                out.put((byte) Integer.parseInt(escaped.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                out.put((byte) c);
            }
        }
        return java.util.Arrays.copyOf(out.array(), out.position());
    }

    @Test
    void aCsvWithAUtf16ByteOrderMarkIsReadAsUtf16() {
        byte[] text = CSV.replace("a,b", "\u00e4,b").getBytes(StandardCharsets.UTF_16LE);
        byte[] body = new byte[text.length + 2];
        body[0] = (byte) 0xFF;
        body[1] = (byte) 0xFE;
        System.arraycopy(text, 0, body, 2, text.length);
        HttpTestClient.Response response = postBytes("/models?label=y", "text/csv", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().get("featureNames").toString()).isEqualTo("[\"\u00e4\",\"b\"]");
        http.delete("/models/" + response.json().get("id").asString());
    }

    @Test
    void weightsTooSmallToComputeWithAreNamedAsSuch() {
        long before = storedModels();
        String tiny = "[5e-324, 5e-324, 5e-324, 5e-324, 5e-324, 5e-324]";
        JsonNode body = assertProblem(
                http.post(
                        "/models",
                        "application/json",
                        "{\"features\": [[1, 2], [2, 1], [3, 5], [4, 4], [5, 1], [0, 0]],"
                                + " \"labels\": [0, 1, 0, 1, 1, 0], \"weights\": " + tiny + "}"),
                400,
                "weights");
        assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo("weights");
        assertThat(body.get("errors").get(0).get("message").asString())
                .contains("too small to compute with")
                .contains("4.9E-324")
                .doesNotContain("Feature scale");
        String csv = "a,b,y,w\n1,2,0,1e-300\n2,1,1,1e-300\n3,5,0,1e-300\n4,4,1,1e-300\n5,1,1,1e-300\n";
        assertProblem(http.post("/models?label=y&weight=w", "text/csv", csv), 400, "too small to compute with");
        assertThat(storedModels()).isEqualTo(before);

        String scaled = tiny.replace("5e-324", "1e-20");
        HttpTestClient.Response fitted = http.post(
                "/models",
                "application/json",
                "{\"features\": [[1, 2], [2, 1], [3, 5], [4, 4], [5, 1], [0, 0]],"
                        + " \"labels\": [0, 1, 0, 1, 1, 0], \"weights\": " + scaled + "}");
        assertThat(fitted.status()).as(fitted.body()).isEqualTo(201);
        JsonNode unweighted = http.post(
                        "/models",
                        "application/json",
                        "{\"features\": [[1, 2], [2, 1], [3, 5], [4, 4], [5, 1], [0, 0]],"
                                + " \"labels\": [0, 1, 0, 1, 1, 0]}")
                .json();
        for (int j = 0; j < 2; j++) {
            assertThat(fitted.json().get("coefficients").get(j).asDouble())
                    .isCloseTo(
                            unweighted.get("coefficients").get(j).asDouble(),
                            org.assertj.core.api.Assertions.withinPercentage(1e-6));
        }
    }
}
