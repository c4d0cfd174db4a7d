package dev.logreg.math;

import static org.assertj.core.api.Assertions.assertThat;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class RankCheckTest {

    @Test
    void fullRankHasNoAliasedColumns() {
        DMatrixRMaj gram = new DMatrixRMaj(new double[][] {{4, 1, 0}, {1, 3, 1}, {0, 1, 2}});
        assertThat(RankCheck.aliasedColumns(gram)).containsOnly(false);
    }

    @Test
    void laterColumnsThatRepeatEarlierOnesAreAliasedInOrder() {
        // Columns a, 2a, b, a + b: the second and fourth depend on earlier ones.
        double[][] x = {{1, 2, 0, 1}, {2, 4, 1, 3}, {0, 0, 1, 1}, {3, 6, 2, 5}, {1, 2, 5, 6}};
        DMatrixRMaj gram = new DMatrixRMaj(4, 4);
        for (double[] row : x) {
            for (int j = 0; j < 4; j++) {
                for (int k = 0; k < 4; k++) {
                    gram.add(j, k, row[j] * row[k]);
                }
            }
        }
        assertThat(RankCheck.aliasedColumns(gram)).containsExactly(false, true, false, true);
    }

    @Test
    void scaleDoesNotMatter() {
        double[][] x = {{1, 1e8, 1e-9}, {1, 2e8, 3e-9}, {1, 3e8, 2e-9}, {1, 5e8, 7e-9}};
        DMatrixRMaj gram = new DMatrixRMaj(3, 3);
        for (double[] row : x) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    gram.add(j, k, row[j] * row[k]);
                }
            }
        }
        assertThat(RankCheck.aliasedColumns(gram)).containsOnly(false);
    }

    @Test
    void aZeroColumnIsAliased() {
        DMatrixRMaj gram = new DMatrixRMaj(new double[][] {{2, 0}, {0, 0}});
        assertThat(RankCheck.aliasedColumns(gram)).containsExactly(false, true);
    }
}
