package dev.logreg.math;

import dev.logreg.math.kernel.LogisticFunctions;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Builds datasets for tests. */
final class TestData {

    private TestData() {}

    /** A dataset from rows of features (the intercept column is added when asked). */
    static Dataset of(double[][] features, double[] labels, double[] weights, boolean intercept) {
        int n = features.length;
        int d = features[0].length;
        int p = d + (intercept ? 1 : 0);
        double[] design = new double[n * p];
        for (int i = 0; i < n; i++) {
            int offset = i * p;
            if (intercept) {
                design[offset++] = 1.0;
            }
            System.arraycopy(features[i], 0, design, offset, d);
        }
        if (weights == null) {
            weights = new double[n];
            java.util.Arrays.fill(weights, 1.0);
        }
        List<String> names = new ArrayList<>();
        for (int j = 1; j <= d; j++) {
            names.add("x" + j);
        }
        return new Dataset(design, n, p, intercept, labels.clone(), weights.clone(), names);
    }

    static Dataset of(double[][] features, double[] labels) {
        return of(features, labels, null, true);
    }

    /**
     * Seeded synthetic data from a logistic model with coefficients {@code 0.3, 0.5, -0.25, ...}:
     * standard normal features, labels drawn from the model (0/1), or soft labels when asked.
     */
    static Dataset synthetic(int n, int d, long seed, boolean softLabels, boolean randomWeights) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] features = new double[n][d];
        double[] labels = new double[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            double u = 0.3;
            for (int j = 0; j < d; j++) {
                features[i][j] = gaussian(random);
                u += features[i][j] * (j % 2 == 0 ? 0.5 : -0.25) / Math.sqrt(1 + j / 4.0);
            }
            double mu = LogisticFunctions.sigmoid(u);
            labels[i] = softLabels ? Math.round(mu * 20) / 20.0 : (random.nextDouble() < mu ? 1 : 0);
            weights[i] = randomWeights ? random.nextInt(4) : 1;
        }
        weights[0] = Math.max(weights[0], 1);
        return of(features, labels, weights, true);
    }

    static double gaussian(SplittableRandom random) {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
