package dev.logreg.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class SolutionPassTest {

    private static final double THRESHOLD = 0.5;

    /** Enough rows for two workers (the pass forks from 200,000 multiply-adds per worker). */
    private final Dataset data = TestData.synthetic(120_000, 3, 17, true, true);

    private final double[] b = {-0.2, 0.8, -0.5, 0.3};
    private final double[] step = {0.01, -0.4, 0.2, 0.05};

    @Test
    void theOnePassGivesWhatEachRowSaysOnTwoWorkersAsOnOne() {
        ForkJoinPool pool = new ForkJoinPool(2);
        try {
            SolutionPass two = SolutionPass.of(data, b, step, THRESHOLD, pool, 2);
            SolutionPass one = SolutionPass.of(data, b, step, THRESHOLD, pool, 1);
            for (SolutionPass pass : new SolutionPass[] {one, two}) {
                assertAgreesWithRowByRow(pass);
            }
            assertThat(two.rocAuc()).isEqualTo(one.rocAuc());
            assertThat(two.roc().falsePositiveRates()).isEqualTo(one.roc().falsePositiveRates());
            assertThat(two.scores().maxShift()).isEqualTo(one.scores().maxShift());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void withoutAStepTheSeparationExtremesStayZero() {
        SolutionPass pass = SolutionPass.of(data, b, null, THRESHOLD, ForkJoinPool.commonPool(), 1);
        assertThat(pass.scores().maxShift()).isZero();
        assertThat(pass.scores().columnReach()).containsOnly(0.0);
        assertThat(pass.metrics(data.totalWeight()).accuracy()).isBetween(0.0, 1.0);
    }

    /** The metrics, bins, separation extremes and AUC written out per row, independently of ScoreSums. */
    private void assertAgreesWithRowByRow(SolutionPass pass) {
        int n = data.numSamples();
        int p = data.numColumns();
        double[] x = data.designData();
        double[] logits = new double[n];
        double truePositives = 0;
        double falsePositives = 0;
        double crossEntropy = 0;
        double brier = 0;
        double maxShift = 0;
        double againstLabel = 0;
        double[] reach = new double[p];
        double[] probabilities = new double[n];
        int withWeight = 0;
        for (int i = 0; i < n; i++) {
            double u = 0;
            double shift = 0;
            for (int j = 0; j < p; j++) {
                u += x[i * p + j] * b[j];
                shift += x[i * p + j] * step[j];
            }
            logits[i] = u;
            double mu = 1 / (1 + Math.exp(-u));
            probabilities[i] = mu;
            double w = data.weight(i);
            double y = data.labels()[i];
            if (mu >= THRESHOLD) {
                truePositives += w * y;
                falsePositives += w * (1 - y);
            }
            if (w > 0) {
                withWeight++;
                crossEntropy -= w * (y * Math.log(mu) + (1 - y) * Math.log(1 - mu));
                brier += w * (mu - y) * (mu - y);
                maxShift = Math.max(maxShift, Math.abs(shift));
                againstLabel = Math.max(againstLabel, y == 1 ? -shift : y == 0 ? shift : Math.abs(shift));
                for (int j = 0; j < p; j++) {
                    reach[j] = Math.max(reach[j], Math.abs(x[i * p + j] * step[j]));
                }
            }
        }
        double total = data.totalWeight();
        ClassificationMetrics metrics = pass.metrics(total);
        assertThat(metrics.truePositives()).isCloseTo(truePositives, within(1e-9 * total));
        assertThat(metrics.falsePositives()).isCloseTo(falsePositives, within(1e-9 * total));
        assertThat(metrics.logLoss()).isCloseTo(crossEntropy / total, within(1e-12));
        assertThat(metrics.brierScore()).isCloseTo(brier / total, within(1e-12));
        assertThat(metrics.rocAuc())
                .isCloseTo(ClassificationMetrics.rocAuc(logits, data.labels(), data.weights()), within(1e-12));
        assertThat(pass.scores().maxShift()).isCloseTo(maxShift, within(1e-12));
        assertThat(pass.scores().worstAgainstLabel()).isCloseTo(againstLabel, within(1e-12));
        assertThat(pass.scores().columnReach()).containsExactly(reach, within(1e-12));
        TrainingDiagnostics diagnostics = pass.diagnostics();
        assertThat(diagnostics.samplesWithWeight()).isEqualTo(withWeight);
        CalibrationBins bins =
                CalibrationBins.of(probabilities, data.labels(), data.weights(), TrainingDiagnostics.CALIBRATION_BINS);
        assertThat(diagnostics.calibration().rows()).isEqualTo(bins.rows());
        assertThat(diagnostics.calibration().meanPredicted()).containsExactly(bins.meanPredicted(), within(1e-12));
        assertThat(diagnostics.calibration().observedRate()).containsExactly(bins.observedRate(), within(1e-12));
        RocCurve curve = RocCurve.of(logits, data.labels(), data.weights(), TrainingDiagnostics.MAX_ROC_POINTS);
        assertThat(diagnostics.roc().falsePositiveRates()).containsExactly(curve.falsePositiveRates(), within(1e-12));
        assertThat(diagnostics.roc().truePositiveRates()).containsExactly(curve.truePositiveRates(), within(1e-12));
    }
}
