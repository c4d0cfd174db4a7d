package dev.logreg.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The canonical form as documented, checked against hashes Python's hashlib computed from it. */
class DatasetDigestTest {

    private static Dataset small(boolean intercept, double zero) {
        double[][] features = {{110, 2.62}, {93, zero}, {245, 3.57}};
        int p = intercept ? 3 : 2;
        double[] design = new double[3 * p];
        for (int i = 0; i < 3; i++) {
            if (intercept) {
                design[i * p] = 1;
            }
            System.arraycopy(features[i], 0, design, i * p + (intercept ? 1 : 0), 2);
        }
        return new Dataset(
                design, 3, p, intercept, new double[] {1, 0, 0.5}, new double[] {1, 1, 2}, List.of("hp", "wt\u00e9"));
    }

    @Test
    void hashesTheDocumentedCanonicalForm() {
        // python3: sha256(b'logreg-dataset-v1' + pack('>ii', 3, 2) + per name pack('>i', len) + utf8
        //   + pack('>d', ...) for the features row by row, the labels, the weights)
        assertThat(DatasetDigest.sha256(small(true, 0.0)))
                .isEqualTo("934acd142d16ae1e18ac2e08c7f5948de7547eecf83e379cafae14a85d120fab");
    }

    @Test
    void neitherTheInterceptColumnNorTheSignOfZeroChangesIt() {
        String hash = DatasetDigest.sha256(small(true, 0.0));
        assertThat(DatasetDigest.sha256(small(false, 0.0))).isEqualTo(hash);
        assertThat(DatasetDigest.sha256(small(true, -0.0))).isEqualTo(hash);
    }

    @Test
    void streamsPastTheBufferAndCountsUnitWeights() {
        int n = 3000;
        double[][] features = new double[n][1];
        double[] labels = new double[n];
        for (int i = 0; i < n; i++) {
            features[i][0] = i * 0.001;
            labels[i] = i % 2;
        }
        Dataset data = new Dataset(
                TestData.of(features, labels, null, false).designData(),
                n,
                1,
                false,
                labels,
                unitWeights(n),
                List.of("x"));
        assertThat(DatasetDigest.sha256(data))
                .isEqualTo("9083a81cb39d9065415610f4b617bf16036766185ff974cbd5582bec7dc2c563");
        data = new Dataset(
                TestData.of(features, labels, null, false).designData(),
                n,
                1,
                false,
                labels,
                unitWeights(n),
                List.of("y"));
        assertThat(DatasetDigest.sha256(data))
                .isNotEqualTo("9083a81cb39d9065415610f4b617bf16036766185ff974cbd5582bec7dc2c563");
    }

    private static double[] unitWeights(int n) {
        double[] weights = new double[n];
        java.util.Arrays.fill(weights, 1.0);
        return weights;
    }
}
