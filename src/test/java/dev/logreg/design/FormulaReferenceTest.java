package dev.logreg.design;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logreg.math.Fit;
import dev.logreg.math.LogisticRegression;
import dev.logreg.math.NewtonSolver;
import dev.logreg.math.SolverOptions;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Tables coded by formulas against R's {@code model.matrix} and {@code glm}, from
 * {@code src/test/resources/design} (made by {@code scripts/reference/make-formula-reference.R} on
 * Titanic, warpbreaks, infert, airquality, esoph and MASS::Insurance): column names and term labels
 * exactly, the model matrix, labels, weights and offset to 1e-12, the fit's estimates, standard
 * errors, deviances and AIC to 1e-6 relative, and predictions on raw rows ({@code predict(fit,
 * newdata, se.fit = TRUE)}: logit and its standard error, missing where a needed value is missing).
 */
class FormulaReferenceTest {

    private static final double TOLERANCE = 1e-6;
    private static final LogisticRegression REGRESSION = new LogisticRegression(ForkJoinPool.commonPool(), 2);

    static List<DesignFixtures.Case> cases() throws IOException {
        return DesignFixtures.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void codesAsModelMatrixDoes(DesignFixtures.Case reference) {
        JsonNode expected = reference.expected();
        CodedTable coded = DesignBuilder.build(reference.data(), reference.request(), DesignLimits.DEFAULTS);
        Design design = coded.design();
        assertThat(design.columns()).isEqualTo(DesignFixtures.strings(expected.get("columns")));
        assertThat(design.terms().stream().map(DesignTerm::label).toList())
                .isEqualTo(DesignFixtures.strings(expected.get("terms")));
        assertThat(design.rowsOmitted()).isEqualTo(expected.get("rowsOmitted").asLong());
        JsonNode matrix = expected.get("matrix");
        assertThat(coded.numRows()).isEqualTo(matrix.size());
        int p = coded.numColumns();
        for (int i = 0; i < coded.numRows(); i++) {
            for (int j = 0; j < p; j++) {
                close(coded.x()[i * p + j], matrix.get(i).get(j), "x[" + i + "][" + j + "]");
            }
            if (coded.weights()[i] > 0) { // R's binomial family sets the label of a row of weight 0 to 0
                close(coded.labels()[i], expected.get("labels").get(i), "y[" + i + "]");
            }
            close(coded.weights()[i], expected.get("weights").get(i), "w[" + i + "]");
        }
        JsonNode offset = expected.get("offset");
        if (offset == null || offset.isNull()) {
            assertThat(coded.offset()).isNull();
        } else {
            for (int i = 0; i < coded.numRows(); i++) {
                close(coded.offset()[i], offset.get(i), "offset[" + i + "]");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fitsAndPredictsAsGlmDoes(DesignFixtures.Case reference) {
        JsonNode expected = reference.expected();
        CodedTable coded = DesignBuilder.build(reference.data(), reference.request(), DesignLimits.DEFAULTS);
        Fit fit = REGRESSION.fit(coded.dataset(), 0, new NewtonSolver(), new SolverOptions(100, 1e-12));
        assertThat(fit.solverResult().converged()).isTrue();
        double[] b = fit.coefficients();
        boolean[] aliased = fit.aliased();
        int[] kept = fit.keptColumns();
        JsonNode estimates = expected.get("estimates");
        JsonNode standardErrors = expected.get("standardErrors");
        double worst = 0;
        int k = 0;
        for (int j = 0; j < b.length; j++) {
            assertThat(aliased[j])
                    .as("aliased %s", coded.design().columns().get(j))
                    .isEqualTo(estimates.get(j).isNull());
            if (!aliased[j]) {
                worst = Math.max(worst, close(b[j], estimates.get(j), TOLERANCE, "estimate " + j));
                worst = Math.max(
                        worst, close(fit.inference().standardErrors()[k], standardErrors.get(j), TOLERANCE, "se " + j));
                k++;
            }
        }
        worst = Math.max(worst, close(fit.inference().deviance(), expected.get("deviance"), 0, "deviance"));
        worst = Math.max(worst, close(fit.inference().nullDeviance(), expected.get("nullDeviance"), 0, "null"));
        worst = Math.max(worst, close(fit.inference().aic(), expected.get("aic"), 0, "aic"));

        JsonNode predict = expected.get("predict");
        int[] rows = new int[predict.get("rows").size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = predict.get("rows").get(i).asInt();
        }
        CodedRows records = coded.design().coder().code(DesignFixtures.rows(reference.rawData(), rows));
        DMatrixRMaj covariance = fit.inference().covariance();
        int p = records.numColumns();
        for (int i = 0; i < rows.length; i++) {
            JsonNode logit = predict.get("logit").get(i);
            assertThat(records.missing()[i]).as("row %d missing", rows[i]).isEqualTo(logit.isNull());
            if (logit.isNull()) {
                continue;
            }
            double eta = records.offset() == null ? 0 : records.offset()[i];
            for (int j = 0; j < p; j++) {
                eta += records.x()[i * p + j] * b[j];
            }
            double variance = 0;
            for (int a = 0; a < kept.length; a++) {
                for (int c = 0; c < kept.length; c++) {
                    variance += records.x()[i * p + kept[a]] * covariance.get(a, c) * records.x()[i * p + kept[c]];
                }
            }
            double seFit = predict.get("standardError").get(i).asDouble();
            worst = Math.max(worst, close(eta, logit, seFit, "logit " + rows[i]));
            worst = Math.max(
                    worst,
                    close(Math.sqrt(variance), predict.get("standardError").get(i), 0, "se.fit " + rows[i]));
        }
        System.out.printf(Locale.ROOT, "%s: max relative difference from R %.2e%n", reference, worst);
    }

    /** The difference relative to R's value, or to {@code scale} where that is larger (a value near 0). */
    private static double close(double actual, JsonNode expected, double scale, String what) {
        double r = expected.asDouble();
        double difference = Math.abs(actual - r) / Math.max(Math.max(Math.abs(r), scale), 1e-300);
        assertThat(difference).as("%s: %s against R's %s", what, actual, r).isLessThanOrEqualTo(TOLERANCE);
        return difference;
    }

    /** Coded values, which equal R's to rounding. */
    private static void close(double actual, JsonNode expected, String what) {
        double r = expected.asDouble();
        assertThat(Math.abs(actual - r))
                .as("%s: %s against R's %s", what, actual, r)
                .isLessThanOrEqualTo(1e-12 * Math.max(1, Math.abs(r)));
    }
}
