package dev.logreg.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.logreg.math.kernel.LogisticFunctions;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** The whole fit on edge cases: separation, collinearity, one class, weights, soft labels. */
class LogisticRegressionTest {

    private final LogisticRegression regression = new LogisticRegression(ForkJoinPool.commonPool(), 1);
    private final SolverOptions options = new SolverOptions(100, 1e-8);

    private Fit fit(Dataset data, double l2) {
        return regression.fit(data, l2, new NewtonSolver(), options);
    }

    @Test
    void completeSeparationIsReportedWithFiniteNumbers() {
        Fit fit = fit(TestData.of(new double[][] {{-2}, {-1}, {1}, {2}}, new double[] {0, 0, 1, 1}), 0);
        assertThat(fit.solverResult().converged()).isFalse();
        assertThat(fit.solverResult().stopReason()).isEqualTo(StopReason.SEPARATION);
        assertThat(fit.warnings())
                .filteredOn(w -> w.code().equals(FitWarning.SEPARATION))
                .singleElement()
                .satisfies(w -> assertThat(w.message()).contains("x1"));
        assertThat(java.util.Arrays.stream(fit.coefficients()).allMatch(Double::isFinite))
                .isTrue();
        assertThat(fit.inference().deviance()).isFinite();
    }

    @Test
    void quasiCompleteSeparationIsReported() {
        // x1 < 0 are all 0, x1 > 0 all 1, and both classes at the identical point (0, 0.5).
        double[][] features = {{-3, 0.2}, {-2, -1}, {-1, 0.5}, {0, 0.5}, {0, 0.5}, {1, 0.3}, {2, 2}, {3, -0.4}};
        double[] labels = {0, 0, 0, 0, 1, 1, 1, 1};
        Fit fit = fit(TestData.of(features, labels), 0);
        assertThat(fit.solverResult().stopReason()).isEqualTo(StopReason.SEPARATION);
        assertThat(fit.warnings()).extracting(FitWarning::code).contains(FitWarning.SEPARATION);
        assertThat(fit.warnings())
                .filteredOn(w -> w.code().equals(FitWarning.SEPARATION))
                .singleElement()
                .satisfies(w -> assertThat(w.message()).contains("x1"));
    }

    @Test
    void oneClassOnlyIsSeparationAlongTheIntercept() {
        Fit fit = fit(TestData.of(new double[][] {{1}, {2}, {3}, {5}}, new double[] {1, 1, 1, 1}), 0);
        assertThat(fit.solverResult().stopReason()).isEqualTo(StopReason.SEPARATION);
        assertThat(fit.warnings())
                .filteredOn(w -> w.code().equals(FitWarning.SEPARATION))
                .singleElement()
                .satisfies(w -> assertThat(w.message()).contains("(intercept)"));
        assertThat(fit.metrics().rocAuc()).isNaN();
    }

    @Test
    void oneClassOnlyIsReportedEvenWithAPenalty() {
        Fit fit = fit(TestData.of(new double[][] {{1}, {2}, {3}, {5}}, new double[] {1, 1, 1, 1}), 0.1);
        assertThat(fit.solverResult().stopReason()).isEqualTo(StopReason.SEPARATION);
        assertThat(fit.warnings())
                .filteredOn(w -> w.code().equals(FitWarning.SEPARATION))
                .singleElement()
                .satisfies(w -> assertThat(w.message()).contains("Only one class"));
    }

    @Test
    void separatedFeaturesWithAPenaltyHaveAFiniteOptimum() {
        Fit fit = fit(TestData.of(new double[][] {{-2}, {-1}, {1}, {2}}, new double[] {0, 0, 1, 1}), 0.1);
        assertThat(fit.solverResult().converged()).isTrue();
        assertThat(fit.warnings()).extracting(FitWarning::code).containsExactly(FitWarning.PENALIZED_INFERENCE);
    }

    @Test
    void wellPosedDataAreNotFlaggedAsSeparated() {
        Fit fit = fit(TestData.synthetic(400, 4, 41, false, false), 0);
        assertThat(fit.solverResult().converged()).isTrue();
        assertThat(fit.warnings()).isEmpty();
    }

