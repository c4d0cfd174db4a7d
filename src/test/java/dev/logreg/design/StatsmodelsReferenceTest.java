package dev.logreg.design;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logreg.math.Fit;
import dev.logreg.math.LogisticRegression;
import dev.logreg.math.NewtonSolver;
import dev.logreg.math.SolverOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * A second reference: statsmodels' formula API (patsy) on Titanic and warpbreaks
 * ({@code statsmodels-reference.json}, made by {@code scripts/reference/make-formula-statsmodels.py}):
 * the same columns (patsy's names translated to R's), estimates, standard errors and deviance to 1e-6.
 */
class StatsmodelsReferenceTest {

    record Case(String table, JsonNode expected) {
        @Override
        public String toString() {
            return table + ": " + expected.get("formula").asString();
        }
    }

    static List<Case> cases() throws IOException {
        JsonNode root =
                DesignFixtures.read(Files.readString(DesignFixtures.DIRECTORY.resolve("statsmodels-reference.json")));
        List<Case> cases = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            cases.add(new Case(c.get("table").asString(), c));
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesStatsmodels(Case reference) throws IOException {
        JsonNode expected = reference.expected();
        JsonNode data = DesignFixtures.read(
                        Files.readString(DesignFixtures.DIRECTORY.resolve(reference.table() + ".json")))
                .get("data");
        JsonNode weights = expected.get("weights");
        DesignRequest request = new DesignRequest(
                expected.get("formula").asString(), weights.isNull() ? null : weights.asString(), null, null);
        CodedTable coded = DesignBuilder.build(DesignFixtures.table(data), request, DesignLimits.DEFAULTS);
        List<String> columns = DesignFixtures.strings(expected.get("columns"));
        assertThat(coded.design().columns()).containsExactlyInAnyOrderElementsOf(columns);
        Fit fit = new LogisticRegression(ForkJoinPool.commonPool(), 1)
                .fit(coded.dataset(), 0, new NewtonSolver(), new SolverOptions(100, 1e-12));
        for (int k = 0; k < columns.size(); k++) {
            int j = coded.design().columns().indexOf(columns.get(k));
            double se = expected.get("standardErrors").get(k).asDouble();
            double estimate = expected.get("estimates").get(k).asDouble();
            assertThat(Math.abs(fit.coefficients()[j] - estimate) / Math.max(Math.abs(estimate), se))
                    .as(columns.get(k))
                    .isLessThanOrEqualTo(1e-6);
            assertThat(Math.abs(fit.inference().standardErrors()[j] - se) / se)
                    .as("se " + columns.get(k))
                    .isLessThanOrEqualTo(1e-6);
        }
        double deviance = expected.get("deviance").asDouble();
        assertThat(Math.abs(fit.inference().deviance() - deviance) / deviance).isLessThanOrEqualTo(1e-6);
    }
}
