package dev.logreg.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Newton's fits and their statistics against R's glm(family = binomial) on real datasets. */
class ReferenceFitTest {

    private static final LogisticRegression REGRESSION = new LogisticRegression(ForkJoinPool.commonPool(), 2);

    static List<ReferenceCases.Case> bundledCases() throws IOException {
        return ReferenceCases.bundled();
    }

    static List<ReferenceCases.Case> contractCases() throws IOException {
        return ReferenceCases.contract();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundledCases")
    void matchesR(ReferenceCases.Case reference) {
        Fit fit = REGRESSION.fit(reference.dataset(), 0, new NewtonSolver(), new SolverOptions(100, 1e-10));
        JsonNode expected = reference.expected();
        JsonNode rows = expected.get("coefficients");
        double[] coefficients = fit.coefficients();
        boolean[] aliased = fit.aliased();
        assertThat(fit.solverResult().converged()).isTrue();
        int kept = 0;
        for (int j = 0; j < rows.size(); j++) {
            JsonNode row = rows.get(j);
            assertThat(reference.dataset().columnName(j))
                    .isEqualTo(row.get("name").asString());
            if (row.get("estimate").isNull()) {
                assertThat(aliased[j]).as("%s aliased", row.get("name")).isTrue();
                assertThat(coefficients[j]).isZero();
                continue;
            }
            assertThat(aliased[j]).isFalse();
            assertRelative(coefficients[j], row.get("estimate").asDouble(), 1e-6, "estimate " + j);
            assertRelative(
                    fit.inference().standardErrors()[kept],
                    row.get("standardError").asDouble(),
                    1e-5,
                    "se " + j);
            assertRelative(fit.inference().zValues()[kept], row.get("zValue").asDouble(), 1e-5, "z " + j);
            assertThat(fit.inference().pValues()[kept])
                    .isCloseTo(
                            row.get("pValue").asDouble(),
                            within(1e-5 * Math.max(1e-12, row.get("pValue").asDouble()) + 1e-300));
            assertRelative(fit.inference().lower95()[kept], row.get("lower95").asDouble(), 1e-5, "lower " + j);
            assertRelative(fit.inference().upper95()[kept], row.get("upper95").asDouble(), 1e-5, "upper " + j);
            kept++;
        }
        Inference inference = fit.inference();
        assertThat(inference.rank()).isEqualTo(expected.get("rank").asInt());
        assertRelative(inference.deviance(), expected.get("deviance").asDouble(), 1e-6, "deviance");
        assertRelative(inference.nullDeviance(), expected.get("nullDeviance").asDouble(), 1e-6, "null deviance");
        assertRelative(inference.logLikelihood(), expected.get("logLikelihood").asDouble(), 1e-6, "logLik");
        assertRelative(inference.aic(), expected.get("aic").asDouble(), 1e-6, "aic");
        assertRelative(inference.bic(), expected.get("bic").asDouble(), 1e-6, "bic");
        JsonNode covariance = expected.get("covariance");
        for (int a = 0; a < covariance.size(); a++) {
            for (int b = 0; b < covariance.size(); b++) {
                double r = covariance.get(a).get(b).asDouble();
                double scale = Math.sqrt(covariance.get(a).get(a).asDouble()
                        * covariance.get(b).get(b).asDouble());
                assertThat(inference.covariance().get(a, b)).isCloseTo(r, within(1e-5 * scale));
            }
        }
    }

    /** The reference fits that came with the HTTP contract (mtcars-am, pima-tr), in the repository. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("contractCases")
    void matchesTheContractReferences(ReferenceCases.Case reference) {
        Fit fit = REGRESSION.fit(reference.dataset(), 0, new NewtonSolver(), new SolverOptions(100, 1e-8));
        JsonNode expected = reference.expected();
        double[] coefficients = fit.coefficients();
        for (int j = 0; j < coefficients.length; j++) {
            assertRelative(coefficients[j], expected.get("estimate").get(j).asDouble(), 1e-6, "estimate " + j);
            assertRelative(
                    fit.inference().standardErrors()[j],
                    expected.get("standardError").get(j).asDouble(),
                    1e-5,
                    "se " + j);
        }
        assertRelative(fit.inference().deviance(), expected.get("deviance").asDouble(), 1e-6, "deviance");
        assertRelative(
                fit.inference().nullDeviance(), expected.get("nullDeviance").asDouble(), 1e-6, "null deviance");
        assertRelative(fit.inference().aic(), expected.get("aic").asDouble(), 1e-6, "aic");
        assertRelative(
                fit.inference().logLikelihood(), expected.get("logLikelihood").asDouble(), 1e-6, "logLik");
    }

    @Test
    void everyContractCaseIsRead() throws IOException {
        assertThat(contractCases()).extracting(ReferenceCases.Case::name).containsExactly("mtcars-am", "pima-tr");
    }

    private static void assertRelative(double actual, double expected, double tolerance, String what) {
        assertThat(actual).as(what).isCloseTo(expected, within(tolerance * Math.max(Math.abs(expected), 1e-300)));
    }
}
