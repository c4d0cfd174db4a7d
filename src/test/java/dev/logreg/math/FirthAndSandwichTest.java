package dev.logreg.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** Firth's fit and the sandwich covariances where R has no reference: separation, penalties, workers. */
class FirthAndSandwichTest {

    private final LogisticRegression regression = new LogisticRegression(ForkJoinPool.commonPool(), 1);
    private final SolverOptions options = new SolverOptions(100, 1e-10);

    @Test
    void firthsEstimatesAreFiniteUnderCompleteSeparation() {
        Dataset separated = TestData.of(new double[][] {{-2}, {-1}, {1}, {2}}, new double[] {0, 0, 1, 1});
        Fit fit = regression.fit(separated, 0, new NewtonSolver(), options, FitMethod.FIRTH, CovarianceType.MODEL);
        assertThat(fit.solverResult().converged()).isTrue();
        assertThat(fit.warnings()).isEmpty();
        assertThat(fit.coefficients()[0]).isCloseTo(0, within(1e-9));
        assertThat(fit.coefficients()[1]).isBetween(0.5, 5.0);
        assertThat(Arrays.stream(fit.inference().standardErrors()).allMatch(Double::isFinite))
                .isTrue();
        // The intercept-only Firth fit of two 0s and two 1s is mu = 1/2.
        assertThat(fit.inference().nullLogLikelihood()).isCloseTo(4 * Math.log(0.5), within(1e-12));
    }

    /** A feature in units of 1e-9 is fitted as Newton fits it (its gradient read in its own units). */
    @Test
    void aTinyFeatureScaleChangesOnlyItsCoefficient() {
        double[][] features = {{-1.5}, {-0.5}, {0.5}, {1.5}, {-1}, {1}, {0.2}, {-0.2}};
        double[] labels = {0, 1, 0, 1, 0, 1, 0, 1};
        double[][] tinyFeatures = new double[features.length][1];
        for (int row = 0; row < features.length; row++) {
            tinyFeatures[row][0] = features[row][0] * 1e-9;
        }
        SolverOptions defaults = new SolverOptions(100, SolverOptions.DEFAULT_TOLERANCE);
        double[] plain = regression
                .fit(
                        TestData.of(features, labels),
                        0,
                        new NewtonSolver(),
                        defaults,
                        FitMethod.FIRTH,
                        CovarianceType.MODEL)
                .coefficients();
        double[] scaled = regression
                .fit(
                        TestData.of(tinyFeatures, labels),
                        0,
                        new NewtonSolver(),
                        defaults,
                        FitMethod.FIRTH,
                        CovarianceType.MODEL)
                .coefficients();
        assertThat(plain[1]).isGreaterThan(0.1);
        assertThat(scaled[1] * 1e-9).isCloseTo(plain[1], within(1e-6 * plain[1]));
    }

    @Test
    void firthTakesTheNewtonSolverAndNoPenalty() {
        Dataset data = TestData.synthetic(50, 2, 3, false, false);
        assertThatThrownBy(() ->
                        regression.fit(data, 0.1, new NewtonSolver(), options, FitMethod.FIRTH, CovarianceType.MODEL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        regression.fit(data, 0, new LbfgsSolver(), options, FitMethod.FIRTH, CovarianceType.MODEL))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** With l2 > 0 the sandwich is the M-estimator's: C M C with C the penalised information's inverse. */
    @Test
    void withAPenaltyTheSandwichHasThePenalisedBread() {
        Dataset data = TestData.synthetic(300, 3, 11, false, true);
        double l2 = 0.05;
        Fit fit = regression.fit(data, l2, new NewtonSolver(), options, FitMethod.ML, CovarianceType.HC0);
        double[] b = fit.coefficients();
        int p = data.numColumns();
        DMatrixRMaj information = new DMatrixRMaj(p, p);
        DMatrixRMaj meat = new DMatrixRMaj(p, p);
        double[] x = data.designData();
        for (int i = 0; i < data.numSamples(); i++) {
            double u = 0;
            for (int j = 0; j < p; j++) {
                u += x[i * p + j] * b[j];
            }
            double mu = 1 / (1 + Math.exp(-u));
            double w = data.weight(i);
            double r = w * (data.label(i) - mu);
            for (int j = 0; j < p; j++) {
                for (int k = 0; k < p; k++) {
                    information.add(j, k, w * mu * (1 - mu) * x[i * p + j] * x[i * p + k]);
                    meat.add(j, k, r * r * x[i * p + j] * x[i * p + k]);
                }
            }
        }
        for (int j = 1; j < p; j++) {
            information.add(j, j, data.totalWeight() * l2);
        }
        DMatrixRMaj inverse = new DMatrixRMaj(p, p);
        CommonOps_DDRM.invert(information, inverse);
        DMatrixRMaj half = new DMatrixRMaj(p, p);
        DMatrixRMaj expected = new DMatrixRMaj(p, p);
        CommonOps_DDRM.mult(inverse, meat, half);
        CommonOps_DDRM.mult(half, inverse, expected);
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < p; k++) {
                double scale = Math.sqrt(expected.get(j, j) * expected.get(k, k));
                assertThat(Math.abs(fit.inference().covariance().get(j, k) - expected.get(j, k)))
                        .isLessThan(1e-10 * scale);
            }
        }
        assertThat(fit.warnings()).extracting(FitWarning::code).contains(FitWarning.PENALIZED_INFERENCE);
    }

    /** A row with a column of its own is fitted exactly (h = 1): HC2 and HC3 are undefined there, as in R. */
    @Test
    void aHatValueOfOneLeavesHc2AndHc3Unavailable() {
        double[][] features = {{0.1, 0}, {0.7, 0}, {-0.4, 0}, {1.3, 0}, {-0.9, 0}, {0.2, 1}};
        Dataset data = TestData.of(features, new double[] {0, 1, 0, 1, 1, 0.5});
        for (CovarianceType type : new CovarianceType[] {CovarianceType.HC2, CovarianceType.HC3}) {
            Fit fit = regression.fit(data, 0, new NewtonSolver(), options, FitMethod.ML, type);
            assertThat(fit.inference().covariance()).isNull();
            assertThat(Arrays.stream(fit.inference().standardErrors()).allMatch(Double::isNaN))
                    .isTrue();
        }
        Fit hc0 = regression.fit(data, 0, new NewtonSolver(), options, FitMethod.ML, CovarianceType.HC0);
        assertThat(hc0.inference().covariance()).isNotNull();
    }

    /** The hat-value passes split rows across workers; the sums must not depend on how. */
    @Test
    void severalWorkersGiveTheSameFitAsOne() {
        Dataset data = TestData.synthetic(20_000, 6, 5, true, true);
        Fit one = regression.fit(data, 0, new NewtonSolver(), options, FitMethod.FIRTH, CovarianceType.HC3);
        Fit four = new LogisticRegression(ForkJoinPool.commonPool(), 4)
                .fit(data, 0, new NewtonSolver(), options, FitMethod.FIRTH, CovarianceType.HC3);
        double[] a = one.coefficients();
        double[] b = four.coefficients();
        for (int j = 0; j < a.length; j++) {
            assertThat(b[j]).isCloseTo(a[j], within(1e-9 * Math.abs(a[j])));
            double se = one.inference().standardErrors()[j];
            assertThat(four.inference().standardErrors()[j]).isCloseTo(se, within(1e-9 * se));
        }
        assertThat(Arrays.stream(one.inference().standardErrors()).allMatch(Double::isFinite))
                .isTrue();
    }
}
