package dev.logreg.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.logreg.model.ModelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** Every endpoint and every error case of API.md over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiEndToEndTest {

    static final String MTCARS = """
            {"name":"mtcars-am","featureNames":["hp","wt"],"features":[[110,2.62],[110,2.875],[93,2.32],\
            [110,3.215],[175,3.44],[105,3.46],[245,3.57],[62,3.19],[95,3.15],[123,3.44],[123,3.44],\
            [180,4.07],[180,3.73],[180,3.78],[205,5.25],[215,5.424],[230,5.345],[66,2.2],[52,1.615],\
            [65,1.835],[97,2.465],[150,3.52],[150,3.435],[245,3.84],[175,3.845],[66,1.935],[91,2.14],\
            [113,1.513],[264,3.17],[175,2.77],[335,3.57],[109,2.78]],\
            "labels":[1,1,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,1,1,0,0,0,0,0,1,1,1,1,1,1,1]}""";

    /** R: glm(am ~ hp + wt, binomial, mtcars). */
    static final double[] R_ESTIMATES = {18.86629871720411, 0.03625559608221654, -8.08347518244463};

    static final double[] R_STANDARD_ERRORS = {7.44355806020529, 0.017734153650769371, 3.0686751130547036};

    @LocalServerPort
    int port;

    HttpTestClient http;

    @BeforeEach
    void connect() {
        http = new HttpTestClient(port);
    }

    String train(String body) {
        HttpTestClient.Response response = http.post("/models", "application/json", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    long storedModels() {
        return http.get("/models?size=1").json().get("totalElements").asLong();
    }

    @Test
    void aSourceWithoutSparkConfiguredIsRefusedAndNothingConnects() {
        long before = storedModels();
        HttpTestClient.Response response = http.post("/models", "application/json", """
                {"source":{"uri":"file:///data/x.parquet","format":"parquet","label":"y"}}""");
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:logreg:problem:not-configured");
        assertThat(response.json().get("detail").asString()).contains("logreg.spark.remote");
        assertThat(storedModels()).isEqualTo(before);
        HttpTestClient.Response invalid = http.post(
                "/models", "application/json", "{\"source\":{\"uri\":\"x\",\"format\":\"orc\",\"label\":\"y\"}}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors").get(0).get("field").asString()).isEqualTo("source.format");
        HttpTestClient.Response job = http.get("/jobs/no-such-job");
        assertThat(job.status()).isEqualTo(404);
        assertThat(job.json().get("type").asString()).isEqualTo("urn:logreg:problem:job-not-found");
    }

    @Test
    void trainReadListPredictAndDelete() {
        HttpTestClient.Response created = http.post("/models", "application/json", MTCARS);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.contentType()).startsWith("application/json");
        JsonNode model = created.json();
        String id = model.get("id").asString();
        assertThat(created.headers().firstValue("Location")).hasValue("/models/" + id);
        assertThat(model.get("name").asString()).isEqualTo("mtcars-am");
        assertThat(model.get("intercept").asDouble()).isCloseTo(R_ESTIMATES[0], within(1e-6 * R_ESTIMATES[0]));
        assertThat(model.get("coefficients").get(0).asDouble())
                .isCloseTo(R_ESTIMATES[1], within(1e-6 * R_ESTIMATES[1]));
        assertThat(model.get("coefficients").get(1).asDouble())
                .isCloseTo(R_ESTIMATES[2], within(1e-6 * -R_ESTIMATES[2]));
        JsonNode statistics = model.get("statistics");
        for (int j = 0; j < 3; j++) {
            assertThat(statistics
                            .get("coefficients")
                            .get(j)
                            .get("standardError")
                            .asDouble())
                    .isCloseTo(R_STANDARD_ERRORS[j], within(1e-5 * R_STANDARD_ERRORS[j]));
        }
        assertThat(statistics.get("coefficients").get(0).get("name").asString()).isEqualTo("(intercept)");
        assertThat(statistics.get("deviance").asDouble()).isCloseTo(10.059110472266985, within(1e-8));
        assertThat(statistics.get("aic").asDouble()).isCloseTo(16.059110472266987, within(1e-8));
        JsonNode training = model.get("training");
        assertThat(training.get("converged").asBoolean()).isTrue();
        assertThat(training.get("solver").asString()).isEqualTo("newton");
        assertThat(training.get("numSamples").asInt()).isEqualTo(32);
        assertThat(training.get("lossHistory").get(0).asDouble()).isCloseTo(Math.log(2), within(1e-12));
        assertThat(model.get("options").get("tolerance").asDouble()).isEqualTo(1e-8);
        assertThat(model.get("metrics").get("rocAuc").asDouble()).isBetween(0.9, 1.0);

        HttpTestClient.Response read = http.get("/models/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(model);

        JsonNode list = http.get("/models?page=0&size=1000").json();
        assertThat(list.get("page").asInt()).isZero();
        assertThat(list.get("size").asInt()).isEqualTo(1000);
        assertThat(list.get("content").findValuesAsString("id")).contains(id);

        double expectedLogit = model.get("intercept").asDouble()
                + 110 * model.get("coefficients").get(0).asDouble()
                + 2.62 * model.get("coefficients").get(1).asDouble();
        JsonNode positional =
                http.get("/models/" + id + "/predict?features=110,2.62").json();
        assertThat(positional.get("modelId").asString()).isEqualTo(id);
        assertThat(positional.get("logit").asDouble()).isCloseTo(expectedLogit, within(1e-12));
        assertThat(positional.get("probability").asDouble())
                .isCloseTo(1 / (1 + Math.exp(-expectedLogit)), within(1e-15));
        assertThat(positional.get("label").asInt()).isEqualTo(expectedLogit >= 0 ? 1 : 0);
        JsonNode named = http.get("/models/" + id + "/predict?wt=2.62&hp=110").json();
        assertThat(named).isEqualTo(positional);
        JsonNode strict = http.get("/models/" + id + "/predict?features=110,2.62&threshold=0.999")
                .json();
        assertThat(strict.get("label").asInt()).isZero();

        HttpTestClient.Response batch = http.post(
                "/models/" + id + "/predict",
                "application/json",
                "{\"features\": [[110, 2.62], [335, 3.57]], \"threshold\": 0.5}");
        assertThat(batch.status()).isEqualTo(200);
        assertThat(batch.json().get("logits").get(0).asDouble()).isCloseTo(expectedLogit, within(1e-12));
        assertThat(batch.json().get("probabilities").size()).isEqualTo(2);
        assertThat(batch.json().get("labels").size()).isEqualTo(2);

        assertThat(http.delete("/models/" + id).status()).isEqualTo(204);
        assertProblem(http.get("/models/" + id), 404, "urn:logreg:problem:model-not-found");
        assertProblem(http.delete("/models/" + id), 404, "urn:logreg:problem:model-not-found");
        assertProblem(http.get("/models/" + id + "/predict?features=1,2"), 404, "urn:logreg:problem:model-not-found");
    }

    /** As a spreadsheet or pandas writes it: every cell quoted, CRLF line ends, a byte order mark. */
    @Test
    void aQuotedCrlfCsvGivesTheSameModelAsJson() {
        JsonNode fromJson = http.post("/models", "application/json", MTCARS).json();
        JsonNode request = HttpTestClient.JSON.readTree(MTCARS);
        StringBuilder csv = new StringBuilder("\uFEFF\"hp\",\"wt\",\"am\"\r\n");
        for (int i = 0; i < 32; i++) {
            JsonNode row = request.get("features").get(i);
            csv.append('"').append(row.get(0).asString()).append("\",\"");
            csv.append(row.get(1).asString()).append("\",\"");
            csv.append(request.get("labels").get(i).asString()).append("\"\r\n");
        }
        HttpTestClient.Response fromCsv = http.post("/models?label=am&name=csv", "text/csv", csv.toString());
        assertThat(fromCsv.status()).as(fromCsv.body()).isEqualTo(201);
        assertThat(fromCsv.json().get("featureNames")).isEqualTo(fromJson.get("featureNames"));
        assertThat(fromCsv.json().get("coefficients")).isEqualTo(fromJson.get("coefficients"));
        assertThat(fromCsv.json().get("provenance").get("datasetSha256"))
                .isNotNull()
                .isEqualTo(fromJson.get("provenance").get("datasetSha256"));
    }

    @Test
    void csvAndJsonOfTheSameDataGiveTheSameModel() {
        JsonNode fromJson = http.post("/models", "application/json", MTCARS).json();
        JsonNode request = HttpTestClient.JSON.readTree(MTCARS);
        StringBuilder csv = new StringBuilder("hp,wt,am\n");
        for (int i = 0; i < 32; i++) {
            csv.append(request.get("features").get(i).get(0).asString())
                    .append(',')
                    .append(request.get("features").get(i).get(1).asString())
                    .append(',')
                    .append(request.get("labels").get(i).asString())
                    .append('\n');
        }
        HttpTestClient.Response fromCsv = http.post("/models?label=am&name=csv", "text/csv", csv.toString());
        assertThat(fromCsv.status()).as(fromCsv.body()).isEqualTo(201);
        assertThat(fromCsv.json().get("featureNames")).isEqualTo(fromJson.get("featureNames"));
        assertThat(fromCsv.json().get("coefficients")).isEqualTo(fromJson.get("coefficients"));
        assertThat(fromCsv.json().get("intercept")).isEqualTo(fromJson.get("intercept"));
    }

    @ParameterizedTest
    @CsvSource({"lbfgs,1e-5", "gradient-descent,", "sgd,"})
    void everySolverCanBeChosenAndReportsItself(String solver, Double coefficientTolerance) {
        String body = MTCARS.replace(
                "\"name\":\"mtcars-am\",",
                "\"options\": {\"solver\": \"" + solver
                        + "\", \"maxIterations\": 20000, \"epochs\": 7, \"batchSize\": 8, \"seed\": 3},");
        HttpTestClient.Response response = http.post("/models", "application/json", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode model = response.json();
        assertThat(model.get("training").get("solver").asString()).isEqualTo(solver);
        assertThat(model.get("options").get("solver").asString()).isEqualTo(solver);
        assertThat(model.get("options").get("batchSize").asInt()).isEqualTo(8);
        if (coefficientTolerance != null) {
            assertThat(model.get("intercept").asDouble())
                    .isCloseTo(R_ESTIMATES[0], within(coefficientTolerance * R_ESTIMATES[0]));
        }
        if (solver.equals("sgd")) {
            assertThat(model.get("training").get("iterations").asInt()).isEqualTo(7);
            assertThat(model.get("training").get("lossHistory").size()).isEqualTo(8);
        }
        assertThat(response.body()).doesNotContain("NaN").doesNotContain("Infinity");
    }

    @Test
    void groupedProportionsWithTrialWeightsAndOptions() {
        String body = """
                {"features": [[0], [1], [2], [3]], "labels": [0.5, 0.75, 0.2, 1], "weights": [2, 4, 5, 2],
                 "options": {"maxIterations": 50, "tolerance": 1e-10, "fitIntercept": true}}""";
        JsonNode model = http.post("/models", "application/json", body).json();
        assertThat(model.get("training").get("totalWeight").asDouble()).isEqualTo(13.0);
        assertThat(model.get("featureNames").get(0).asString()).isEqualTo("x1");
        assertThat(model.get("options").get("maxIterations").asInt()).isEqualTo(50);
        assertThat(model.get("training").get("gradientNorm").asDouble()).isLessThanOrEqualTo(1e-10);
    }

    @Test
    void separationAndCollinearityAreWarningsWithFiniteNumbers() {
        JsonNode separated = http.post(
                        "/models",
                        "application/json",
                        "{\"features\": [[-2], [-1], [1], [2]], \"labels\": [0, 0, 1, 1]}")
                .json();
        assertThat(separated.get("training").get("converged").asBoolean()).isFalse();
        assertThat(separated.get("training").get("warnings").findValuesAsString("code"))
                .contains("SEPARATION");
        assertThat(separated.toString()).doesNotContain("NaN").doesNotContain("Infinity");

        JsonNode collinear = http.post(
                        "/models",
                        "application/json",
                        "{\"featureNames\": [\"a\", \"b\", \"twice_a\"], \"features\": [[1,"
                                + " 0, 2], [2, 1, 4], [3, 0, 6], [4, 1, 8], [5, 1, 10], [6, 0, 12]],"
                                + " \"labels\": [0, 1, 1, 0, 1, 0]}")
                .json();
        assertThat(collinear.get("training").get("warnings").findValuesAsString("code"))
                .contains("COLLINEAR");
        assertThat(collinear.get("coefficients").get(2).asDouble()).isZero();
        JsonNode aliased = collinear.get("statistics").get("coefficients").get(3);
        assertThat(aliased.get("name").asString()).isEqualTo("twice_a");
        assertThat(aliased.get("estimate").isNull()).isTrue();
        assertThat(aliased.get("standardError").isNull()).isTrue();
    }

    /** Invalid datasets, each with the field its problem must name; JSON in single quotes to read easily. */
    static Stream<Arguments> invalidDatasets() {
        return Stream.of(
                invalid("unequal rows", "{'features': [[1, 2], [1, 2, 3]], 'labels': [0, 1]}", "features[1]"),
                invalid("empty dataset", "{'features': [], 'labels': []}", "features"),
                invalid("missing features", "{'labels': [0, 1]}", "features"),
                invalid("non-number", "{'features': [[1], ['a']], 'labels': [0, 1]}", "features[1][0]"),
                invalid("null value", "{'features': [[1], [null]], 'labels': [0, 1]}", "features[1][0]"),
                invalid("huge number", "{'features': [[1], [1e999]], 'labels': [0, 1]}", "features[1][0]"),
                invalid("label outside [0,1]", "{'features': [[1], [2]], 'labels': [0, 2]}", "labels[1]"),
                invalid("too few labels", "{'features': [[1], [2]], 'labels': [0]}", "labels"),
                invalid(
                        "negative weight",
                        "{'features': [[1], [2]], 'labels': [0, 1], 'weights': [1, -1]}",
                        "weights[1]"),
                invalid("all weights zero", "{'features': [[1], [2]], 'labels': [0, 1], 'weights': [0, 0]}", "weights"),
                invalid(
                        "wrong feature names",
                        "{'features': [[1], [2]], 'labels': [0, 1], 'featureNames': ['a', 'b']}",
                        "featureNames"),
                invalid(
                        "duplicate names",
                        "{'features': [[1, 2], [2, 1]], 'labels': [0, 1], 'featureNames': ['a', 'a']}",
                        "featureNames[1]"),
                invalid(
                        "unknown option",
                        "{'features': [[1], [2]], 'labels': [0, 1], 'options': {'speed': 1}}",
                        "options.speed"),
                invalid(
                        "unknown solver",
                        "{'features': [[1], [2]], 'labels': [0, 1], 'options': {'solver': 'magic'}}",
                        "options.solver"),
                invalid(
                        "option out of range",
                        "{'features': [[1], [2]], 'labels': [0, 1], 'options': {'tolerance': -1}}",
                        "options.tolerance"),
                invalid(
                        "iterations not whole",
                        "{'features': [[1], [2]], 'labels': [0, 1], 'options': {'maxIterations': 1.5}}",
                        "options.maxIterations"),
                invalid("unknown field", "{'features': [[1], [2]], 'labels': [0, 1], 'colour': 'red'}", "colour"));
    }

    private static Arguments invalid(String name, String singleQuotedJson, String field) {
        return Arguments.of(name, singleQuotedJson.replace('\'', '"'), field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDatasets")
    void invalidDatasetsAre400NamingTheFieldAndStoreNothing(String name, String body, String field) {
        long before = storedModels();
        HttpTestClient.Response response = http.post("/models", "application/json", body);
        JsonNode problem = assertProblem(response, 400, "urn:logreg:problem:invalid-request");
        assertThat(problem.get("errors").findValuesAsString("field")).contains(field);
        assertThat(storedModels()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            truncated    | {"features": [[1, 2]
            not an object| [1, 2, 3]
            NaN literal  | {"features": [[NaN]], "labels": [0]}
            trailing     | {"features": [[1]], "labels": [0]} {}
            single quotes| {'features': [[1]], 'labels': [0]}
            leading zero | {"features": [[01]], "labels": [0]}
            """)
    void malformedJsonIs400(String name, String body) {
        long before = storedModels();
        JsonNode problem =
                assertProblem(http.post("/models", "application/json", body), 400, "urn:logreg:problem:malformed-body");
        // The parser's advice to programmers (which reader feature to enable) is not for clients.
        assertThat(problem.get("detail").asString()).doesNotContain("`").doesNotContain("Feature");
        assertThat(storedModels()).isEqualTo(before);
    }

    @Test
    void aNanLiteralIsExplained() {
        JsonNode problem = assertProblem(
                http.post(
                        "/objective",
                        "application/json",
                        "{\"features\": [[-Infinity]], \"labels\": [0], \"coefficients\": [0, 0]}"),
                400,
                "urn:logreg:problem:malformed-body");
        assertThat(problem.get("detail").asString())
                .isEqualTo("The body is not valid JSON at line 1, column 25: Non-standard token '-Infinity'"
                        + " (JSON numbers are finite: NaN and Infinity cannot be sent)");
    }

    @Test
    void unsupportedContentTypeIs415() {
        assertProblem(http.post("/models", "text/plain", "hello"), 415, "urn:logreg:problem:unsupported-media-type");
    }

    @Test
    void csvErrorsNameTheLineAndColumn() {
        long before = storedModels();
        JsonNode problem = assertProblem(
                http.post("/models?label=am", "text/csv", "hp,am\n1,0\nx,1\n"),
                400,
                "urn:logreg:problem:invalid-request");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("line 3, column 'hp'");
        assertProblem(
                http.post("/models?label=nope", "text/csv", "hp,am\n1,0\n"), 400, "urn:logreg:problem:invalid-request");
        assertProblem(http.post("/models", "text/csv", "hp,am\n1,0\n"), 400, "urn:logreg:problem:invalid-request");
        assertProblem(
                http.post("/models?label=am&solver=magic", "text/csv", "hp,am\n1,0\n2,1\n"),
                400,
                "urn:logreg:problem:invalid-request");
        assertThat(storedModels()).isEqualTo(before);
    }

    @Test
    void badPredictionsAre400() {
        String id = train(MTCARS);
        assertProblem(http.get("/models/" + id + "/predict?features=1,2,3"), 400, "urn:logreg:problem:invalid-request");
        assertProblem(http.get("/models/" + id + "/predict?features=1,abc"), 400, "urn:logreg:problem:invalid-request");
        assertProblem(http.get("/models/" + id + "/predict?hp=1&colour=2"), 400, "urn:logreg:problem:invalid-request");
        assertProblem(http.get("/models/" + id + "/predict?hp=1"), 400, "urn:logreg:problem:invalid-request");
        assertProblem(
                http.get("/models/" + id + "/predict?features=1,2&threshold=2"),
                400,
                "urn:logreg:problem:invalid-request");
        assertProblem(
                http.get("/models/" + id + "/predict?features=1e308,1e308"), 400, "urn:logreg:problem:invalid-request");
        assertProblem(
                http.post("/models/" + id + "/predict", "application/json", "{\"features\": [[1, 2], [1]]}"),
                400,
                "urn:logreg:problem:invalid-request");
        assertProblem(
                http.post("/models/" + id + "/predict", "application/json", "{\"features\": [[1, 2]"),
                400,
                "urn:logreg:problem:malformed-body");
        assertProblem(
                http.post("/models/" + id + "/predict", "application/json", "{}"),
                400,
                "urn:logreg:problem:invalid-request");
    }

    @Test
    void listingIsPagedNewestFirstAndValidatesItsParameters() {
        String first = train(MTCARS);
        String second = train(MTCARS);
        JsonNode page = http.get("/models?page=0&size=2").json();
        assertThat(page.get("content").get(0).get("id").asString()).isEqualTo(second);
        assertThat(page.get("content").get(1).get("id").asString()).isEqualTo(first);
        assertThat(page.get("totalPages").asLong())
                .isEqualTo((page.get("totalElements").asLong() + 1) / 2);
        assertProblem(http.get("/models?size=0"), 400, "urn:logreg:problem:invalid-request");
        assertProblem(http.get("/models?size=1001"), 400, "urn:logreg:problem:invalid-request");
        assertProblem(http.get("/models?page=-1"), 400, "urn:logreg:problem:invalid-request");
        assertProblem(http.get("/models?page=x"), 400, "urn:logreg:problem:invalid-request");
    }

    @Test
    void documentationAndHealthAreServed() throws IOException {
        HttpTestClient.Response docs = http.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().get("paths");
        assertThat(paths.has("/models")).isTrue();
        assertThat(paths.has("/models/{id}")).isTrue();
        assertThat(paths.has("/models/{id}/predict")).isTrue();
        assertThat(paths.get("/models")
                        .get("post")
                        .get("requestBody")
                        .get("content")
                        .has("application/json"))
                .isTrue();
        assertThat(paths.get("/models").get("post").get("responses").has("400")).isTrue();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/openapi.json"), docs.body());
        assertThat(http.get("/swagger-ui.html").status()).isEqualTo(200);
        assertThat(http.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
    }

    /** Without spring.datasource.url nothing of the database store exists: no pool, no Flyway, no db health. */
    @Test
    void withoutADatasourceUrlNothingNeedsADatabase(@Autowired ApplicationContext context) {
        assertThat(context.getBeanNamesForType(DataSource.class)).isEmpty();
        assertThat(context.getBeanNamesForType(Flyway.class)).isEmpty();
        assertThat(context.getBean(ModelStore.class).getClass().getSimpleName()).isEqualTo("InMemoryModelStore");
        assertThat(http.get("/actuator/health").json().get("components").has("db"))
                .isFalse();
    }

    @Test
    void unknownPathsAndMethodsAreProblems() {
        assertProblem(http.get("/nowhere"), 404, "urn:logreg:problem:not-found");
        assertProblem(
                http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.base() + "/models"))
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                        .header("Content-Type", "application/json")),
                405,
                "urn:logreg:problem:method-not-allowed");
    }

    @Test
    void apiAnswersJsonWhateverTheAcceptHeaderSays() {
        String id = train(MTCARS);
        for (String accept :
                new String[] {"text/html", "text/plain", "application/xml", "text/html, application/json;q=0.1"}) {
            HttpTestClient.Response model = http.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(http.base() + "/models/" + id + "/predict?features=110,2.62"))
                    .header("Accept", accept));
            assertThat(model.status()).as(accept).isEqualTo(200);
            assertThat(model.contentType()).startsWith("application/json");
            HttpTestClient.Response missing =
                    http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.base() + "/models/nope"))
                            .header("Accept", accept));
            assertProblem(missing, 404, "urn:logreg:problem:model-not-found");
        }
    }

    static JsonNode assertProblem(HttpTestClient.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo(type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.logreg");
        return problem;
    }
}