    @Test
    void aLinearCombinationOfEarlierColumnsIsAliasedAsRDoes() {
        Dataset base = TestData.synthetic(100, 2, 43, false, false);
        double[][] features = new double[100][3];
        for (int i = 0; i < 100; i++) {
            features[i][0] = base.designData()[i * 3 + 1];
            features[i][1] = base.designData()[i * 3 + 2];
            features[i][2] = 2 * features[i][0] - features[i][1] + 1;
        }
        Fit fit = fit(TestData.of(features, base.labels()), 0);
        assertThat(fit.aliased()).containsExactly(false, false, false, true);
        assertThat(fit.coefficients()[3]).isZero();
        assertThat(fit.warnings())
                .filteredOn(w -> w.code().equals(FitWarning.COLLINEAR))
                .singleElement()
                .satisfies(w -> assertThat(w.message()).contains("x3"));
        Fit reduced = fit(base, 0);
        assertThat(Arrays.copyOf(fit.coefficients(), 3)).containsExactly(reduced.coefficients(), within(1e-12));
    }

    @Test
    void aConstantColumnIsAliasedWithTheIntercept() {
        double[][] features = {{1, 5}, {2, 5}, {3, 5}, {4, 5}, {5, 5}, {6, 5}};
        Fit fit = fit(TestData.of(features, new double[] {0, 1, 0, 1, 1, 0}), 0);
        assertThat(fit.aliased()).containsExactly(false, false, true);
    }

    @Test
    void everyColumnZeroIsRejected() {
        Dataset data = TestData.of(new double[][] {{0}, {0}}, new double[] {0, 1}, null, false);
        assertThatThrownBy(() -> fit(data, 0)).isInstanceOf(DegenerateDataException.class);
    }

    @Test
    void frequencyWeightsEqualRepeatedRows() {
        Dataset weighted = TestData.of(
                new double[][] {{1}, {2}, {3}, {4}}, new double[] {0, 1, 0, 1}, new double[] {3, 1, 2, 4}, true);
        Dataset repeated = TestData.of(
                new double[][] {{1}, {1}, {1}, {2}, {3}, {3}, {4}, {4}, {4}, {4}},
                new double[] {0, 0, 0, 1, 0, 0, 1, 1, 1, 1});
        Fit a = fit(weighted, 0);
        Fit b = fit(repeated, 0);
        assertThat(a.coefficients()).containsExactly(b.coefficients(), within(1e-10));
        assertThat(a.inference().standardErrors()).containsExactly(b.inference().standardErrors(), within(1e-9));
        assertThat(a.inference().deviance()).isCloseTo(b.inference().deviance(), within(1e-9));
        assertThat(a.metrics().rocAuc()).isCloseTo(b.metrics().rocAuc(), within(1e-12));
    }

    @Test
    void proportionsWithTrialWeightsEqualTheBinaryExpansion() {
        // 3 of 4 successes at x = 1, 1 of 5 at x = 2, 2 of 2 at x = 3 (not separated: 1 of 2 at x = 0).
        Dataset grouped = TestData.of(
                new double[][] {{0}, {1}, {2}, {3}}, new double[] {0.5, 0.75, 0.2, 1}, new double[] {2, 4, 5, 2}, true);
        double[][] rows = new double[13][1];
        double[] labels = new double[13];
        int[][] spec = {{0, 1, 1}, {1, 3, 1}, {2, 1, 4}, {3, 2, 0}};
        int next = 0;
        for (int[] group : spec) {
            for (int k = 0; k < group[1] + group[2]; k++) {
                rows[next][0] = group[0];
                labels[next++] = k < group[1] ? 1 : 0;
            }
        }
        Dataset binary = TestData.of(rows, labels);
        Fit a = fit(grouped, 0);
        Fit b = fit(binary, 0);
        assertThat(a.coefficients()).containsExactly(b.coefficients(), within(1e-10));
        assertThat(a.inference().standardErrors()).containsExactly(b.inference().standardErrors(), within(1e-9));
        assertThat(a.inference().logLikelihood()).isCloseTo(b.inference().logLikelihood(), within(1e-9));
    }

    @Test
    void penaltyAddsAWarningAndSkipsTheRankCheck() {
        double[][] features = {{1, 2}, {2, 4}, {3, 6}, {4, 8}, {5, 10}};
        Fit fit = fit(TestData.of(features, new double[] {0, 1, 0, 1, 1}), 0.5);
        assertThat(fit.aliased()).containsOnly(false);
        assertThat(fit.solverResult().converged()).isTrue();
        assertThat(fit.warnings()).extracting(FitWarning::code).containsExactly(FitWarning.PENALIZED_INFERENCE);
    }

