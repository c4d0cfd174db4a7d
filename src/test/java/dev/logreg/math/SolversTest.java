package dev.logreg.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Gradient descent, SGD and L-BFGS against Newton's optimum on real, standardised data. */
class SolversTest {

    static List<String> realDatasets() {
        return List.of("pima-tr", "infert", "birthwt", "mtcars-vs");
    }

    /** A bundled reference dataset with every feature centred and scaled to unit variance. */
    static Dataset standardised(String name) throws IOException {
        Dataset data = ReferenceCases.bundled().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow().dataset();
        int n = data.numSamples();
        int p = data.numColumns();
        double[] design = data.designData().clone();
        for (int j = 1; j < p; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += design[i * p + j] / n;
            }
            double variance = 0;
            for (int i = 0; i < n; i++) {
                variance += (design[i * p + j] - mean) * (design[i * p + j] - mean) / n;
            }
            double scale = variance > 0 ? 1 / Math.sqrt(variance) : 1;
            for (int i = 0; i < n; i++) {
                design[i * p + j] = (design[i * p + j] - mean) * scale;
            }
        }
        return new Dataset(design, n, p, true, data.labels(), data.weights(), data.featureNames());
    }

    static double newtonLoss(Dataset data, double l2) {
        FitResult newton = new NewtonSolver().minimize(loss(data, l2), new double[data.numColumns()],
                new SolverOptions(100, 1e-12));
        assertThat(newton.converged()).isTrue();
        return newton.loss();
    }

    static LogisticLoss loss(Dataset data, double l2) {
        return new LogisticLoss(new LocalRowSums(data), l2, true);
    }

    static double relativeGap(double loss, double optimum) {
        return (loss - optimum) / optimum;
    }

    @ParameterizedTest
    @MethodSource("realDatasets")
    void lbfgsReachesNewtonsLossToOneInAHundredMillion(String name) throws IOException {
        Dataset data = standardised(name);
        FitResult result = new LbfgsSolver().minimize(loss(data, 0), new double[data.numColumns()],
                new SolverOptions(1000, 1e-8));
        assertThat(result.converged()).isTrue();
        assertThat(relativeGap(result.loss(), newtonLoss(data, 0))).isBetween(-1e-12, 1e-8);
        assertNeverIncreases(result.lossHistory());
    }

    @ParameterizedTest
    @MethodSource("realDatasets")
    void gradientDescentReachesNewtonsLossToOneInAMillionIn5000Iterations(String name) throws IOException {
        Dataset data = standardised(name);
        FitResult result = new GradientDescentSolver().minimize(loss(data, 0), new double[data.numColumns()],
                new SolverOptions(5000, 1e-8));
        assertThat(relativeGap(result.loss(), newtonLoss(data, 0))).isBetween(-1e-12, 1e-6);
        assertNeverIncreases(result.lossHistory());
    }

    /** SGD needs several mini-batches per epoch: mtcars' 32 rows make one, so it is left out. */
    static List<String> datasetsWithManyBatches() {
        return List.of("pima-tr", "pima-te", "infert", "birthwt");
    }

    @ParameterizedTest
    @MethodSource("datasetsWithManyBatches")
    void sgdWithDefaultOptionsReachesNewtonsLossToOneInAThousandIn50Epochs(String name) throws IOException {
        Dataset data = standardised(name);
        SolverOptions defaults = new SolverOptions(SolverOptions.DEFAULT_MAX_ITERATIONS, SolverOptions.DEFAULT_TOLERANCE);
        FitResult result = new SgdSolver().minimize(loss(data, 0), new double[data.numColumns()], defaults);
        assertThat(result.iterations()).isEqualTo(SolverOptions.DEFAULT_EPOCHS);
        assertThat(result.lossHistory()).hasSize(SolverOptions.DEFAULT_EPOCHS + 1);
        assertThat(relativeGap(result.loss(), newtonLoss(data, 0))).isBetween(-1e-12, 1e-3);
    }

    @Test
    void sgdIsReproducibleFromItsSeed() throws IOException {
        Dataset data = standardised("pima-tr");
        SolverOptions seeded = new SolverOptions(100, 1e-8, null, 0.5, 16, 5, 42);
        double[] first = new SgdSolver().minimize(loss(data, 0), new double[8], seeded).coefficients();
        double[] second = new SgdSolver().minimize(loss(data, 0), new double[8], seeded).coefficients();
        double[] other = new SgdSolver().minimize(loss(data, 0), new double[8],
                new SolverOptions(100, 1e-8, null, 0.5, 16, 5, 43)).coefficients();
        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @ParameterizedTest
    @ValueSource(strings = {GradientDescentSolver.NAME, LbfgsSolver.NAME, SgdSolver.NAME})
    void eachSolverRespectsItsBudgets(String name) throws IOException {
        Dataset data = standardised("pima-tr");
        Solver solver = Solvers.byName(name).orElseThrow();
        FitResult budget = solver.minimize(loss(data, 0), new double[8], new SolverOptions(2, 1e-12, null, 0.5, 32, 2, 0));
        assertThat(budget.converged()).isFalse();
        assertThat(budget.iterations()).isEqualTo(2);
        assertThat(budget.stopReason()).isEqualTo(StopReason.MAX_ITERATIONS);
        FitResult timed = solver.minimize(loss(data, 0), new double[8],
                new SolverOptions(100, 1e-12).withTimeLimit(Duration.ofNanos(1)));
        assertThat(timed.stopReason()).isEqualTo(StopReason.TIME_LIMIT);
        assertThat(timed.converged()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {GradientDescentSolver.NAME, LbfgsSolver.NAME})
    void ridgeFitsMatchNewtons(String name) throws IOException {
        Dataset data = standardised("birthwt");
        FitResult result = Solvers.byName(name).orElseThrow().minimize(loss(data, 0.1), new double[data.numColumns()],
                new SolverOptions(5000, 1e-9));
        assertThat(relativeGap(result.loss(), newtonLoss(data, 0.1))).isBetween(-1e-12, 1e-8);
    }

    @Test
    void sgdWithRidgeApproachesNewtonsPenalisedLoss() throws IOException {
        Dataset data = standardised("birthwt");
        FitResult result = new SgdSolver().minimize(loss(data, 0.1), new double[data.numColumns()],
                new SolverOptions(100, 1e-8));
        assertThat(relativeGap(result.loss(), newtonLoss(data, 0.1))).isBetween(-1e-12, 1e-3);
    }

    private static void assertNeverIncreases(double[] history) {
        for (int k = 1; k < history.length; k++) {
            assertThat(history[k]).as("iteration %d", k).isLessThanOrEqualTo(history[k - 1]);
        }
    }
}
