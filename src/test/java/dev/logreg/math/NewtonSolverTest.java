package dev.logreg.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NewtonSolverTest {

    private final NewtonSolver solver = new NewtonSolver();

    @ParameterizedTest(name = "scale={0} soft={1} weights={2}")
    @CsvSource({"1,false,false", "1e6,false,true", "1e-6,true,false", "1e3,true,true"})
    void everyIterationDecreasesTheLossAndTheGradientVanishes(double scale, boolean soft, boolean weighted) {
        Dataset base = TestData.synthetic(500, 5, 23, soft, weighted);
        double[] design = base.designData().clone();
        for (int i = 0; i < base.numSamples(); i++) {
            design[i * 6 + 2] *= scale;
        }
        Dataset data = new Dataset(design, 500, 6, true, base.labels(), base.weights(), base.featureNames());
        LogisticLoss loss = new LogisticLoss(new LocalRowSums(data), 0, true);
        FitResult result = solver.minimize(loss, new double[6], new SolverOptions(100, 1e-8));
        double[] history = result.lossHistory();
        for (int k = 1; k < history.length; k++) {
            assertThat(history[k]).as("iteration %d", k).isLessThanOrEqualTo(history[k - 1]);
        }
        assertThat(result.converged()).isTrue();
        assertThat(result.stopReason()).isIn(StopReason.GRADIENT_TOLERANCE, StopReason.MACHINE_PRECISION);
        // A feature scaled by s puts the gradient's rounding noise s times higher.
        assertThat(result.gradientNorm()).isLessThanOrEqualTo(1e-8 * Math.max(1, scale));
        assertThat(result.iterations()).isEqualTo(history.length - 1).isLessThan(30);
        assertThat(result.loss()).isEqualTo(history[history.length - 1]);
    }

    @Test
    void anUnreachableToleranceStopsAtMachinePrecisionNotAfterTheWholeBudget() {
        Dataset data = TestData.synthetic(500, 3, 53, false, false);
        LogisticLoss loss = new LogisticLoss(new LocalRowSums(data), 0, true);
        FitResult result = solver.minimize(loss, new double[4], new SolverOptions(100, 1e-300));
        assertThat(result.converged()).isTrue();
        assertThat(result.stopReason()).isEqualTo(StopReason.MACHINE_PRECISION);
        assertThat(result.iterations()).isLessThan(15);
        FitResult reference = solver.minimize(loss, new double[4], new SolverOptions(100, 1e-9));
        assertThat(result.coefficients())
                .containsExactly(reference.coefficients(), org.assertj.core.api.Assertions.within(1e-8));
    }

    @Test
    void aSingularHessianIsDampedNotFatal() {
        // An all-zero column: X^T W X has a zero pivot; Newton must damp it and still converge.
        double[][] features = new double[40][2];
        double[] labels = new double[40];
        for (int i = 0; i < 40; i++) {
            features[i][0] = i % 7 - 3;
            features[i][1] = 0;
            labels[i] = (i * 37 % 11) > 4 ? 1 : 0;
        }
        Dataset data = TestData.of(features, labels);
        LogisticLoss loss = new LogisticLoss(new LocalRowSums(data), 0, true);
        FitResult result = solver.minimize(loss, new double[3], new SolverOptions(100, 1e-8));
        assertThat(result.warnings()).extracting(FitWarning::code).contains(FitWarning.HESSIAN_DAMPED);
        assertThat(result.gradientNorm()).isLessThanOrEqualTo(1e-8);
        assertThat(java.util.Arrays.stream(result.coefficients()).allMatch(Double::isFinite))
                .isTrue();
    }

    @Test
    void stopsAtTheIterationBudgetAndSaysSo() {
        Dataset data = TestData.synthetic(200, 3, 29, false, false);
        LogisticLoss loss = new LogisticLoss(new LocalRowSums(data), 0, true);
        FitResult result = solver.minimize(loss, new double[4], new SolverOptions(1, 1e-8));
        assertThat(result.converged()).isFalse();
        assertThat(result.iterations()).isEqualTo(1);
        assertThat(result.stopReason()).isEqualTo(StopReason.MAX_ITERATIONS);
        assertThat(result.lossHistory()).hasSize(2);
    }

    @Test
    void stopsAtTheTimeLimit() {
        Dataset data = TestData.synthetic(200, 3, 31, false, false);
        LogisticLoss loss = new LogisticLoss(new LocalRowSums(data), 0, true);
        FitResult result =
                solver.minimize(loss, new double[4], new SolverOptions(100, 1e-8).withTimeLimit(Duration.ofNanos(1)));
        assertThat(result.converged()).isFalse();
        assertThat(result.stopReason()).isEqualTo(StopReason.TIME_LIMIT);
    }

    @Test
    void ridgeShrinksTowardsZeroAndConverges() {
        Dataset data = TestData.synthetic(300, 4, 37, false, false);
        FitResult plain = solver.minimize(
                new LogisticLoss(new LocalRowSums(data), 0, true), new double[5], new SolverOptions(100, 1e-10));
        FitResult ridge = solver.minimize(
                new LogisticLoss(new LocalRowSums(data), 1.0, true), new double[5], new SolverOptions(100, 1e-10));
        assertThat(ridge.converged()).isTrue();
        double plainNorm = 0;
        double ridgeNorm = 0;
        for (int j = 1; j < 5; j++) {
            plainNorm += plain.coefficients()[j] * plain.coefficients()[j];
            ridgeNorm += ridge.coefficients()[j] * ridge.coefficients()[j];
        }
        assertThat(ridgeNorm).isLessThan(plainNorm / 2);
    }
}
