package dev.logreg.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.logreg.math.kernel.RowBlockSums;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The index-subset sums (SGD's mini-batches) against the contiguous kernel. */
class RowBlockSumsSubsetTest {

    /** 300 rows, 6 columns, frequency weights 0..3 (so some rows are skipped), soft labels. */
    private static final Dataset DATA = TestData.synthetic(300, 5, 11, true, true);

    private static final double[] B = {0.2, -0.4, 0.7, 0.1, -1.3, 0.5};

    @ParameterizedTest
    @EnumSource(RowBlockSums.Content.class)
    void rowsInTheirOwnOrderGiveExactlyTheContiguousSums(RowBlockSums.Content content) {
        int[] identity = new int[DATA.numSamples()];
        for (int i = 0; i < identity.length; i++) {
            identity[i] = i;
        }
        RowBlockSums contiguous = new RowBlockSums(6);
        LocalRowSums.addRows(contiguous, DATA, null, 40, 250, B, content);
        RowBlockSums subset = new RowBlockSums(6);
        LocalRowSums.addRows(subset, DATA, identity, 40, 250, B, content);
        RowBlockSums unordered = new RowBlockSums(6);
        LocalRowSums.addRows(unordered, DATA, null, 40, 250, B, content);

        for (RowBlockSums sums : new RowBlockSums[] {subset, unordered}) {
            assertThat(sums.loss()).isEqualTo(contiguous.loss());
            assertThat(sums.gradient()).containsExactly(contiguous.gradient());
            assertThat(sums.hessianLowerTriangle()).containsExactly(contiguous.hessianLowerTriangle());
        }
    }

    @ParameterizedTest
    @EnumSource(RowBlockSums.Content.class)
    void shuffledBatchesAddUpToTheSumsOverAllRows(RowBlockSums.Content content) {
        int n = DATA.numSamples();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(5);
        for (int i = n - 1; i > 0; i--) {
            int other = random.nextInt(i + 1);
            int held = order[i];
            order[i] = order[other];
            order[other] = held;
        }
        RowBlockSums all = new RowBlockSums(6);
        LocalRowSums.addRows(all, DATA, null, 0, n, B, content);
        RowBlockSums batches = new RowBlockSums(6);
        for (int from = 0; from < n; from += 32) {
            LocalRowSums.addRows(batches, DATA, order, from, Math.min(from + 32, n), B, content);
        }

        assertThat(batches.loss()).isCloseTo(all.loss(), within(1e-12 * all.loss()));
        for (int j = 0; j < 6; j++) {
            assertThat(batches.gradient()[j]).isCloseTo(all.gradient()[j], within(1e-12 * n));
        }
        for (int k = 0; k < 36; k++) {
            assertThat(batches.hessianLowerTriangle()[k]).isCloseTo(all.hessianLowerTriangle()[k], within(1e-12 * n));
        }
    }
}
