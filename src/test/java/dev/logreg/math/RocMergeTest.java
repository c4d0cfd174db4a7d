package dev.logreg.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.logreg.math.kernel.RocBlock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RocMergeTest {

    /** The AUC and the curve of some rows, from blocks cut by score range. */
    record Merged(double auc, RocCurve curve) {}

    /**
     * Sorts the rows of positive weight by decreasing score, cuts them into {@code blocks} ranges at
     * random group boundaries (some ranges may be empty), runs both passes of each block, and
     * merges the results handed over in a shuffled order, as a cluster's range partitions would.
     */
    static Merged ofBlocks(double[] scores, double[] labels, double[] weights, int blocks, int maxPoints, long seed) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (weights[i] > 0) {
                rows.add(i);
            }
        }
        rows.sort((a, b) -> Double.compare(scores[b], scores[a]));
        Random random = new Random(seed);
        List<Integer> cuts = new ArrayList<>();
        for (int k = 1; k < blocks; k++) {
            int cut = random.nextInt(rows.size() + 1);
            while (cut > 0 && cut < rows.size() && scores[rows.get(cut)] == scores[rows.get(cut - 1)]) {
                cut--;
            }
            cuts.add(cut);
        }
        cuts.add(0);
        cuts.add(rows.size());
        Collections.sort(cuts);
        List<double[]> summaries = new ArrayList<>();
        for (int k = 0; k + 1 < cuts.size(); k++) {
            summaries.add(pass(RocBlock.summarising(), rows, cuts.get(k), cuts.get(k + 1), scores, labels, weights)
                    .summary());
        }
        Collections.shuffle(summaries, random);
        RocMerge merge = new RocMerge(summaries, maxPoints);
        if (!merge.hasCurve()) {
            return new Merged(merge.auc(), null);
        }
        List<double[]> vertices = new ArrayList<>();
        for (RocBlock.Plan plan : merge.plans()) {
            int k = 0;
            while (cuts.get(k).equals(cuts.get(k + 1)) || scores[rows.get(cuts.get(k))] != plan.highest()) {
                k++;
            }
            vertices.add(
                    pass(RocBlock.pickingVertices(plan), rows, cuts.get(k), cuts.get(k + 1), scores, labels, weights)
                            .keptVertices());
        }
        Collections.shuffle(vertices, random);
        return new Merged(merge.auc(), merge.curve(vertices));
    }

    private static RocBlock pass(
            RocBlock block, List<Integer> rows, int from, int to, double[] scores, double[] labels, double[] weights) {
        for (int r = from; r < to; r++) {
            int i = rows.get(r);
            block.add(scores[i], weights[i] * labels[i], weights[i] * (1 - labels[i]));
        }
        return block;
    }

    /** Weights 0, 1, 2 and labels in quarters: every sum is exact, so the curves must be equal to the bit. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void anyCutByScoreRangeGivesTheInMemoryAucAndExactlyTheSameCurve(long seed) {
        int distinct = seed % 4 == 0 ? 3 : seed % 4 == 1 ? 60 : 4000;
        RocCurveTest.Sample sample = RocCurveTest.Sample.random(seed, 5000, distinct);
        double expectedAuc = ClassificationMetrics.rocAuc(sample.scores(), sample.labels(), sample.weights());
        for (int maxPoints : new int[] {2, 3, 10, 200, 100_000}) {
            RocCurve expected = RocCurve.of(sample.scores(), sample.labels(), sample.weights(), maxPoints);
            for (int blocks : new int[] {1, 2, 7, 40}) {
                Merged merged = ofBlocks(
                        sample.scores(), sample.labels(), sample.weights(), blocks, maxPoints, seed * 100 + blocks);
                assertThat(merged.auc()).isCloseTo(expectedAuc, within(1e-12));
                assertThat(merged.curve().falsePositiveRates())
                        .as("%d points, %d blocks", maxPoints, blocks)
                        .containsExactly(expected.falsePositiveRates());
                assertThat(merged.curve().truePositiveRates())
                        .as("%d points, %d blocks", maxPoints, blocks)
                        .containsExactly(expected.truePositiveRates());
            }
        }
    }

    /** Weights and soft labels of any value: sums in another order differ in the last bits only. */
    @Test
    void realWeightsGiveTheInMemoryCurveToRounding() {
        SplittableRandom random = new SplittableRandom(99);
        int n = 20_000;
        double[] scores = new double[n];
        double[] labels = new double[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = i % 5 == 0 ? Math.floor(random.nextGaussian() * 4) : random.nextGaussian();
            labels[i] = i % 3 == 0 ? random.nextDouble() : random.nextDouble() < 1 / (1 + Math.exp(-scores[i])) ? 1 : 0;
            weights[i] = i % 11 == 0 ? 0 : random.nextDouble() * 3;
        }
        RocCurve expected = RocCurve.of(scores, labels, weights, 200);
        Merged merged = ofBlocks(scores, labels, weights, 13, 200, 5);
        assertThat(merged.auc()).isCloseTo(ClassificationMetrics.rocAuc(scores, labels, weights), within(1e-12));
        assertThat(merged.curve().size()).isEqualTo(expected.size()).isGreaterThan(150);
        for (int k = 0; k < expected.size(); k++) {
            assertThat(merged.curve().falsePositiveRates()[k])
                    .isCloseTo(expected.falsePositiveRates()[k], within(1e-12));
            assertThat(merged.curve().truePositiveRates()[k]).isCloseTo(expected.truePositiveRates()[k], within(1e-12));
        }
    }

    @Test
    void oneClassHasAnAucOfNaNAndNoCurve() {
        double[] ones = {1, 1, 1};
        Merged merged = ofBlocks(new double[] {1, 2, 3}, ones, ones, 2, 10, 1);
        assertThat(merged.auc()).isNaN();
        assertThat(merged.curve()).isNull();
    }

    @Test
    void overlappingBlocksAndScoresOutOfOrderAreRefused() {
        RocBlock high = RocBlock.summarising();
        high.add(3, 1, 0);
        high.add(2, 0, 1);
        RocBlock low = RocBlock.summarising();
        low.add(2, 1, 0);
        assertThatThrownBy(() -> new RocMerge(List.of(high.summary(), low.summary()), 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlap");
        RocBlock descending = RocBlock.summarising();
        descending.add(2, 1, 0);
        assertThatThrownBy(() -> descending.add(5, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
