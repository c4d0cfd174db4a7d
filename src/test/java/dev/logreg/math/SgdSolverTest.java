package dev.logreg.math;

import static dev.logreg.math.SolverTestData.BIRTHWT;
import static dev.logreg.math.SolverTestData.INFERT;
import static dev.logreg.math.SolverTestData.MTCARS;
import static dev.logreg.math.SolverTestData.PIMA;
import static dev.logreg.math.SolverTestData.fit;
import static dev.logreg.math.SolverTestData.newtonLoss;
import static dev.logreg.math.SolverTestData.relativeGap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SGD against Newton's optimum on real, standardised data, with its default options. The datasets
 * have several mini-batches per epoch; mtcars (32 rows, one batch of 32) is left out of the
 * unpenalised comparison: there 50 epochs are 50 plain gradient steps of at most the learning rate,
 * too few for its distant optimum (the relative gap stays near 1), and L-BFGS is the right tool.
 */
class SgdSolverTest {

    private static final SolverOptions DEFAULTS =
            new SolverOptions(SolverOptions.DEFAULT_MAX_ITERATIONS, SolverOptions.DEFAULT_TOLERANCE);

    private final SgdSolver solver = new SgdSolver();

    @ParameterizedTest
    @ValueSource(strings = {PIMA, BIRTHWT, INFERT})
    void defaultsReachNewtonsLossToOneInAThousandIn50Epochs(String name) {
        FitResult result = fit(solver, name, 0, DEFAULTS);

        assertThat(result.solver()).isEqualTo("sgd");
        assertThat(result.iterations()).isEqualTo(50);
        assertThat(result.stopReason()).isEqualTo(StopReason.MAX_ITERATIONS);
        assertThat(result.lossHistory()).hasSize(51);
        assertThat(result.lossHistory()[0]).isCloseTo(Math.log(2), within(1e-15));
        assertThat(result.lossHistory()[50]).isEqualTo(result.loss());
        assertThat(relativeGap(result.loss(), newtonLoss(name, 0))).isBetween(-1e-12, 1e-3);
    }

    @Test
    void everySeedReachesTheBarNotJustTheDefaultOne() {
        for (long seed = 1; seed <= 10; seed++) {
            FitResult result = fit(solver, PIMA, 0, withSeed(seed));
            assertThat(relativeGap(result.loss(), newtonLoss(PIMA, 0)))
                    .as("seed %d", seed)
                    .isBetween(-1e-12, 1e-3);
        }
    }

    @Test
    void theSameSeedGivesTheSameModelBitForBitAndAnotherSeedAnotherModel() {
        double[] first = fit(solver, PIMA, 0, withSeed(42)).coefficients();
        double[] again = fit(solver, PIMA, 0, withSeed(42)).coefficients();
        double[] other = fit(solver, PIMA, 0, withSeed(43)).coefficients();

        for (int j = 0; j < first.length; j++) {
            assertThat(Double.doubleToRawLongBits(again[j]))
                    .as("coefficient %d", j)
                    .isEqualTo(Double.doubleToRawLongBits(first[j]));
        }
        assertThat(Arrays.equals(other, first)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({PIMA + ",0.1", BIRTHWT + ",0.1", MTCARS + ",1", PIMA + ",100", PIMA + ",1e6"})
    void ridgeFitsReachNewtonsPenalisedLoss(String name, double l2) {
        // The penalty is taken implicitly: an explicit step would diverge once learningRate * l2 > 2.
        FitResult result = fit(solver, name, l2, DEFAULTS);

        assertThat(result.loss()).isFinite();
        assertThat(relativeGap(result.loss(), newtonLoss(name, l2))).isBetween(-1e-12, 1e-3);
    }

    @Test
    void walksEveryRowOncePerEpochInEvenBatchesOfAtMostBatchSize() {
        Dataset data = SolverTestData.standardised(PIMA);
        Recording recording = new Recording(SolverTestData.loss(data, 0));
        solver.minimize(recording, new double[data.numColumns()], new SolverOptions(100, 1e-8, null, 1, 32, 3, 0));

        // 200 rows in batches of at most 32: 7 batches of 28 or 29 rows, not 6 of 32 and one of 8.
        assertThat(recording.batchSizes)
                .hasSize(21)
                .allSatisfy(size -> assertThat(size).isBetween(28, 29));
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] rows = Arrays.copyOfRange(
                    recording.rows.stream().mapToInt(Integer::intValue).toArray(), 200 * epoch, 200 * (epoch + 1));
            Arrays.sort(rows);
            for (int i = 0; i < 200; i++) {
                assertThat(rows[i]).isEqualTo(i);
            }
        }
        assertThat(recording.rows.subList(0, 200)).isNotEqualTo(recording.rows.subList(200, 400));
    }

