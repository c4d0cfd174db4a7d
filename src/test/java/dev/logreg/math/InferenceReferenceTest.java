package dev.logreg.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Firth's fits and the sandwich covariances against R's brglm2 ({@code type = "AS_mean"}) and
 * {@code sandwich::vcovHC}, from {@code src/test/resources/reference-inference} (made by
 * {@code scripts/reference/make-inference-reference.R}): every number to 1e-6 relative.
 */
class InferenceReferenceTest {

    private static final Path CASES = Path.of("src/test/resources/reference-inference");
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final double TOLERANCE = 1e-6;
    /** Two workers, so that the parallel row passes are the ones compared. */
    private static final LogisticRegression REGRESSION = new LogisticRegression(ForkJoinPool.commonPool(), 2);

    record Case(String name, FitMethod method, Dataset dataset, JsonNode expected) {
        @Override
        public String toString() {
            return name + " " + method.apiName();
        }
    }

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(CASES)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode root = MAPPER.readTree(file.toFile());
                Dataset data = ReferenceCases.dataset(root.get("request"));
                for (FitMethod method : FitMethod.values()) {
                    JsonNode expected = root.get("expected").get(method.apiName());
                    if (expected != null) {
                        cases.add(new Case(root.get("case").asString(), method, data, expected));
                    }
                }
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesR(Case reference) {
        JsonNode expected = reference.expected();
        double worst = 0;
        for (CovarianceType type : CovarianceType.values()) {
            Fit fit = REGRESSION.fit(
                    reference.dataset(),
                    0,
                    new NewtonSolver(),
                    new SolverOptions(100, 1e-12),
                    reference.method(),
                    type);
            assertThat(fit.solverResult().converged())
                    .as(
                            "converged: %s %s %s",
                            fit.solverResult().stopReason(),
                            fit.solverResult().gradientNorm(),
                            fit.solverResult().iterations())
                    .isTrue();
            assertThat(fit.warnings()).isEmpty();
            Inference inference = fit.inference();
            assertThat(inference.covarianceType()).isEqualTo(type);
            worst = Math.max(worst, compare(fit.coefficients(), expected.get("estimates"), "estimates"));
            JsonNode statistics = expected.get("covariance").get(type.apiName());
            worst = Math.max(
                    worst, compare(inference.standardErrors(), statistics.get("standardErrors"), type + " se"));
            worst = Math.max(worst, compare(inference.zValues(), statistics.get("zValues"), type + " z"));
            worst = Math.max(worst, compare(inference.pValues(), statistics.get("pValues"), type + " p"));
            worst = Math.max(worst, compare(inference.lower95(), statistics.get("lower95"), type + " lower"));
            worst = Math.max(worst, compare(inference.upper95(), statistics.get("upper95"), type + " upper"));
            JsonNode matrix = statistics.get("matrix");
            for (int a = 0; a < matrix.size(); a++) {
                for (int b = 0; b < matrix.size(); b++) {
                    double r = matrix.get(a).get(b).asDouble();
                    double scale = Math.sqrt(matrix.get(a).get(a).asDouble()
                            * matrix.get(b).get(b).asDouble());
                    double difference = Math.abs(inference.covariance().get(a, b) - r) / scale;
                    assertThat(difference)
                            .as("%s covariance[%d][%d]", type, a, b)
                            .isLessThanOrEqualTo(TOLERANCE);
                    worst = Math.max(worst, difference);
                }
            }
            worst = Math.max(worst, compare(inference.deviance(), expected.get("deviance"), "deviance"));
            worst = Math.max(worst, compare(inference.nullDeviance(), expected.get("nullDeviance"), "null deviance"));
            worst = Math.max(worst, compare(inference.logLikelihood(), expected.get("logLikelihood"), "logLik"));
            worst = Math.max(worst, compare(inference.aic(), expected.get("aic"), "aic"));
            worst = Math.max(worst, compare(inference.bic(), expected.get("bic"), "bic"));
        }
        System.out.printf(Locale.ROOT, "%s: max relative difference from R %.2e%n", reference, worst);
    }

    private static double compare(double[] actual, JsonNode expected, String what) {
        assertThat(actual).as(what).hasSize(expected.size());
        double worst = 0;
        for (int j = 0; j < actual.length; j++) {
            worst = Math.max(worst, compare(actual[j], expected.get(j), what + "[" + j + "]"));
        }
        return worst;
    }

    private static double compare(double actual, JsonNode expected, String what) {
        double r = expected.asDouble();
        double difference = Math.abs(actual - r) / Math.max(Math.abs(r), 1e-300);
        assertThat(difference).as("%s: %s against R's %s", what, actual, r).isLessThanOrEqualTo(TOLERANCE);
        return difference;
    }
}
