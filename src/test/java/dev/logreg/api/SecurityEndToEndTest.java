package dev.logreg.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** API keys: each role, a wrong key, no key, and what stays open. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "logreg.security.enabled=true",
            "logreg.security.admin-keys=" + SecurityEndToEndTest.ADMIN,
            "logreg.security.read-keys=" + SecurityEndToEndTest.READER
        })
class SecurityEndToEndTest {

    static final String ADMIN = "admin-key-4f0c8e2a9b7d";
    static final String READER = "read-key-51d3a9c07e6b";
    static final String UNAUTHORIZED = "urn:logreg:problem:unauthorized";
    static final String FORBIDDEN = "urn:logreg:problem:forbidden";

    @LocalServerPort
    int port;

    HttpTestClient http;

    @BeforeEach
    void connect() {
        http = new HttpTestClient(port);
    }

    HttpRequest.Builder request(String path, String header, String value) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.base() + path));
        return value == null ? request : request.header(header, value);
    }

    HttpTestClient.Response get(String path, String key) {
        return http.send(request(path, "X-API-Key", key).GET());
    }

    HttpTestClient.Response post(String path, String key, String contentType, String body) {
        return http.send(request(path, "X-API-Key", key)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpTestClient.Response delete(String path, String key) {
        return http.send(request(path, "X-API-Key", key).DELETE());
    }

    String train() {
        HttpTestClient.Response created = post("/models", ADMIN, "application/json", ApiEndToEndTest.MTCARS);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    static void assertUnauthorized(HttpTestClient.Response response) {
        ApiEndToEndTest.assertProblem(response, 401, UNAUTHORIZED);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
    }

    @Test
    void anAdminKeyMayDoEverything() {
        String id = train();
        assertThat(get("/models/" + id, ADMIN).status()).isEqualTo(200);
        assertThat(get("/models/" + id + "/predict?features=110,2.62", ADMIN).status())
                .isEqualTo(200);
        assertThat(post(
                                "/objective",
                                ADMIN,
                                "application/json",
                                "{\"features\": [[1], [2]], \"labels\": [0, 1], \"coefficients\": [0, 0]}")
                        .status())
                .isEqualTo(200);
        assertThat(get("/actuator/prometheus", ADMIN).status()).isEqualTo(200);
        HttpTestClient.Response bearer = http.send(
                request("/models/" + id, "Authorization", "Bearer " + ADMIN).DELETE());
        assertThat(bearer.status()).isEqualTo(204);
    }

    @Test
    void aReadKeyMayReadAndPredictButNotTrainOrDelete() {
        String id = train();
        assertThat(get("/models", READER).status()).isEqualTo(200);
        assertThat(get("/models/" + id, READER).json().get("id").asString()).isEqualTo(id);
        assertThat(get("/models/" + id + "/predict?hp=110&wt=2.62", READER).status())
                .isEqualTo(200);
        assertThat(post("/models/" + id + "/predict", READER, "application/json", "{\"features\": [[110, 2.62]]}")
                        .status())
                .isEqualTo(200);
        assertThat(http.send(request("/models/" + id + "/report", "Authorization", "bearer " + READER)
                                .GET())
                        .status())
                .isEqualTo(200);
        assertThat(get("/", READER).status()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", READER).status()).isEqualTo(200);

        long before = get("/models", READER).json().get("totalElements").asLong();
        JsonNode train = ApiEndToEndTest.assertProblem(
                post("/models", READER, "application/json", ApiEndToEndTest.MTCARS), 403, FORBIDDEN);
        assertThat(train.get("detail").asString()).contains("admin key");
        ApiEndToEndTest.assertProblem(
                post("/models?label=am", READER, "text/csv", "hp,am\n1,0\n2,1\n"), 403, FORBIDDEN);
        ApiEndToEndTest.assertProblem(delete("/models/" + id, READER), 403, FORBIDDEN);
        ApiEndToEndTest.assertProblem(post("/objective", READER, "application/json", "{}"), 403, FORBIDDEN);
        assertThat(get("/models", READER).json().get("totalElements").asLong()).isEqualTo(before);
        assertThat(get("/models/" + id, READER).status()).isEqualTo(200);
    }

    @Test
    void noKeyOrAWrongKeyIs401() {
        String id = train();
        assertUnauthorized(get("/models", null));
        assertUnauthorized(get("/models/" + id + "/predict?features=1,2", null));
        assertUnauthorized(post("/models", null, "application/json", ApiEndToEndTest.MTCARS));
        assertUnauthorized(delete("/models/" + id, null));
        assertUnauthorized(get("/actuator/prometheus", null));
        assertUnauthorized(get("/", null));
        // A Prometheus scraper or a browser without a key gets the problem document too.
        assertUnauthorized(http.send(request("/actuator/prometheus", "Accept", "text/plain;version=0.0.4")
                .GET()));
        // A browser's navigation to a page gets the page that asks for a key (below); an API client asking
        // for HTML still gets the problem document.
        assertUnauthorized(
                http.send(request("/models/" + id, "Accept", "text/html").GET()));
        ApiEndToEndTest.assertProblem(
                http.send(request("/models/" + id, "Authorization", "Bearer " + READER)
                        .header("Accept", "text/html")
                        .DELETE()),
                403,
                FORBIDDEN);

        JsonNode wrong = ApiEndToEndTest.assertProblem(get("/models", "not-a-key-at-all-0000"), 401, UNAUTHORIZED);
        assertThat(wrong.get("detail").asString()).contains("not valid");
        assertUnauthorized(post("/models", ADMIN + "x", "application/json", ApiEndToEndTest.MTCARS));
        assertUnauthorized(http.send(request("/models", "Authorization", "Bearer " + READER.substring(1))
                .GET()));
        assertUnauthorized(
                http.send(request("/models", "Authorization", "Basic " + ADMIN).GET()));
        // A wrong key is refused even where no key is needed: it is a mistake worth reporting.
        assertUnauthorized(get("/actuator/health", "wrong-key-0000000000"));
        assertThat(get("/models/" + id, ADMIN).status()).isEqualTo(200);
    }

    /** HEAD needs what GET needs: a read key's HEAD /models is 200, as its GET is (issue 22 item 9). */
    @Test
    void headIsTreatedAsGet() {
        String id = train();
        for (String path : new String[] {"/models", "/models/" + id, "/", "/models/" + id + "/report"}) {
            for (String key : new String[] {READER, ADMIN}) {
                HttpTestClient.Response head =
                        http.send(request(path, "X-API-Key", key).method("HEAD", HttpRequest.BodyPublishers.noBody()));
                assertThat(head.status()).as("HEAD %s", path).isEqualTo(200);
                assertThat(head.body()).isEmpty();
            }
            HttpTestClient.Response anonymous = http.send(
                    request(path, "Accept", "application/json").method("HEAD", HttpRequest.BodyPublishers.noBody()));
            assertThat(anonymous.status()).as("HEAD %s without a key", path).isEqualTo(401);
        }
        assertThat(http.send(request("/actuator/health", "Accept", "application/json")
                                .method("HEAD", HttpRequest.BodyPublishers.noBody()))
                        .status())
                .isEqualTo(200);
        assertThat(http.send(request("/keys.js", "Accept", "*/*").method("HEAD", HttpRequest.BodyPublishers.noBody()))
                        .status())
                .isEqualTo(200);
    }

    /**
     * A browser's navigation to a page carries no header: it gets 401 with a page whose script asks
     * for a key and fetches the page again with it (BrowserTest drives that in Chromium).
     */
    @Test
    void aBrowserNavigatingToAPageWithoutAKeyGetsThePageThatAsksForOne() {
        String id = train();
        String navigation = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        for (String path : new String[] {"/", "/?page=2", "/models/" + id + "/report", "/models/none/report"}) {
            HttpTestClient.Response page =
                    http.send(request(path, "Accept", navigation).GET());
            assertThat(page.status()).as(path).isEqualTo(401);
            assertThat(page.contentType()).as(path).startsWith("text/html");
            assertThat(page.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"logreg\"");
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(page.body())
                    .contains("id=\"key-form\"")
                    .contains("src=\"/keys.js\"")
                    .doesNotContain(id)
                    .doesNotContain("mtcars");
        }
        HttpTestClient.Response withKey = http.send(request("/models/" + id + "/report", "X-API-Key", READER)
                .header("Accept", navigation)
                .GET());
        assertThat(withKey.status()).isEqualTo(200);
        assertThat(withKey.body()).contains(id).doesNotContain("id=\"key-form\"");
        // Not a page: the problem document, whatever the Accept header says.
        assertUnauthorized(http.send(request("/models", "Accept", navigation).GET()));
        assertUnauthorized(
                http.send(request("/actuator/prometheus", "Accept", navigation).GET()));
    }

    @Test
    void healthAndTheDocumentationStayOpenAndDescribeTheKeys() {
        HttpTestClient.Response health = get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        assertThat(get("/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(get("/swagger-ui.html", null).status()).isEqualTo(200);
        assertThat(get("/logreg.css", null).status()).isEqualTo(200);
        HttpTestClient.Response docs = get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        JsonNode schemes = docs.json().get("components").get("securitySchemes");
        assertThat(schemes.get("apiKey").get("name").asString()).isEqualTo("X-API-Key");
        assertThat(schemes.get("apiKey").get("in").asString()).isEqualTo("header");
        assertThat(schemes.get("bearer").get("scheme").asString()).isEqualTo("bearer");
        assertThat(docs.json()
                        .get("paths")
                        .get("/models")
                        .get("post")
                        .get("responses")
                        .has("401"))
                .isTrue();
        assertThat(docs.json()
                        .get("paths")
                        .get("/models")
                        .get("post")
                        .get("responses")
                        .has("403"))
                .isTrue();
    }

    @Test
    void healthDetailsOnlyForAnAdminKey() {
        JsonNode anonymous = get("/actuator/health", null).json();
        JsonNode reader = get("/actuator/health", READER).json();
        JsonNode admin = get("/actuator/health", ADMIN).json();

        assertThat(anonymous.get("status").asString()).isEqualTo("UP");
        assertThat(anonymous.get("components").get("diskSpace").has("details")).isFalse();
        assertThat(reader.get("components").get("diskSpace").has("details")).isFalse();
        assertThat(admin.get("components")
                        .get("diskSpace")
                        .get("details")
                        .get("free")
                        .asLong())
                .isPositive();
    }

    @Test
    void theInferenceProtocolFollowsTheReadRoleWithItsHealthOpen() {
        String id = train();
        String infer = "{\"inputs\": [{\"name\": \"features\", \"shape\": [1, 2], \"datatype\": \"FP64\","
                + " \"data\": [110, 2.62]}]}";
        assertThat(get("/v2/health/ready", null).status()).isEqualTo(200);
        assertThat(get("/v2/health/live", null).status()).isEqualTo(200);
        assertThat(get("/v2/models/" + id, READER).status()).isEqualTo(200);
        assertThat(get("/v2/models/" + id + "/ready", READER).status()).isEqualTo(200);
        assertThat(get("/v2", READER).status()).isEqualTo(200);
        assertThat(post("/v2/models/" + id + "/infer", READER, "application/json", infer)
                        .status())
                .isEqualTo(200);
        HttpTestClient.Response anonymous = post("/v2/models/" + id + "/infer", null, "application/json", infer);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/json");
        assertThat(anonymous.json().get("error").asString()).contains("API key");
        assertThat(get("/v2/models/" + id, null).status()).isEqualTo(401);
    }
}
