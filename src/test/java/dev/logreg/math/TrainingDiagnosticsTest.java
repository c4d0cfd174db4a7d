package dev.logreg.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class TrainingDiagnosticsTest {

    @Test
    void theCurveOfAFittedModelHasItsAucAndTheBinsHoldEveryWeightedRow() {
        Dataset data = TestData.synthetic(150, 3, 11, false, true);
        Fit fit = new LogisticRegression(ForkJoinPool.commonPool(), 1)
                .fit(data, 0, new NewtonSolver(), new SolverOptions(100, 1e-10));
        TrainingDiagnostics diagnostics = SolutionPass.of(
                        data, fit.coefficients(), null, 0.5, ForkJoinPool.commonPool(), 1)
                .diagnostics();

        RocCurve roc = diagnostics.roc();
        double area = 0;
        for (int k = 1; k < roc.size(); k++) {
            area += (roc.falsePositiveRates()[k] - roc.falsePositiveRates()[k - 1])
                    * (roc.truePositiveRates()[k] + roc.truePositiveRates()[k - 1])
                    / 2;
        }
        assertThat(area).isCloseTo(fit.metrics().rocAuc(), within(1e-12));
        int withWeight = 0;
        for (int i = 0; i < data.numSamples(); i++) {
            withWeight += data.weight(i) > 0 ? 1 : 0;
        }
        assertThat(withWeight).isLessThan(150);
        assertThat(diagnostics.samplesWithWeight()).isEqualTo(withWeight);
        assertThat(java.util.Arrays.stream(diagnostics.calibration().rows()).sum())
                .isEqualTo(withWeight);
        assertThat(java.util.Arrays.stream(diagnostics.calibration().weight()).sum())
                .isCloseTo(data.totalWeight(), within(1e-9));
    }

    @Test
    void aCurveOfManyRowsIsThinnedToTheBound() {
        Dataset data = TestData.synthetic(3000, 2, 5, false, false);
        TrainingDiagnostics diagnostics = SolutionPass.of(
                        data, new double[] {0.3, 0.5, -0.25}, null, 0.5, ForkJoinPool.commonPool(), 1)
                .diagnostics();
        assertThat(diagnostics.roc().size())
                .isLessThanOrEqualTo(TrainingDiagnostics.MAX_ROC_POINTS)
                .isGreaterThan(100);
        assertThat(diagnostics.calibration().size()).isLessThanOrEqualTo(TrainingDiagnostics.CALIBRATION_BINS);
    }
}
