package dev.logreg.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The elastic-net path against glmnet at {@code thresh = 1e-20} on real data: the generated lambdas
 * to 1e-10, every nonzero coefficient and intercept to 1e-6 relative, the same zero pattern, df and
 * deviance ratios.
 */
class ElasticNetReferenceTest {

    static List<ElasticNetReferenceCases.Case> cases() throws IOException {
        return ElasticNetReferenceCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void pathEqualsGlmnet(ElasticNetReferenceCases.Case reference) {
        ElasticNetPath path = ElasticNet.fit(reference.dataset(), reference.options());
        JsonNode expected = reference.expected().get("path");
        assertLambdas(ElasticNetReferenceCases.doubles(expected.get("lambda")), path.lambdas(), 1e-10);
        assertPath(expected, path);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void explicitLambdasEqualGlmnet(ElasticNetReferenceCases.Case reference) {
        JsonNode expected = reference.expected().get("explicitPath");
        double[] lambdas = ElasticNetReferenceCases.doubles(expected.get("lambda"));
        ElasticNetPath path =
                ElasticNet.fit(reference.dataset(), reference.options().withLambdas(lambdas));
        assertLambdas(lambdas, path.lambdas(), 0);
        assertPath(expected, path);
    }

    private static void assertLambdas(double[] expected, double[] actual, double tolerance) {
        assertEquals(expected.length, actual.length, "number of lambdas");
        for (int l = 0; l < expected.length; l++) {
            assertEquals(expected[l], actual[l], tolerance * expected[l], "lambda " + l);
        }
    }

    private static void assertPath(JsonNode expected, ElasticNetPath path) {
        double[] intercepts = ElasticNetReferenceCases.doubles(expected.get("intercepts"));
        double[] ratios = ElasticNetReferenceCases.doubles(expected.get("devianceRatio"));
        for (int l = 0; l < path.size(); l++) {
            double[] coefficients = ElasticNetReferenceCases.doubles(
                    expected.get("coefficients").get(l));
            int expectedDf = 0;
            int actualDf = 0;
            for (int j = 0; j < coefficients.length; j++) {
                double actual = path.coefficients()[l][j];
                String where = "lambda " + l + " coefficient " + j;
                // At the lambda where a coefficient enters it is rounding noise in both fits (about
                // 1e-15 of its size along the path): zero, whatever the sign of the noise.
                double noise = 1e-12 * largest(expected.get("coefficients"), j);
                expectedDf += Math.abs(coefficients[j]) > noise ? 1 : 0;
                actualDf += Math.abs(actual) > noise ? 1 : 0;
                if (Math.abs(coefficients[j]) <= noise) {
                    assertEquals(0.0, actual, noise, where);
                } else {
                    assertRelative(coefficients[j], actual, where);
                }
            }
            assertRelative(intercepts[l], path.intercepts()[l], "intercept at lambda " + l);
            assertEquals(expectedDf, actualDf, "nonzero coefficients at lambda " + l);
            assertEquals(ratios[l], path.devianceRatios()[l], 1e-9, "deviance ratio at lambda " + l);
        }
        assertEquals(
                expected.get("nullDeviance").asDouble(),
                path.nullDeviance(),
                1e-12 * expected.get("nullDeviance").asDouble());
        assertTrue(path.converged());
    }

    private static double largest(JsonNode coefficients, int j) {
        double largest = 0;
        for (JsonNode atLambda : coefficients) {
            largest = Math.max(largest, Math.abs(atLambda.get(j).asDouble()));
        }
        return largest;
    }

    static void assertRelative(double expected, double actual, String where) {
        assertEquals(expected, actual, 1e-6 * Math.abs(expected), where);
    }
}
