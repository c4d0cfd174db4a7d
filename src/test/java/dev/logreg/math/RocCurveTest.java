package dev.logreg.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RocCurveTest {

    /** Scores with many ties, 0/1 or soft labels, weights 0 to 2. */
    record Sample(double[] scores, double[] labels, double[] weights) {
        static Sample random(long seed, int n, int distinctScores) {
            SplittableRandom random = new SplittableRandom(seed);
            double[] scores = new double[n];
            double[] labels = new double[n];
            double[] weights = new double[n];
            for (int i = 0; i < n; i++) {
                scores[i] = random.nextInt(distinctScores) / 7.0 - 3;
                double p = 1 / (1 + Math.exp(-scores[i]));
                labels[i] = seed % 2 == 0 ? (random.nextDouble() < p ? 1 : 0) : random.nextInt(5) / 4.0;
                weights[i] = random.nextInt(3);
            }
            weights[0] = 1;
            labels[0] = 1;
            weights[1] = 1;
            labels[1] = 0;
            return new Sample(scores, labels, weights);
        }
    }

    /** (FPR, TPR) at every distinct score of a row with weight, from the definition, plus (0, 0). */
    static List<double[]> bruteForce(Sample sample) {
        TreeSet<Double> thresholds = new TreeSet<>();
        double positives = 0;
        double negatives = 0;
        for (int i = 0; i < sample.scores().length; i++) {
            if (sample.weights()[i] > 0) {
                thresholds.add(sample.scores()[i]);
            }
            positives += sample.weights()[i] * sample.labels()[i];
            negatives += sample.weights()[i] * (1 - sample.labels()[i]);
        }
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, 0});
        for (double t : thresholds.descendingSet()) {
            double tp = 0;
            double fp = 0;
            for (int i = 0; i < sample.scores().length; i++) {
                if (sample.scores()[i] >= t) {
                    tp += sample.weights()[i] * sample.labels()[i];
                    fp += sample.weights()[i] * (1 - sample.labels()[i]);
                }
            }
            points.add(new double[] {fp / negatives, tp / positives});
        }
        return points;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void everyVertexEqualsTheRatesAtThatThresholdAndTheAreaIsTheAuc(long seed) {
        Sample sample = Sample.random(seed, 400, 60);
        List<double[]> expected = bruteForce(sample);
        RocCurve curve = RocCurve.of(sample.scores(), sample.labels(), sample.weights(), 10_000);

        assertThat(curve.size()).isEqualTo(expected.size());
        for (int k = 0; k < expected.size(); k++) {
            assertThat(curve.falsePositiveRates()[k]).as("FPR %d", k).isCloseTo(expected.get(k)[0], within(1e-12));
            assertThat(curve.truePositiveRates()[k]).as("TPR %d", k).isCloseTo(expected.get(k)[1], within(1e-12));
        }
        assertThat(trapezoidArea(curve))
                .isCloseTo(
                        ClassificationMetrics.rocAuc(sample.scores(), sample.labels(), sample.weights()),
                        within(1e-12));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 10, 50, 200})
    void thinningKeepsBothEndsAndASubsequenceSpreadEvenlyAlongTheCurve(int maxPoints) {
        Sample sample = Sample.random(7, 5000, 4000);
        RocCurve full = RocCurve.of(sample.scores(), sample.labels(), sample.weights(), Integer.MAX_VALUE);
        RocCurve thin = RocCurve.of(sample.scores(), sample.labels(), sample.weights(), maxPoints);
        assertThat(full.size()).isGreaterThan(1000);

        assertThat(thin.size()).isLessThanOrEqualTo(maxPoints).isGreaterThanOrEqualTo(Math.min(maxPoints, 2));
        assertThat(thin.falsePositiveRates()[0]).isZero();
        assertThat(thin.truePositiveRates()[0]).isZero();
        assertThat(thin.falsePositiveRates()[thin.size() - 1]).isEqualTo(1.0);
        assertThat(thin.truePositiveRates()[thin.size() - 1]).isEqualTo(1.0);
        // A subsequence of the full curve: each kept point is a vertex, in order.
        double step = 2.0 / (maxPoints - 1);
        double largestJump = 0;
        for (int v = 1; v < full.size(); v++) {
            largestJump = Math.max(largestJump, travelled(full, v) - travelled(full, v - 1));
        }
        int v = 0;
        for (int k = 0; k < thin.size(); k++) {
            while (v < full.size()
                    && !(full.falsePositiveRates()[v] == thin.falsePositiveRates()[k]
                            && full.truePositiveRates()[v] == thin.truePositiveRates()[k])) {
                v++;
            }
            assertThat(v).as("point %d is a vertex after the previous one", k).isLessThan(full.size());
            if (k > 0) {
                assertThat(travelled(thin, k) - travelled(thin, k - 1)).isLessThanOrEqualTo(step + largestJump + 1e-12);
            }
        }
        if (maxPoints >= 10) {
            assertThat(trapezoidArea(thin)).isCloseTo(trapezoidArea(full), within(2.0 / maxPoints));
        }
    }

    @Test
    void oneClassHasNoCurveAndPerfectRankingIsTheUpperLeftCorner() {
        double[] ones = {1, 1, 1};
        assertThat(RocCurve.of(new double[] {1, 2, 3}, ones, ones, 10)).isNull();
        RocCurve perfect =
                RocCurve.of(new double[] {1, 2, 3, 4}, new double[] {0, 0, 1, 1}, new double[] {1, 1, 1, 1}, 10);
        assertThat(perfect.falsePositiveRates()).containsExactly(0, 0, 0, 0.5, 1);
        assertThat(perfect.truePositiveRates()).containsExactly(0, 0.5, 1, 1, 1);
        RocCurve allTied =
                RocCurve.of(new double[] {2, 2, 2, 2}, new double[] {0, 1, 0, 1}, new double[] {1, 1, 1, 0}, 10);
        assertThat(allTied.falsePositiveRates()).containsExactly(0, 1);
        assertThat(allTied.truePositiveRates()).containsExactly(0, 1);
    }

    private static double travelled(RocCurve curve, int k) {
        return curve.falsePositiveRates()[k] + curve.truePositiveRates()[k];
    }

    private static double trapezoidArea(RocCurve curve) {
        double area = 0;
        double[] fpr = curve.falsePositiveRates();
        double[] tpr = curve.truePositiveRates();
        for (int k = 1; k < curve.size(); k++) {
            area += (fpr[k] - fpr[k - 1]) * (tpr[k] + tpr[k - 1]) / 2;
        }
        return area;
    }
}
