package dev.logreg.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** POST /objective over real HTTP: the seed's loss, gradient and Hessian. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ObjectiveEndToEndTest {

    @LocalServerPort
    int port;

    HttpTestClient http;
    ObjectNode mtcars;

    @BeforeEach
    void setUp() {
        http = new HttpTestClient(port);
        mtcars = (ObjectNode) HttpTestClient.JSON.readTree(ApiEndToEndTest.MTCARS);
        mtcars.remove("name");
    }

    JsonNode objective(double... coefficients) {
        ObjectNode body = mtcars.deepCopy();
        body.putArray("coefficients")
                .addAll(java.util.Arrays.stream(coefficients)
                        .mapToObj(HttpTestClient.JSON.getNodeFactory()::numberNode)
                        .toList());
        HttpTestClient.Response response = http.post("/objective", "application/json", body.toString());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void atZeroTheLossIsLogTwo() {
        JsonNode result = objective(0, 0, 0);
        assertThat(result.get("loss").asDouble()).isEqualTo(Math.log(2));
        assertThat(result.get("gradient").size()).isEqualTo(3);
        assertThat(result.get("hessian").size()).isEqualTo(3);
        assertThat(result.get("hessian").get(0).get(0).asDouble()).isEqualTo(0.25);
    }

    @Test
    void atRsOptimumTheGradientVanishes() {
        JsonNode result = objective(ApiEndToEndTest.R_ESTIMATES);
        for (JsonNode component : result.get("gradient")) {
            assertThat(Math.abs(component.asDouble())).isLessThan(1e-7);
        }
    }

    @Test
    void theHessianIsSymmetricAndEqualsCentralDifferencesOfTheGradient() {
        double[] b = {10, 0.02, -4};
        JsonNode hessian = objective(b).get("hessian");
        double[] steps = {1e-5, 1e-7, 1e-5};
        for (int j = 0; j < 3; j++) {
            double[] plus = b.clone();
            double[] minus = b.clone();
            plus[j] += steps[j];
            minus[j] -= steps[j];
            JsonNode gradientPlus = objective(plus).get("gradient");
            JsonNode gradientMinus = objective(minus).get("gradient");
            for (int k = 0; k < 3; k++) {
                double numeric =
                        (gradientPlus.get(k).asDouble() - gradientMinus.get(k).asDouble()) / (2 * steps[j]);
                double analytic = hessian.get(k).get(j).asDouble();
                assertThat(analytic).isEqualTo(hessian.get(j).get(k).asDouble());
                assertThat(analytic)
                        .as("H[%d][%d]", k, j)
                        .isCloseTo(numeric, within(1e-6 * Math.max(1, Math.abs(analytic))));
            }
        }
    }

    @Test
    void theL2TermIsAddedExceptOnTheIntercept() {
        ObjectNode body = mtcars.deepCopy();
        body.putArray("coefficients").add(1.0).add(0.5).add(-2.0);
        body.put("l2", 0.1);
        JsonNode penalised =
                http.post("/objective", "application/json", body.toString()).json();
        JsonNode plain = objective(1.0, 0.5, -2.0);
        assertThat(penalised.get("loss").asDouble() - plain.get("loss").asDouble())
                .isCloseTo(0.05 * (0.25 + 4), within(1e-12));
        assertThat(penalised.get("gradient").get(0).asDouble())
                .isEqualTo(plain.get("gradient").get(0).asDouble());
        assertThat(penalised.get("hessian").get(1).get(1).asDouble()
                        - plain.get("hessian").get(1).get(1).asDouble())
                .isCloseTo(0.1, within(1e-12));
    }

    @Test
    void badCoefficientsAre400() {
        ObjectNode missing = mtcars.deepCopy();
        JsonNode problem = ApiEndToEndTest.assertProblem(
                http.post("/objective", "application/json", missing.toString()),
                400,
                "urn:logreg:problem:invalid-request");
        assertThat(problem.get("errors").findValuesAsString("field")).contains("coefficients");
        ObjectNode wrongLength = mtcars.deepCopy();
        wrongLength.putArray("coefficients").add(1).add(2);
        ApiEndToEndTest.assertProblem(
                http.post("/objective", "application/json", wrongLength.toString()),
                400,
                "urn:logreg:problem:invalid-request");
        ObjectNode negativePenalty = mtcars.deepCopy();
        negativePenalty.putArray("coefficients").add(1).add(2).add(3);
        negativePenalty.put("l2", -1);
        ApiEndToEndTest.assertProblem(
                http.post("/objective", "application/json", negativePenalty.toString()),
                400,
                "urn:logreg:problem:invalid-request");
    }
}
