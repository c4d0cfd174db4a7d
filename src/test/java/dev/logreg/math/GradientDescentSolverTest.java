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

import java.time.Duration;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Gradient descent against Newton's optimum on real, standardised data. */
class GradientDescentSolverTest {

    private final GradientDescentSolver solver = new GradientDescentSolver();

    @ParameterizedTest
    @ValueSource(strings = {PIMA, MTCARS, BIRTHWT, INFERT})
    void reachesNewtonsLossToOneInAMillionWithin5000Iterations(String name) {
        FitResult result = fit(solver, name, 0, new SolverOptions(5000, 1e-8));

        assertThat(result.solver()).isEqualTo("gradient-descent");
        assertThat(relativeGap(result.loss(), newtonLoss(name, 0))).isBetween(-1e-12, 1e-6);
        assertThat(result.lossHistory()).hasSize(result.iterations() + 1);
        assertNeverIncreases(result.lossHistory());
        assertThat(result.converged()).isEqualTo(result.gradientNorm() <= 1e-8);
    }

    @ParameterizedTest
    @CsvSource({PIMA + ",0.1", PIMA + ",100", MTCARS + ",0.1", MTCARS + ",100"})
    void ridgeFitsReachNewtonsPenalisedLoss(String name, double l2) {
        FitResult result = fit(solver, name, l2, new SolverOptions(5000, 1e-8));

        // With l2 = 100 the unpenalised intercept is 400 times flatter than the rest: the loss is
        // at the optimum long before the intercept's gradient creeps below 1e-8.
        assertThat(result.stopReason()).isIn(StopReason.GRADIENT_TOLERANCE, StopReason.MAX_ITERATIONS);
        assertThat(relativeGap(result.loss(), newtonLoss(name, l2))).isBetween(-1e-12, 1e-6);
        assertNeverIncreases(result.lossHistory());
    }

    @Test
    void startsEachLineSearchFromTwiceTheLastStep() {
        Dataset data = SolverTestData.standardised(PIMA);
        Counting counting = new Counting(SolverTestData.loss(data, 0));
        FitResult result = solver.minimize(counting, new double[data.numColumns()], new SolverOptions(5000, 1e-8));

        assertThat(result.converged()).isTrue();
        // One evaluation for the doubled step, a second when it has to be halved once.
        assertThat((double) counting.evaluations / result.iterations()).isLessThan(2.5);
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
        FitResult result = fit(solver, PIMA, 0, new SolverOptions(5000, 1e-12).withTimeLimit(Duration.ofNanos(1)));

        assertThat(result.converged()).isFalse();
        assertThat(result.stopReason()).isEqualTo(StopReason.TIME_LIMIT);
        assertThat(result.lossHistory()).hasSize(result.iterations() + 1);
    }

    @Test
    void isRegisteredByName() {
        assertThat(Solvers.byName("gradient-descent")).containsInstanceOf(GradientDescentSolver.class);
    }

    /** Counts evaluations of an objective. */
    private static final class Counting implements Objective {
        private final Objective objective;
        int evaluations;

        Counting(Objective objective) {
            this.objective = objective;
        }

        @Override
        public int dimension() {
            return objective.dimension();
        }

        @Override
        public double value(double[] b) {
            evaluations++;
            return objective.value(b);
        }

        @Override
        public double evaluate(double[] b, double[] gradient, DMatrixRMaj hessian) {
            evaluations++;
            return objective.evaluate(b, gradient, hessian);
        }
    }
}