    @Test
    void batchGradientsAddUpToTheFullGradient() {
        Dataset data = SolverTestData.standardised(BIRTHWT);
        LogisticLoss loss = SolverTestData.loss(data, 0.3);
        int p = data.numColumns();
        double[] b = new double[p];
        for (int j = 0; j < p; j++) {
            b[j] = 0.1 * (j - 4);
        }
        int[] order = new int[data.numSamples()];
        for (int i = 0; i < order.length; i++) {
            order[i] = order.length - 1 - i;
        }
        double[] batch = new double[p];
        double weight = loss.batchGradient(b, order, 0, order.length, batch);
        double[] full = new double[p];
        loss.evaluate(b, full, null);

        assertThat(weight).isEqualTo(data.totalWeight());
        assertThat(loss.ridgeWeight(0)).isZero();
        for (int j = 0; j < p; j++) {
            assertThat(loss.ridgeWeight(j)).isEqualTo(j == 0 ? 0 : 0.3);
            assertThat(batch[j] + loss.ridgeWeight(j) * b[j])
                    .as("component %d", j)
                    .isCloseTo(full[j], within(1e-14));
        }
    }

    @Test
    void stopsAfterItsEpochs() {
        FitResult result = fit(solver, PIMA, 0, new SolverOptions(100, 1e-12, null, 1, 32, 2, 0));

        assertThat(result.converged()).isFalse();
        assertThat(result.stopReason()).isEqualTo(StopReason.MAX_ITERATIONS);
        assertThat(result.iterations()).isEqualTo(2);
        assertThat(result.lossHistory()).hasSize(3);
    }

    @Test
    void stopsAtTheTimeLimit() {
        FitResult result = fit(solver, PIMA, 0, DEFAULTS.withTimeLimit(Duration.ofNanos(1)));

        assertThat(result.converged()).isFalse();
        assertThat(result.stopReason()).isEqualTo(StopReason.TIME_LIMIT);
        assertThat(result.lossHistory()).hasSize(result.iterations() + 1);
    }

    @Test
    void convergesWhenTheFullGradientMeetsALooseTolerance() {
        FitResult result = fit(solver, PIMA, 0, new SolverOptions(100, 1e-2, null, 1, 32, 50, 0));

        assertThat(result.converged()).isTrue();
        assertThat(result.stopReason()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
        assertThat(result.gradientNorm()).isLessThanOrEqualTo(1e-2);
        assertThat(result.iterations()).isLessThan(50);
    }

    @Test
    void needsAnObjectiveThatIsAnAverageOverRows() {
        Objective plain = new Objective() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public double value(double[] b) {
                return b[0] * b[0];
            }

            @Override
            public double evaluate(double[] b, double[] gradient, DMatrixRMaj hessian) {
                return value(b);
            }
        };
        assertThatThrownBy(() -> solver.minimize(plain, new double[1], DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isRegisteredByName() {
        assertThat(Solvers.byName("sgd")).containsInstanceOf(SgdSolver.class);
    }

    private static SolverOptions withSeed(long seed) {
        return new SolverOptions(
                SolverOptions.DEFAULT_MAX_ITERATIONS,
                SolverOptions.DEFAULT_TOLERANCE,
                null,
                SolverOptions.DEFAULT_LEARNING_RATE,
                SolverOptions.DEFAULT_BATCH_SIZE,
                SolverOptions.DEFAULT_EPOCHS,
                seed);
    }

    /** Records the rows of every mini-batch. */
    private static final class Recording implements StochasticObjective {
        private final LogisticLoss loss;
        final List<Integer> batchSizes = new ArrayList<>();
        final List<Integer> rows = new ArrayList<>();

        Recording(LogisticLoss loss) {
            this.loss = loss;
        }

        @Override
        public int dimension() {
            return loss.dimension();
        }

        @Override
        public double value(double[] b) {
            return loss.value(b);
        }

        @Override
        public double evaluate(double[] b, double[] gradient, DMatrixRMaj hessian) {
            return loss.evaluate(b, gradient, hessian);
        }

        @Override
        public int numSamples() {
            return loss.numSamples();
        }

        @Override
        public double batchGradient(double[] b, int[] rowOrder, int from, int to, double[] gradient) {
            batchSizes.add(to - from);
            for (int k = from; k < to; k++) {
                rows.add(rowOrder[k]);
            }
            return loss.batchGradient(b, rowOrder, from, to, gradient);
        }

        @Override
        public double ridgeWeight(int j) {
            return loss.ridgeWeight(j);
        }
    }
}
