package dev.logreg.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClassificationMetricsTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void aucEqualsTheBruteForcePairCountWithTiesWeightsAndSoftLabels(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 300;
        double[] scores = new double[n];
        double[] labels = new double[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = random.nextInt(25) / 5.0;
            labels[i] = seed % 2 == 0 ? random.nextInt(2) : random.nextInt(5) / 4.0;
            weights[i] = random.nextInt(3);
        }
        double wins = 0;
        double pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double pair = weights[i] * labels[i] * weights[j] * (1 - labels[j]);
                pairs += pair;
                wins += pair * (scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0);
            }
        }
        assertThat(ClassificationMetrics.rocAuc(scores, labels, weights)).isCloseTo(wins / pairs, within(1e-12));
    }

    @Test
    void perfectAndReversedRankings() {
        double[] labels = {0, 0, 1, 1};
        double[] weights = {1, 1, 1, 1};
        assertThat(ClassificationMetrics.rocAuc(new double[] {1, 2, 3, 4}, labels, weights))
                .isEqualTo(1.0);
        assertThat(ClassificationMetrics.rocAuc(new double[] {4, 3, 2, 1}, labels, weights))
                .isEqualTo(0.0);
        assertThat(ClassificationMetrics.rocAuc(new double[] {1, 1, 1, 1}, labels, weights))
                .isEqualTo(0.5);
        assertThat(ClassificationMetrics.rocAuc(new double[] {1, 2}, new double[] {1, 1}, new double[] {1, 1}))
                .isNaN();
    }

    @Test
    void confusionMatrixAccuracyBrierAndLogLossAtTheThreshold() {
        Dataset data = TestData.of(
                new double[][] {{-1}, {0}, {1}, {2}}, new double[] {0, 1, 0, 1}, new double[] {1, 2, 1, 1}, true);
        double[] b = {0, 1};
        ClassificationMetrics metrics = SolutionPass.of(data, b, null, 0.5, ForkJoinPool.commonPool(), 1)
                .metrics(data.totalWeight());
        // probabilities: 0.269, 0.5, 0.731, 0.881 -> labels 0, 1, 1, 1
        assertThat(metrics.truePositives()).isEqualTo(3);
        assertThat(metrics.falsePositives()).isEqualTo(1);
        assertThat(metrics.trueNegatives()).isEqualTo(1);
        assertThat(metrics.falseNegatives()).isEqualTo(0);
        assertThat(metrics.accuracy()).isCloseTo(4.0 / 5, within(1e-15));
        double brier = 0;
        double logLoss = 0;
        double[] u = {-1, 0, 1, 2};
        double[] y = {0, 1, 0, 1};
        double[] w = {1, 2, 1, 1};
        for (int i = 0; i < 4; i++) {
            double mu = 1 / (1 + Math.exp(-u[i]));
            brier += w[i] * (mu - y[i]) * (mu - y[i]) / 5;
            logLoss -= w[i] * (y[i] * Math.log(mu) + (1 - y[i]) * Math.log(1 - mu)) / 5;
        }
        assertThat(metrics.brierScore()).isCloseTo(brier, within(1e-15));
        assertThat(metrics.logLoss()).isCloseTo(logLoss, within(1e-15));
    }
}
