package dev.logreg.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
 * options.elasticNet over real HTTP: a cross-validated lasso on MASS::birthwt against glmnet and
 * cv.glmnet (scripts/reference/make-elastic-net-reference.R), predictions at the selected lambda and
 * between path points, the report, CSV query parameters, and 400 naming the field for bad options.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ElasticNetEndToEndTest {

    @LocalServerPort
    int port;

    HttpTestClient http;

    @BeforeEach
    void connect() {
        http = new HttpTestClient(port);
    }

    private static JsonNode reference() throws IOException {
        return HttpTestClient.JSON.readTree(
                Path.of("src/test/resources/elasticnet/birthwt-lasso.json").toFile());
    }

    private static String request(JsonNode reference, String elasticNet) {
        ObjectNode body = (ObjectNode) reference.get("request").deepCopy();
        body.set("options", HttpTestClient.JSON.readTree("{\"elasticNet\": " + elasticNet + "}"));
        return body.toString();
    }

    @Test
    void crossValidatedLassoEqualsGlmnetAndPredictsAlongThePath() throws IOException {
        JsonNode reference = reference();
        JsonNode cv = reference.get("expected").get("crossValidation");
        String elasticNet = "{\"alpha\": 1, \"crossValidation\": {\"foldIds\": " + cv.get("foldIds")
                + ", \"measure\": \"deviance\"}}";
        HttpTestClient.Response created = http.post("/models", "application/json", request(reference, elasticNet));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode model = created.json();
        assertThat(model.get("statistics").isNull()).isTrue();
        assertThat(model.get("training").get("warnings").findValuesAsString("code"))
                .contains("PENALIZED_INFERENCE");
        assertThat(model.get("training").get("solver").asString()).isEqualTo("coordinate-descent");

        JsonNode path = model.get("elasticNet").get("path");
        JsonNode expectedPath = reference.get("expected").get("path");
        assertThat(path.get("lambda").size())
                .isEqualTo(expectedPath.get("lambda").size());
        for (int l = 0; l < path.get("lambda").size(); l++) {
            double lambda = expectedPath.get("lambda").get(l).asDouble();
            assertThat(path.get("lambda").get(l).asDouble()).isCloseTo(lambda, within(1e-10 * lambda));
        }
        JsonNode expectedCv = cv.get("measures").get("deviance");
        JsonNode actualCv = model.get("elasticNet").get("crossValidation");
        assertThat(actualCv.get("measure").asString()).isEqualTo("deviance");
        assertThat(actualCv.get("folds").asInt()).isEqualTo(5);
        for (int l = 0; l < expectedCv.get("cvm").size(); l++) {
            double cvm = expectedCv.get("cvm").get(l).asDouble();
            double cvsd = expectedCv.get("cvsd").get(l).asDouble();
            assertThat(actualCv.get("cvm").get(l).asDouble()).isCloseTo(cvm, within(1e-6 * cvm));
            assertThat(actualCv.get("cvsd").get(l).asDouble()).isCloseTo(cvsd, within(1e-6 * cvsd));
        }
        double lambdaMin = expectedCv.get("lambdaMin").asDouble();
        double selected = model.get("elasticNet").get("selectedLambda").asDouble();
        assertThat(selected).isCloseTo(lambdaMin, within(1e-10 * lambdaMin));
        int at = indexOf(expectedPath.get("lambda"), lambdaMin);
        assertCoefficients(
                model.get("coefficients"), expectedPath.get("coefficients").get(at));
        double intercept = expectedPath.get("intercepts").get(at).asDouble();
        assertThat(model.get("intercept").asDouble()).isCloseTo(intercept, within(1e-6 * Math.abs(intercept)));

        String id = model.get("id").asString();
        JsonNode row = reference.get("request").get("features").get(0);
        String features = join(row);
        double atSelected = http.get("/models/" + id + "/predict?features=" + features)
                .json()
                .get("logit")
                .asDouble();
        assertThat(atSelected)
                .isCloseTo(logit(model.get("intercept").asDouble(), model.get("coefficients"), row), within(1e-12));

        // Halfway between the path's 10th and 11th lambdas: glmnet's linear interpolation.
        double left = path.get("lambda").get(10).asDouble();
        double right = path.get("lambda").get(11).asDouble();
        double between = (left + right) / 2;
        double expected = 0.5
                        * logit(
                                path.get("intercepts").get(10).asDouble(),
                                path.get("coefficients").get(10),
                                row)
                + 0.5
                        * logit(
                                path.get("intercepts").get(11).asDouble(),
                                path.get("coefficients").get(11),
                                row);
        HttpTestClient.Response one =
                http.get("/models/" + id + "/predict?lambda=" + between + "&features=" + features);
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(one.json().get("logit").asDouble()).isCloseTo(expected, within(1e-12));
        HttpTestClient.Response batch = http.post(
                "/models/" + id + "/predict",
                "application/json",
                "{\"features\": [" + row + "], \"lambda\": " + between + "}");
        assertThat(batch.status()).as(batch.body()).isEqualTo(200);
        assertThat(batch.json().get("logits").get(0).asDouble()).isCloseTo(expected, within(1e-12));
        HttpTestClient.Response inferred = http.post(
                "/v2/models/" + id + "/infer",
                "application/json",
                "{\"parameters\": {\"lambda\": " + between + "}, \"outputs\": [{\"name\": \"logits\"}],"
                        + " \"inputs\": [{\"name\": \"features\", \"shape\": [1, " + row.size()
                        + "], \"datatype\": \"FP64\", \"data\": " + row + "}]}");
        assertThat(inferred.status()).as(inferred.body()).isEqualTo(200);
        assertThat(inferred.json().get("outputs").get(0).get("data").get(0).asDouble())
                .isCloseTo(expected, within(1e-12));
        assertThat(http.get("/models/" + id + "/predict?lambda=-1&features=" + features)
                        .status())
                .isEqualTo(400);
        assertThat(http.get("/models/" + id + "/predict?interval=0.95&features=" + features)
                        .status())
                .isEqualTo(400);

        HttpTestClient.Response report = http.get("/models/" + id + "/report");
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.body()).contains("id=\"coefficient-path-plot\"", "id=\"cross-validation-plot\"");
        assertThat(http.get("/models/" + id)
                        .json()
                        .get("elasticNet")
                        .get("selectedLambda")
                        .asDouble())
                .isEqualTo(selected);
    }

    /**
     * A factor's dummies are penalised separately, as {@code glmnet(model.matrix(y ~ f + x, d)[, -1], y, lambda =
     * 0.02, thresh = 1e-30)}, whose intercept and coefficients are the constants; raw values predict.
     */
    @Test
    void aFormulaWithAFactorFitsAsGlmnetOnTheModelMatrix() {
        String body = """
                {"formula": "y ~ f + x", "data": {
                  "y": [1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0],
                  "f": ["a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b", "c", "a"],
                  "x": [1.2, 0.3, 2.2, 1.8, 0.1, 0.7, 1.5, 0.4, 2.5, 0.2, 1.1, 1.9, 0.6, 0.5, 2.1, 0.9]},
                 "options": {"elasticNet": {"lambda": 0.02}}}""";
        HttpTestClient.Response created = http.post("/models", "application/json", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode model = created.json();
        assertThat(model.get("featureNames").toString()).isEqualTo("[\"fb\",\"fc\",\"x\"]");
        assertThat(model.get("intercept").asDouble()).isCloseTo(-6.89923333932, within(1e-6 * 6.9));
        assertThat(model.get("coefficients").get(0).asDouble()).isCloseTo(0.664900531028, within(1e-6 * 0.66));
        assertThat(model.get("coefficients").get(1).asDouble()).isEqualTo(0.0);
        assertThat(model.get("coefficients").get(2).asDouble()).isCloseTo(6.68282254904, within(1e-6 * 6.7));
        double logit = model.get("intercept").asDouble()
                + model.get("coefficients").get(0).asDouble()
                + model.get("coefficients").get(2).asDouble();
        HttpTestClient.Response predicted =
                http.get("/models/" + model.get("id").asString() + "/predict?f=b&x=1&lambda=0.02");
        assertThat(predicted.status()).as(predicted.body()).isEqualTo(200);
        assertThat(predicted.json().get("logit").asDouble()).isCloseTo(logit, within(1e-12));
    }

    @Test
    void csvTakesTheElasticNetAsQueryParameters() {
        String csv = "x1,x2,y\n1,0.5,0\n2,0.1,1\n3,0.9,0\n4,0.3,1\n5,0.2,1\n6,0.8,0\n7,0.4,1\n8,0.6,0\n";
        HttpTestClient.Response created = http.post(
                "/models?label=y&elasticNet.alpha=0.5&elasticNet.lambdas=0.1,0.01&elasticNet.penaltyFactors=x1:0",
                "text/csv",
                csv);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode elasticNet = created.json().get("elasticNet");
        assertThat(elasticNet.get("path").get("lambda").get(0).asDouble()).isEqualTo(0.1);
        assertThat(elasticNet.get("selectedLambda").asDouble()).isEqualTo(0.01);
        assertThat(created.json()
                        .get("options")
                        .get("elasticNet")
                        .get("penaltyFactors")
                        .get("x1")
                        .asDouble())
                .isEqualTo(0.0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            alpha above 1 | {"elasticNet": {"alpha": 2}} | options.elasticNet.alpha
            negative lambda | {"elasticNet": {"lambda": -1}} | options.elasticNet.lambda
            negative in lambdas | {"elasticNet": {"lambdas": [0.1, -0.1]}} | options.elasticNet.lambdas[1]
            fold ids too short | {"elasticNet": {"crossValidation": {"foldIds": [1, 2]}}} | \
            options.elasticNet.crossValidation.foldIds
            one fold | {"elasticNet": {"crossValidation": {"foldIds": [1, 1, 1, 1]}}} | \
            options.elasticNet.crossValidation.foldIds
            more folds than rows | {"elasticNet": {"crossValidation": {"folds": 5}}} | \
            options.elasticNet.crossValidation.folds
            with l2 | {"l2": 0.1, "elasticNet": {}} | options.elasticNet
            with firth | {"method": "firth", "elasticNet": {}} | options.elasticNet
            unknown measure | {"elasticNet": {"crossValidation": {"measure": "r2"}}} | \
            options.elasticNet.crossValidation.measure
            unknown factor name | {"elasticNet": {"penaltyFactors": {"z": 0}}} | \
            options.elasticNet.penaltyFactors.z
            unknown option | {"elasticNet": {"gamma": 1}} | options.elasticNet.gamma
            """)
    void badElasticNetOptionsAre400NamingTheField(String name, String options, String field) {
        String body = "{\"features\": [[1], [2], [3], [4]], \"labels\": [0, 1, 0, 1], \"options\": " + options + "}";
        HttpTestClient.Response response = http.post("/models", "application/json", body);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsString("field")).contains(field);
    }

    private static int indexOf(JsonNode lambdas, double lambda) {
        for (int l = 0; l < lambdas.size(); l++) {
            if (Math.abs(lambdas.get(l).asDouble() - lambda) <= 1e-10 * lambda) {
                return l;
            }
        }
        throw new AssertionError("lambda " + lambda + " is not on the path");
    }

    private static void assertCoefficients(JsonNode actual, JsonNode expected) {
        assertThat(actual.size()).isEqualTo(expected.size());
        for (int j = 0; j < expected.size(); j++) {
            double value = expected.get(j).asDouble();
            if (value == 0) {
                assertThat(actual.get(j).asDouble()).as("coefficient " + j).isEqualTo(0.0);
            } else {
                assertThat(actual.get(j).asDouble())
                        .as("coefficient " + j)
                        .isCloseTo(value, within(1e-6 * Math.abs(value)));
            }
        }
    }

    private static double logit(double intercept, JsonNode coefficients, JsonNode row) {
        double logit = intercept;
        for (int j = 0; j < row.size(); j++) {
            logit += coefficients.get(j).asDouble() * row.get(j).asDouble();
        }
        return logit;
    }

    private static String join(JsonNode row) {
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < row.size(); j++) {
            text.append(j == 0 ? "" : ",").append(row.get(j).asDouble());
        }
        return text.toString();
    }
}
