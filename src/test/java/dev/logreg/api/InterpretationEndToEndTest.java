package dev.logreg.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The interpretation options over real HTTP: profile intervals (R's exact roots), odds ratios,
 * marginal effects (statsmodels), goodness of fit and VIF (R) in the stored model, Wald intervals
 * at another level, and 400 naming the option for bad values.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InterpretationEndToEndTest {

    private static final double TOLERANCE = 1e-6;

    @LocalServerPort
    int port;

    HttpTestClient http;

    @BeforeEach
    void connect() {
        http = new HttpTestClient(port);
    }

    private static JsonNode reference(String name) throws IOException {
        return HttpTestClient.JSON.readTree(
                Path.of("src/test/resources/interpretation", name + ".json").toFile());
    }

    private static String request(JsonNode reference, String options) {
        ObjectNode body = HttpTestClient.JSON.createObjectNode();
        body.set("featureNames", reference.get("featureNames"));
        body.set("features", reference.get("features"));
        body.set("labels", reference.get("labels"));
        if (!reference.get("weights").isNull()) {
            body.set("weights", reference.get("weights"));
        }
        body.set("options", HttpTestClient.JSON.readTree(options));
        return body.toString();
    }

    @Test
    void profileIntervalsMarginalEffectsGoodnessOfFitAndVifMatchTheReferences() throws IOException {
        JsonNode reference = reference("pima");
        JsonNode margeff = reference("pima-margeff");
        HttpTestClient.Response created = http.post(
                "/models",
                "application/json",
                request(
                        reference,
                        "{\"intervals\": \"profile\", \"marginalEffects\": \"average\", \"tolerance\": 1e-12}"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();
        JsonNode model = http.get("/models/" + id).json(); // as stored
        assertThat(model.get("options").get("intervals").asString()).isEqualTo("profile");
        assertThat(model.get("options").get("level").asDouble()).isEqualTo(0.95);
        JsonNode statistics = model.get("statistics");

        JsonNode intervals = statistics.get("intervals");
        JsonNode profile = reference.get("profile").get(0);
        assertThat(intervals.get("type").asString()).isEqualTo("profile");
        close(intervals.get("lower"), profile.get("lower"), "profile lower");
        close(intervals.get("upper"), profile.get("upper"), "profile upper");
        for (int j = 0; j < intervals.get("lower").size(); j++) {
            close(
                    intervals.get("oddsRatioLower").get(j).asDouble(),
                    Math.exp(profile.get("lower").get(j).asDouble()),
                    "odds-ratio lower");
            JsonNode row = statistics.get("coefficients").get(j);
            close(
                    row.get("oddsRatio").asDouble(),
                    Math.exp(reference.get("coefficients").get(j).asDouble()),
                    "odds ratio");
        }

        JsonNode effects = statistics.get("marginalEffects");
        assertThat(effects.get("at").asString()).isEqualTo("average");
        JsonNode expected = margeff.get("average").get("matrix");
        for (int e = 0; e < effects.get("effects").size(); e++) {
            JsonNode effect = effects.get("effects").get(e);
            assertThat(effect.get("name").asString())
                    .isEqualTo(reference.get("featureNames").get(e).asString());
            close(effect.get("dydx").asDouble(), expected.get("dydx").get(e).asDouble(), "dydx");
            close(
                    effect.get("standardError").asDouble(),
                    expected.get("standardError").get(e).asDouble(),
                    "se");
            close(effect.get("pValue").asDouble(), expected.get("pValue").get(e).asDouble(), "p");
        }

        JsonNode hl = statistics.get("goodnessOfFit").get("hosmerLemeshow");
        JsonNode expectedHl = reference.get("hosmerLemeshow");
        assertThat(hl.get("groups").asInt()).isEqualTo(expectedHl.get("groups").asInt());
        assertThat(hl.get("df").asInt()).isEqualTo(8);
        close(hl.get("statistic").asDouble(), expectedHl.get("statistic").asDouble(), "HL");
        JsonNode lc = statistics.get("goodnessOfFit").get("leCessieVanHouwelingen");
        close(
                lc.get("sumOfSquares").asDouble(),
                reference.get("leCessieVanHouwelingen").get("sumOfSquares").asDouble(),
                "le Cessie S");

        String report = http.get("/models/" + id + "/report").body();
        assertThat(report)
                .contains("Interpretation", "profile likelihood, 95%", "Odds ratio: glu", "dy/dx (average): bmi")
                .contains("Hosmer-Lemeshow", "le Cessie-van Houwelingen", "VIF: age");

        JsonNode vif = statistics.get("vif");
        assertThat(vif).hasSize(reference.get("vif").size());
        for (int t = 0; t < vif.size(); t++) {
            assertThat(vif.get(t).get("term").asString())
                    .isEqualTo(reference.get("vif").get(t).get("term").asString());
            close(
                    vif.get(t).get("gvif").asDouble(),
                    reference.get("vif").get(t).get("gvif").asDouble(),
                    "gvif");
        }
    }

    @Test
    void waldIntervalsFollowTheLevelAndCsvTakesTheOptions() throws IOException {
        JsonNode reference = reference("mtcars");
        StringBuilder csv = new StringBuilder("hp,wt,am\n");
        for (int i = 0; i < reference.get("labels").size(); i++) {
            JsonNode row = reference.get("features").get(i);
            csv.append(row.get(0).asDouble())
                    .append(',')
                    .append(row.get(1).asDouble())
                    .append(',')
                    .append(reference.get("labels").get(i).asInt())
                    .append('\n');
        }
        HttpTestClient.Response created =
                http.post("/models?label=am&intervals=profile&level=0.8&tolerance=1e-12", "text/csv", csv.toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode intervals = created.json().get("statistics").get("intervals");
        assertThat(intervals.get("level").asDouble()).isEqualTo(0.8);
        close(intervals.get("lower"), reference.get("profile").get(1).get("lower"), "profile 0.8 lower");
        assertThat(created.json().get("statistics").get("marginalEffects").isNull())
                .isTrue();

        HttpTestClient.Response wald = http.post("/models", "application/json", request(reference, "{\"level\": 0.9}"));
        JsonNode statistics = wald.json().get("statistics");
        assertThat(statistics.get("intervals").get("type").asString()).isEqualTo("wald");
        double estimate = statistics.get("coefficients").get(1).get("estimate").asDouble();
        double se = statistics.get("coefficients").get(1).get("standardError").asDouble();
        close(
                statistics.get("intervals").get("lower").get(1).asDouble(),
                estimate - 1.6448536269514722 * se,
                "Wald 0.9");
    }

    @Test
    void evaluationOnHeldOutRowsEqualsValProbAndStoresNothing() throws IOException {
        JsonNode reference = reference("pima");
        JsonNode evaluation = reference.get("evaluation");
        String id = http.post("/models", "application/json", request(reference, "{\"tolerance\": 1e-12}"))
                .json()
                .get("id")
                .asString();
        int stored = http.get("/models?size=1000").json().get("totalElements").asInt();
        ObjectNode rows = HttpTestClient.JSON.createObjectNode();
        rows.set("features", evaluation.get("features"));
        rows.set("labels", evaluation.get("labels"));
        HttpTestClient.Response response =
                http.post("/models/" + id + "/evaluate?threshold=0.4", "application/json", rows.toString());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode result = response.json();
        assertThat(result.get("numSamples").asInt()).isEqualTo(332);
        assertThat(result.get("threshold").asDouble()).isEqualTo(0.4);
        close(
                result.get("calibration").get("intercept").asDouble(),
                evaluation.get("intercept").asDouble(),
                "a");
        close(
                result.get("calibration").get("slope").asDouble(),
                evaluation.get("slope").asDouble(),
                "slope");
        close(
                result.get("metrics").get("brierScore").asDouble(),
                evaluation.get("brier").asDouble(),
                "Brier");
        close(
                result.get("metrics").get("rocAuc").asDouble(),
                evaluation.get("rocAuc").asDouble(),
                "C");
        assertThat(result.get("roc").size()).isGreaterThan(2);
        assertThat(result.get("reliability").size()).isGreaterThan(2);

        StringBuilder csv = new StringBuilder(String.join(",", names(reference)) + ",type\n");
        for (int i = 0; i < evaluation.get("labels").size(); i++) {
            for (JsonNode value : evaluation.get("features").get(i)) {
                csv.append(value.asDouble()).append(',');
            }
            csv.append(evaluation.get("labels").get(i).asInt()).append('\n');
        }
        JsonNode fromCsv = http.post("/models/" + id + "/evaluate?label=type", "text/csv", csv.toString())
                .json();
        close(
                fromCsv.get("calibration").get("slope").asDouble(),
                evaluation.get("slope").asDouble(),
                "CSV slope");
        assertThat(http.get("/models?size=1000").json().get("totalElements").asInt())
                .isEqualTo(stored);

        assertThat(http.post(
                                "/models/" + id + "/evaluate",
                                "application/json",
                                "{\"features\": [[1, 2]], \"labels\": [1]}")
                        .status())
                .isEqualTo(400);
        assertThat(http.post("/models/no-such-model/evaluate", "application/json", rows.toString())
                        .status())
                .isEqualTo(404);
    }

    private static java.util.List<String> names(JsonNode reference) {
        java.util.List<String> names = new java.util.ArrayList<>();
        reference.get("featureNames").forEach(name -> names.add(name.asString()));
        return names;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"intervals": "exact"}                  | options.intervals
            {"level": 1}                            | options.level
            {"level": 0}                            | options.level
            {"marginalEffects": "median"}           | options.marginalEffects
            {"intervals": "profile", "l2": 0.1}     | options.intervals
            {"intervals": "profile", "method": "firth"} | options.intervals
            """)
    void badInterpretationOptionsAre400NamingTheOption(String options, String field) throws IOException {
        HttpTestClient.Response response =
                http.post("/models", "application/json", request(reference("mtcars"), options));
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"" + field + "\"");
    }

    private static void close(JsonNode actual, JsonNode expected, String what) {
        assertThat(actual).as(what).hasSize(expected.size());
        for (int j = 0; j < expected.size(); j++) {
            close(actual.get(j).asDouble(), expected.get(j).asDouble(), what + " [" + j + "]");
        }
    }

    private static void close(double actual, double expected, String what) {
        assertThat(Math.abs(actual - expected))
                .as(what + ": " + actual + " vs " + expected)
                .isLessThanOrEqualTo(TOLERANCE * Math.max(Math.abs(expected), 1e-12));
    }
}
