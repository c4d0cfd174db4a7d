package dev.logreg.math;

import static dev.logreg.math.SolverTestData.BIRTHWT;
import static dev.logreg.math.SolverTestData.INFERT;
import static dev.logreg.math.SolverTestData.MTCARS;
import static dev.logreg.math.SolverTestData.PIMA;
import static dev.logreg.math.SolverTestData.assertNeverIncreases;
import static dev.logreg.math.SolverTestData.fit;
import static dev.logreg.math.SolverTestData.newtonLoss;
import static dev.logreg.math.SolverTestData.relativeGap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** L-BFGS against Newton's optimum on real, standardised data. */
class LbfgsSolverTest {

    private final LbfgsSolver solver = new LbfgsSolver();

    @ParameterizedTest
    @ValueSource(strings = {PIMA, MTCARS, BIRTHWT, INFERT})
    void reachesNewtonsLossToOneInAHundredMillion(String name) {
        FitResult result = fit(solver, name, 0, new SolverOptions(1000, 1e-8));

        assertThat(result.solver()).isEqualTo("lbfgs");
        assertThat(result.converged()).isTrue();
        assertThat(result.stopReason()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
        assertThat(result.gradientNorm()).isLessThanOrEqualTo(1e-8);
        assertThat(relativeGap(result.loss(), newtonLoss(name, 0))).isBetween(-1e-12, 1e-8);
        assertThat(result.lossHistory()).hasSize(result.iterations() + 1);
        assertThat(result.lossHistory()[result.iterations()]).isEqualTo(result.loss());
        assertNeverIncreases(result.lossHistory());
    }

    @ParameterizedTest
    @CsvSource({PIMA + ",0.1", PIMA + ",100", MTCARS + ",0.1", MTCARS + ",100"})
    void ridgeFitsReachNewtonsPenalisedLoss(String name, double l2) {
        FitResult result = fit(solver, name, l2, new SolverOptions(1000, 1e-8));

        assertThat(result.converged()).isTrue();
        assertThat(relativeGap(result.loss(), newtonLoss(name, l2))).isBetween(-1e-12, 1e-8);
        assertNeverIncreases(result.lossHistory());
    }

    @Test
    void stopsAfterMaxIterations() {
        FitResult result = fit(solver, PIMA, 0, new SolverOptions(3, 1e-12));

        assertThat(result.converged()).isFalse();
        assertThat(result.stopReason()).isEqualTo(StopReason.MAX_ITERATIONS);
        assertThat(result.iterations()).isEqualTo(3);
        assertThat(result.lossHistory()).hasSize(4);
        assertNeverIncreases(result.lossHistory());
    }

    @Test
    void stopsAtTheTimeLimit() {
        FitResult result = fit(solver, PIMA, 0, new SolverOptions(1000, 1e-12).withTimeLimit(Duration.ofNanos(1)));

        assertThat(result.converged()).isFalse();
        assertThat(result.stopReason()).isEqualTo(StopReason.TIME_LIMIT);
        assertThat(result.lossHistory()).hasSize(result.iterations() + 1);
        assertThat(result.lossHistory()[0]).isEqualTo(Math.log(2), org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void leavesTheStartAloneAndChecksItsLength() {
        Dataset data = SolverTestData.standardised(PIMA);
        double[] start = new double[data.numColumns()];
        start[1] = 0.5;
        solver.minimize(SolverTestData.loss(data, 0), start, new SolverOptions(1000, 1e-8));

        assertThat(start[1]).isEqualTo(0.5);
        assertThatThrownBy(
                        () -> solver.minimize(SolverTestData.loss(data, 0), new double[2], new SolverOptions(10, 1e-8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isRegisteredByName() {
        assertThat(Solvers.byName("lbfgs")).containsInstanceOf(LbfgsSolver.class);
    }
}
