package dev.logreg.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * options.method and options.covariance over real HTTP, JSON and CSV: the fit and statistics they
 * ask for (against the brglm2 and sandwich references), the options in the model and the report,
 * and 400 naming the option for bad values.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InferenceOptionsEndToEndTest {

    @LocalServerPort
    int port;

    HttpTestClient http;

    @BeforeEach
    void connect() {
        http = new HttpTestClient(port);
    }

    private static JsonNode reference(String name) throws IOException {
        return HttpTestClient.JSON.readTree(Path.of("src/test/resources/reference-inference", name + ".json")
                .toFile());
    }

    private static String request(JsonNode reference, String options) {
        ObjectNode body = (ObjectNode) reference.get("request").deepCopy();
        body.set("options", HttpTestClient.JSON.readTree(options));
        return body.toString();
    }

    @Test
    void firthWithHc3OnSeparatedDataMatchesBrglm2AndSandwich() throws IOException {
        JsonNode reference = reference("endometrial");
        HttpTestClient.Response created = http.post(
                "/models",
                "application/json",
                request(reference, "{\"method\": \"firth\", \"covariance\": \"HC3\", \"tolerance\": 1e-10}"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode model = created.json();
        assertThat(model.get("options").get("method").asString()).isEqualTo("firth");
        assertThat(model.get("options").get("covariance").asString()).isEqualTo("HC3");
        assertThat(model.get("training").get("converged").asBoolean()).isTrue();
        assertThat(model.get("training").get("warnings")).isEmpty();
        JsonNode firth = reference.get("expected").get("firth");
        assertStatistics(model, firth, "HC3");

        String id = model.get("id").asString();
        assertThat(http.get("/models/" + id)
                        .json()
                        .get("options")
                        .get("covariance")
                        .asString())
                .isEqualTo("HC3");
        String report = http.get("/models/" + id + "/report").body();
        assertThat(report).contains("Firth&#39;s bias-reduced", "HC3 as R&#39;s sandwich::vcovHC");
    }

    @Test
    void maximumLikelihoodOnTheSameDataSuggestsFirth() throws IOException {
        HttpTestClient.Response created =
                http.post("/models", "application/json", request(reference("endometrial"), "{}"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode model = created.json();
        assertThat(model.get("options").get("method").asString()).isEqualTo("ml");
        assertThat(model.get("options").get("covariance").asString()).isEqualTo("model");
        assertThat(model.get("training").get("warnings").findValuesAsString("message"))
                .anySatisfy(message -> assertThat(message).contains("\"method\": \"firth\""));
    }

    @Test
    void csvQueryParametersChooseMethodAndCovariance() throws IOException {
        JsonNode reference = reference("mtcars-am");
        JsonNode request = reference.get("request");
        StringBuilder csv = new StringBuilder("hp,wt,am\n");
        for (int i = 0; i < request.get("labels").size(); i++) {
            JsonNode row = request.get("features").get(i);
            csv.append(String.format(
                    Locale.ROOT,
                    "%s,%s,%s%n",
                    row.get(0).asDouble(),
                    row.get(1).asDouble(),
                    request.get("labels").get(i).asDouble()));
        }
        HttpTestClient.Response created =
                http.post("/models?label=am&method=firth&covariance=HC1&tolerance=1e-10", "text/csv", csv.toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertStatistics(created.json(), reference.get("expected").get("firth"), "HC1");
        HttpTestClient.Response ml =
                http.post("/models?label=am&covariance=HC0&tolerance=1e-10", "text/csv", csv.toString());
        assertStatistics(ml.json(), reference.get("expected").get("ml"), "HC0");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown method             | {"method": "bayes"}                          | options.method
            unknown covariance         | {"covariance": "HC4"}                        | options.covariance
            lower-case covariance      | {"covariance": "hc0"}                        | options.covariance
            method not a string        | {"method": 1}                                | options.method
            firth with another solver  | {"method": "firth", "solver": "lbfgs"}       | options.solver
            firth with a penalty       | {"method": "firth", "l2": 0.5}               | options.l2
            """)
    void badOptionsAre400NamingTheOption(String name, String options, String field) throws IOException {
        HttpTestClient.Response response =
                http.post("/models", "application/json", request(reference("mtcars-am"), options));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("errors").findValuesAsString("field")).containsExactly(field);
    }

    @Test
    void badCsvOptionsAre400NamingTheParameter() {
        HttpTestClient.Response response = http.post(
                "/models?label=y&method=firth&solver=sgd&covariance=robust", "text/csv", "x,y\n1,0\n2,1\n3,0\n4,1\n");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("solver", "covariance");
    }

    private static void assertStatistics(JsonNode model, JsonNode expected, String covariance) {
        JsonNode rows = model.get("statistics").get("coefficients");
        JsonNode statistics = expected.get("covariance").get(covariance);
        for (int j = 0; j < rows.size(); j++) {
            assertClose(
                    rows.get(j).get("estimate").asDouble(),
                    expected.get("estimates").get(j).asDouble());
            assertClose(
                    rows.get(j).get("standardError").asDouble(),
                    statistics.get("standardErrors").get(j).asDouble());
            assertClose(
                    rows.get(j).get("upper95").asDouble(),
                    statistics.get("upper95").get(j).asDouble());
            assertClose(
                    model.get("statistics").get("covariance").get(j).get(j).asDouble(),
                    statistics.get("matrix").get(j).get(j).asDouble());
        }
        assertClose(
                model.get("statistics").get("deviance").asDouble(),
                expected.get("deviance").asDouble());
        assertClose(
                model.get("statistics").get("nullDeviance").asDouble(),
                expected.get("nullDeviance").asDouble());
    }

    private static void assertClose(double actual, double expected) {
        assertThat(actual).isCloseTo(expected, within(1e-6 * Math.abs(expected)));
    }
}
