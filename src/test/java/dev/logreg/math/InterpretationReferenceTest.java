package dev.logreg.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Marginal effects (statsmodels), Hosmer-Lemeshow and le Cessie-van Houwelingen (their published
 * formulas, the latter checked against rms), car::vif, drop1's LRT and rms::val.prob, on the cases
 * of {@code src/test/resources/interpretation}, each to 1e-6 relative.
 */
class InterpretationReferenceTest {

    private static final double TOLERANCE = 1e-6;

    static List<InterpretationCases.Case> cases() throws IOException {
        return InterpretationCases.all();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void marginalEffectsEqualStatsmodels(InterpretationCases.Case reference) {
        Assumptions.assumeTrue(reference.margeff() != null, "separated: no statsmodels reference");
        Fit fit = reference.fit();
        Dataset data = reference.dataset();
        List<int[]> factorGroups = new ArrayList<>();
        for (int[] term : reference.terms()) {
            if (term.length > 1) {
                factorGroups.add(term);
            }
        }
        List<int[]> termGroups = new ArrayList<>(factorGroups);
        for (int[] single : MarginalEffects.binaryColumns(data)) {
            if (factorGroups.stream().noneMatch(group -> contains(group, single[0]))) {
                termGroups.add(single);
            }
        }
        for (MarginalEffects.At at : MarginalEffects.At.values()) {
            JsonNode expected = reference.margeff().get(at == MarginalEffects.At.AVERAGE ? "average" : "mean");
            MarginalEffects matrix = MarginalEffects.of(
                    data,
                    fit.coefficients(),
                    fit.inference().covariance(),
                    at,
                    MarginalEffects.binaryColumns(data),
                    0.95);
            check(matrix, expected.get("matrix"), reference + " " + at + " matrix");
            MarginalEffects terms =
                    MarginalEffects.of(data, fit.coefficients(), fit.inference().covariance(), at, termGroups, 0.95);
            check(terms, expected.get("terms"), reference + " " + at + " terms");
        }
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    private static void check(MarginalEffects effects, JsonNode expected, String what) {
        close(effects.dydx(), expected.get("dydx"), what + " dydx");
        close(effects.standardErrors(), expected.get("standardError"), what + " se");
        close(effects.zValues(), expected.get("zValue"), what + " z");
        close(effects.pValues(), expected.get("pValue"), what + " p");
        close(effects.lower(), expected.get("lower"), what + " lower");
        close(effects.upper(), expected.get("upper"), what + " upper");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void goodnessOfFitEqualsHoslemAndRms(InterpretationCases.Case reference) {
        // At R's estimates: le Cessie's z = (S - E) / sd cancels (on ucb S - E is 3e-5 of S), so
        // estimates equal to 1e-10 give z to 1e-4 only; the formulas are what is checked here.
        double[] b = InterpretationCases.doubles(reference.expected().get("coefficients"));
        JsonNode rows = reference.expected().get("covariance");
        DMatrixRMaj covariance = new DMatrixRMaj(b.length, b.length);
        for (int j = 0; j < b.length; j++) {
            for (int k = 0; k < b.length; k++) {
                covariance.set(j, k, rows.get(j).get(k).asDouble());
            }
        }
        GoodnessOfFit gof = GoodnessOfFit.of(reference.dataset(), b, covariance);
        // Under separation R's fitted values are clamped at 2.2e-16: its ties, so its groups, differ.
        JsonNode hl = reference.separated() ? null : reference.expected().get("hosmerLemeshow");
        if (hl != null) {
            assertThat(gof.hosmerLemeshow().groups()).isEqualTo(hl.get("groups").asInt());
            assertThat(gof.hosmerLemeshow().degreesOfFreedom())
                    .isEqualTo(hl.get("df").asInt());
            close(gof.hosmerLemeshow().statistic(), hl.get("statistic").asDouble(), reference + " HL statistic");
            close(gof.hosmerLemeshow().pValue(), hl.get("pValue").asDouble(), reference + " HL p");
        }
        JsonNode lc = reference.expected().get("leCessieVanHouwelingen");
        GoodnessOfFit.LeCessieVanHouwelingen actual = gof.leCessieVanHouwelingen();
        close(actual.sumOfSquares(), lc.get("sumOfSquares").asDouble(), reference + " le Cessie S");
        close(actual.expected(), lc.get("expected").asDouble(), reference + " le Cessie E");
        close(actual.standardDeviation(), lc.get("sd").asDouble(), reference + " le Cessie sd");
        close(actual.zValue(), lc.get("zValue").asDouble(), reference + " le Cessie z");
        close(actual.pValue(), lc.get("pValue").asDouble(), reference + " le Cessie p");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void vifEqualsCar(InterpretationCases.Case reference) {
        List<VarianceInflation> vif = VarianceInflation.of(
                reference.fit().inference().covariance(), true, reference.termLabels(), reference.terms());
        JsonNode expected = reference.expected().get("vif");
        assertThat(vif).hasSize(expected.size());
        for (int t = 0; t < vif.size(); t++) {
            JsonNode row = expected.get(t);
            assertThat(vif.get(t).term()).isEqualTo(row.get("term").asString());
            assertThat(vif.get(t).degreesOfFreedom()).isEqualTo(row.get("df").asInt());
            close(vif.get(t).gvif(), row.get("gvif").asDouble(), reference + " gvif " + t);
            close(vif.get(t).gvifAdjusted(), row.get("gvifAdjusted").asDouble(), reference + " adjusted " + t);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void termDeletionEqualsDrop1(InterpretationCases.Case reference) {
        List<TermDeletion> rows = TermDeletion.of(
                reference.dataset(),
                reference.fit().coefficients(),
                reference.termLabels(),
                reference.terms(),
                ForkJoinPool.commonPool(),
                2);
        JsonNode expected = reference.expected().get("drop1");
        assertThat(rows).hasSize(expected.size());
        for (int k = 0; k < rows.size(); k++) {
            JsonNode row = expected.get(k);
            TermDeletion actual = rows.get(k);
            assertThat(actual.term())
                    .isEqualTo(row.get("term").isNull() ? null : row.get("term").asString());
            close(actual.deviance(), row.get("deviance").asDouble(), reference + " deviance " + k);
            close(actual.aic(), row.get("aic").asDouble(), reference + " aic " + k);
            if (k > 0) {
                assertThat(actual.degreesOfFreedom()).isEqualTo(row.get("df").asDouble());
                close(actual.lrt(), row.get("lrt").asDouble(), reference + " lrt " + k);
                close(actual.pValue(), row.get("pValue").asDouble(), reference + " p " + k);
            } else {
                assertThat(actual.lrt()).isNaN();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void evaluationEqualsValProb(InterpretationCases.Case reference) {
        JsonNode expected = reference.expected().get("evaluation");
        Assumptions.assumeTrue(expected != null && !expected.isNull(), "no evaluation in this case");
        JsonNode request = expected.deepCopy();
        ((tools.jackson.databind.node.ObjectNode) request)
                .set("featureNames", reference.expected().get("featureNames"));
        Dataset rows = InterpretationCases.dataset(request);
        Evaluation evaluation = Evaluation.of(rows, InterpretationCases.doubles(expected.get("coefficients")), 0.5);
        close(evaluation.calibrationIntercept(), expected.get("intercept").asDouble(), reference + " intercept");
        close(evaluation.calibrationSlope(), expected.get("slope").asDouble(), reference + " slope");
        close(evaluation.metrics().brierScore(), expected.get("brier").asDouble(), reference + " brier");
        close(evaluation.metrics().rocAuc(), expected.get("rocAuc").asDouble(), reference + " C (somers2)");
    }

    private static void close(double[] actual, JsonNode expected, String what) {
        double[] values = InterpretationCases.doubles(expected);
        assertThat(actual).as(what).hasSameSizeAs(values);
        for (int j = 0; j < values.length; j++) {
            close(actual[j], values[j], what + " [" + j + "]");
        }
    }

    private static void close(double actual, double expected, String what) {
        assertThat(Math.abs(actual - expected))
                .as(what + ": " + actual + " vs " + expected)
                .isLessThanOrEqualTo(TOLERANCE * Math.max(Math.abs(expected), 1e-12));
    }
}