    @Test
    void withoutInterceptTheNullModelIsAFairCoin() {
        Dataset data =
                TestData.of(new double[][] {{1}, {-2}, {3}, {0.5}, {-1}}, new double[] {1, 0, 0, 1, 1}, null, false);
        Fit fit = fit(data, 0);
        assertThat(fit.inference().nullDeviance()).isCloseTo(2 * 5 * Math.log(2), within(1e-12));
    }

    @Test
    void notConvergedIsReportedWhenTheBudgetRunsOut() {
        Fit fit = regression.fit(
                TestData.synthetic(200, 3, 47, false, false), 0, new NewtonSolver(), new SolverOptions(1, 1e-8));
        assertThat(fit.solverResult().converged()).isFalse();
        assertThat(fit.warnings()).extracting(FitWarning::code).containsExactly(FitWarning.NOT_CONVERGED);
    }

    @Test
    void newtonOutOfIterationsIsPointedAtMaxIterations() {
        Fit fit = regression.fit(
                TestData.synthetic(200, 3, 47, false, false), 0, new NewtonSolver(), new SolverOptions(1, 1e-8));
        assertThat(fit.warnings())
                .singleElement()
                .satisfies(w -> assertThat(w.message())
                        .contains("(iteration limit reached) after 1 iterations")
                        .contains("raise maxIterations"));
    }

    @Test
    void sgdThatMeetsTheToleranceSaysConvergedAndItsFullGradientIsThatSmall() {
        Dataset data = SolverTestData.standardised(SolverTestData.PIMA);
        double tolerance = 1e-2;
        Fit fit = regression.fit(data, 0, new SgdSolver(), new SolverOptions(100, tolerance, null, 1, 32, 50, 0));

        FitResult result = fit.solverResult();
        assertThat(result.converged()).isTrue();
        assertThat(result.stopReason()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
        assertThat(result.iterations()).isLessThan(50);
        assertThat(fit.warnings()).extracting(FitWarning::code).doesNotContain(FitWarning.NOT_CONVERGED);
        // Converged means what it means for every solver: the full gradient at the returned coefficients, read in
        // the stopping rule's units (each coordinate's scale when below 1), meets the tolerance.
        LogisticLoss loss = SolverTestData.loss(data, 0);
        double[] gradient = new double[data.numColumns()];
        loss.evaluate(fit.coefficients(), gradient, null);
        double[] scales = loss.coordinateScales();
        for (int j = 0; j < gradient.length; j++) {
            double unit = scales[j] > 0 && scales[j] < 1 ? scales[j] : 1;
            assertThat(Math.abs(gradient[j]) / unit).as("coordinate %d", j).isLessThanOrEqualTo(tolerance);
        }
    }

    @Test
    void sgdThatRunsOutOfEpochsSaysSoAndPointsAtEpochsNotMaxIterations() {
        Dataset data = SolverTestData.standardised(SolverTestData.PIMA);
        // maxIterations 1 is not SGD's budget: it runs its 5 epochs.
        Fit fit = regression.fit(data, 0, new SgdSolver(), new SolverOptions(1, 1e-8, null, 1, 32, 5, 0));

        FitResult result = fit.solverResult();
        assertThat(result.converged()).isFalse();
        assertThat(result.stopReason()).isEqualTo(StopReason.MAX_ITERATIONS);
        assertThat(result.iterations()).isEqualTo(5);
        assertThat(result.gradientNorm()).isGreaterThan(1e-8);
        assertThat(fit.warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo(FitWarning.NOT_CONVERGED);
            assertThat(w.message())
                    .contains("The sgd solver stopped (epoch limit reached) after 5 epochs")
                    .contains("raise epochs")
                    .doesNotContain("raise maxIterations");
        });
    }

