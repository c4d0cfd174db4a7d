package dev.logreg.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The HTML pages over real HTTP: report, index, not-found page, links from the JSON. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReportEndToEndTest {

    @LocalServerPort
    int port;

    HttpTestClient http;

    @BeforeEach
    void connect() {
        http = new HttpTestClient(port);
    }

    @Test
    void theReportPrintsWhatRsSummaryPrintsAndDrawsThreePlots() {
        JsonNode model =
                http.post("/models", "application/json", ApiEndToEndTest.MTCARS).json();
        String id = model.get("id").asString();
        assertThat(model.get("links").get("self").asString()).isEqualTo("/models/" + id);
        assertThat(model.get("links").get("report").asString()).isEqualTo("/models/" + id + "/report");
        JsonNode roc = model.get("diagnostics").get("roc");
        assertThat(roc.get("falsePositiveRates").size())
                .isEqualTo(roc.get("truePositiveRates").size())
                .isGreaterThan(2);
        assertThat(model.get("diagnostics").get("samplesWithWeight").asInt()).isEqualTo(32);

        HttpTestClient.Response page = http.get(model.get("links").get("report").asString());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        String html = page.body();
        // R: summary(glm(am ~ hp + wt, binomial, mtcars))
        assertThat(rowCells(html, "(intercept)")).containsSequence("18.86630", "7.44356", "2.535", "0.01126", "*");
        assertThat(rowCells(html, "hp")).containsSequence("0.03626", "0.01773", "2.044", "0.04091", "*");
        assertThat(rowCells(html, "wt")).containsSequence("-8.08348", "3.06868", "-2.634", "0.00843", "**");
        assertThat(html)
                .contains("43.230 on 31 degrees of freedom")
                .contains("10.059 on 29 degrees of freedom")
                .contains("16.059");
        for (String plot : new String[] {"roc-plot", "calibration-plot", "convergence-plot"}) {
            assertThat(html).contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot\" id=\"" + plot + "\"");
        }
        assertThat(html).contains("AUC = 0.984").contains("8 iterations, converged");
        assertThat(html)
                .contains("id=\"provenance-heading\"")
                .contains(model.get("provenance").get("datasetSha256").asString())
                .contains(model.get("provenance").get("serviceVersion").asString());
    }

    @Test
    void warningsAreShownAliasedCoefficientsAreNaAndNamesAreEscaped() {
        String body = "{\"name\": \"<script>alert(1)</script>\", \"featureNames\": [\"a\", \"b\", \"twice_a\"],"
                + " \"features\": [[1, 0, 2], [2, 1, 4], [3, 0, 6], [4,"
                + " 1, 8], [5, 1, 10], [6, 0, 12], [2, 1, 4], [5, 0, 10]],"
                + " \"labels\": [0, 1, 0, 1, 1, 0, 0, 1]}";
        String id =
                http.post("/models", "application/json", body).json().get("id").asString();
        String html = http.get("/models/" + id + "/report").body();
        assertThat(html).doesNotContain("<script>alert").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(html).contains("class=\"warning\"").contains("COLLINEAR");
        assertThat(rowCells(html, "twice_a")).containsExactly("NA", "NA", "NA", "NA", "", "NA", "NA");
        assertThat(html).contains("1 not defined because of singularities");
    }

    @Test
    void anUnknownModelGetsA404PageNotAStackTrace() {
        HttpTestClient.Response page = http.get("/models/no-such-model/report");
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body())
                .contains("Model not found")
                .contains("no-such-model")
                .doesNotContain("Exception")
                .doesNotContain("at dev.logreg");
    }

    @Test
    void theIndexListsModelsNewestFirstWithLinksAndTheUploadForm() {
        String older = http.post(
                        "/models", "application/json", ApiEndToEndTest.MTCARS.replace("mtcars-am", "index-older"))
                .json()
                .get("id")
                .asString();
        String newer = http.post(
                        "/models", "application/json", ApiEndToEndTest.MTCARS.replace("mtcars-am", "index-newer"))
                .json()
                .get("id")
                .asString();
        HttpTestClient.Response page = http.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        String html = page.body();
        assertThat(html.indexOf("/models/" + newer + "/report"))
                .isNotNegative()
                .isLessThan(html.indexOf("/models/" + older + "/report"));
        assertThat(html)
                .contains("id=\"upload-form\"")
                .contains("type=\"file\"")
                .contains("<option value=\"lbfgs\">")
                .contains("src=\"/upload.js\"");
        assertThat(http.get("/upload.js").status()).isEqualTo(200);
        assertThat(http.get("/logreg.css").status()).isEqualTo(200);
        assertThat(http.get("/?page=100000").body())
                .as("past the end: the last page")
                .contains("/models/" + storedLast() + "/report");
    }

    /**
     * Every HTML page, Swagger UI's included, forbids framing, sniffing and anything but its own
     * scripts and styles (issue 22 item 8); BrowserTest checks that the pages work under it.
     */
    @Test
    void everyPageSendsAContentSecurityPolicyAndRefusesFramingAndSniffing() {
        String id = http.post("/models", "application/json", ApiEndToEndTest.MTCARS)
                .json()
                .get("id")
                .asString();
        for (String path :
                List.of("/", "/models/" + id + "/report", "/models/no-such-model/report", "/swagger-ui/index.html")) {
            HttpTestClient.Response page = http.get(path);
            assertThat(page.contentType()).as(path).startsWith("text/html");
            // Swagger UI adds <style> elements from its script; no page runs an inline script.
            String styles = path.startsWith("/swagger-ui/") ? "style-src 'self' 'unsafe-inline';" : "style-src 'self';";
            assertThat(page.headers().allValues("Content-Security-Policy"))
                    .as(path)
                    .singleElement(InstanceOfAssertFactories.STRING)
                    .startsWith("default-src 'none'; script-src 'self'; " + styles)
                    .contains("frame-ancestors 'none'");
            assertThat(page.headers().allValues("X-Content-Type-Options"))
                    .as(path)
                    .containsExactly("nosniff");
            assertThat(page.headers().allValues("X-Frame-Options")).as(path).containsExactly("DENY");
        }
    }

    @Test
    void aFormulaModelsReportShowsItsDesignEscapedAndAMatrixModelsHasNone() {
        String body = "{\"name\": \"design-card\", \"formula\": \"y ~ grp + x\", \"naAction\": \"omit\","
                + " \"factors\": {\"grp\": {\"reference\": \"b\"}},"
                + " \"data\": {\"y\": [0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1],"
                + " \"grp\": [\"a\", \"a\", \"b\", \"b\", \"<i>c</i>\", \"<i>c</i>\", \"a\", \"b\","
                + " \"<i>c</i>\", \"a\", \"b\", \"<i>c</i>\", \"a\"],"
                + " \"x\": [1.5, 2.1, 0.3, 3.3, 2.2, 1.1, 0.7, 2.8, 1.9, 2.4, 1.2, 0.4, null]}}";
        HttpTestClient.Response trained = http.post("/models", "application/json", body);
        assertThat(trained.status()).as(trained.body()).isEqualTo(201);
        String html =
                http.get(trained.json().get("links").get("report").asString()).body();
        assertThat(html)
                .contains("id=\"design-heading\"")
                .contains("y ~ grp + x")
                .contains("y (number), grp (text), x (number)")
                .contains("omit: 1 row omitted")
                .as("levels in code-point order ('<' before 'a'), the reference moved first as R's relevel")
                .contains("grp&lt;i&gt;c&lt;/i&gt;, grpa")
                .contains("b, &lt;i&gt;c&lt;/i&gt;, a")
                .doesNotContain("<i>c</i>");

        String matrix = http.post("/models", "application/json", ApiEndToEndTest.MTCARS)
                .json()
                .get("links")
                .get("report")
                .asString();
        assertThat(http.get(matrix).body()).doesNotContain("id=\"design-heading\"");
    }

    /** The id of the oldest stored model, which is on the last page. */
    String storedLast() {
        long total = http.get("/models?size=1").json().get("totalElements").asLong();
        return http.get("/models?size=1&page=" + (total - 1))
                .json()
                .get("content")
                .get(0)
                .get("id")
                .asString();
    }

    /** The cells of the coefficient-table row of {@code term}, trimmed. */
    static java.util.List<String> rowCells(String html, String term) {
        Matcher row = Pattern.compile(
                        "<tr[^>]*>\\s*<td class=\"term\">" + Pattern.quote(term) + "</td>(.*?)</tr>", Pattern.DOTALL)
                .matcher(html);
        assertThat(row.find()).as("a table row for %s", term).isTrue();
        Matcher cell = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL).matcher(row.group(1));
        java.util.List<String> cells = new java.util.ArrayList<>();
        while (cell.find()) {
            cells.add(cell.group(1).trim());
        }
        return cells;
    }
}