    /** The fit on 300 seeded rows whose second feature is multiplied by {@code scale}. */
    private Fit fitWithSecondFeatureScaled(double scale) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(20261124);
        int n = 300;
        double[][] features = new double[n][3];
        double[] labels = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                features[i][j] = TestData.gaussian(random);
            }
            double u = 0.2 + 0.8 * features[i][0] - 0.6 * features[i][1] + 0.3 * features[i][2];
            labels[i] = random.nextDouble() < LogisticFunctions.sigmoid(u) ? 1 : 0;
            features[i][1] *= scale;
        }
        // Tight enough that the reference fit's own stopping error is far below what is compared.
        return regression.fit(TestData.of(features, labels), 0, new NewtonSolver(), new SolverOptions(100, 1e-12));
    }

    @Test
    void aFeatureOfAnyUsableScaleFitsAsIfStandardised() {
        Fit reference = fitWithSecondFeatureScaled(1);
        for (double scale : new double[] {1e-130, 1e-12, 1e-4, 1e4, 1e12, 1e130}) {
            Fit scaled = fitWithSecondFeatureScaled(scale);
            assertThat(scaled.solverResult().converged()).as("scale %s", scale).isTrue();
            assertThat(scaled.warnings()).as("scale %s", scale).isEmpty();
            for (int column = 0; column < 4; column++) {
                double unit = column == 2 ? scale : 1;
                assertThat(scaled.coefficients()[column] * unit)
                        .as("coefficient %d at scale %s", column, scale)
                        .isCloseTo(
                                reference.coefficients()[column],
                                within(1e-10 * Math.abs(reference.coefficients()[column])));
                assertThat(scaled.inference().standardErrors()[column] * unit)
                        .as("SE %d at scale %s", column, scale)
                        .isCloseTo(
                                reference.inference().standardErrors()[column],
                                within(1e-8 * reference.inference().standardErrors()[column]));
            }
        }
    }

    @Test
    void aTinyFeatureIsFittedNotTakenForConvergedAtZero() {
        // Balanced classes and a centred feature: at b = 0 the intercept's gradient is 0 and the
        // feature's is its scale times 0.25, below the tolerance for a scale of 1e-9.
        double[] labels = {0, 0, 1, 0, 1, 1};
        double[] unscaled = {-3, -2, -1, 1, 2, 3};
        Fit reference = fit(TestData.of(column(unscaled, 1), labels), 0);
        for (double scale : new double[] {1e-9, 1e-30}) {
            Fit tiny = fit(TestData.of(column(unscaled, scale), labels), 0);
            assertThat(tiny.solverResult().iterations()).as("scale %s", scale).isGreaterThan(0);
            assertThat(tiny.coefficients()[1] * scale)
                    .as("scale %s", scale)
                    .isCloseTo(
                            reference.coefficients()[1], within(1e-8 * reference.coefficients()[1]));
        }
    }

    @Test
    void noSolverTakesATinyFeaturesSmallGradientForConvergence() {
        double[] labels = {0, 0, 1, 0, 1, 1};
        double[] unscaled = {-3, -2, -1, 1, 2, 3};
        double expected = fit(TestData.of(column(unscaled, 1), labels), 0).coefficients()[1];
        for (Solver solver : new Solver[] {new LbfgsSolver(), new GradientDescentSolver(), new SgdSolver()}) {
            Fit tiny = regression.fit(TestData.of(column(unscaled, 1e-9), labels), 0, solver, options);
            // These solvers are not scale-invariant and may not get there; if they say they did,
            // they must have.
            if (tiny.solverResult().converged()) {
                assertThat(tiny.coefficients()[1] * 1e-9)
                        .as(solver.name())
                        .isCloseTo(expected, within(1e-6 * expected));
            } else {
                assertThat(tiny.warnings())
                        .extracting(FitWarning::code)
                        .as(solver.name())
                        .contains(FitWarning.NOT_CONVERGED);
            }
        }
    }

    private static double[][] column(double[] values, double scale) {
        double[][] rows = new double[values.length][1];
        for (int i = 0; i < values.length; i++) {
            rows[i][0] = values[i] * scale;
        }
        return rows;
    }

    @Test
    void aFeatureBeyondDoublePrecisionSumsIsRefusedByName() {
        assertThatThrownBy(() -> fitWithSecondFeatureScaled(1e200))
                .isInstanceOf(DegenerateDataException.class)
                .hasMessageContaining("x2 has a root mean square of")
                .hasMessageContaining("above 1e+140");
        assertThatThrownBy(() -> fitWithSecondFeatureScaled(1e-200))
                .isInstanceOf(DegenerateDataException.class)
                .hasMessageContaining("x2 has a root mean square of")
                .hasMessageContaining("below 1e-140");
    }

    @Test
    void anAllZeroFeatureIsStillAliasedNotRefused() {
        Fit fit = fit(
                TestData.of(new double[][] {{1, 0}, {2, 0}, {3, 0}, {4, 0}, {5, 0}}, new double[] {0, 1, 0, 1, 1}), 0);
        assertThat(fit.aliased()).containsExactly(false, false, true);
    }
}
