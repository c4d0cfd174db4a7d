package dev.logreg.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CalibrationBinsTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 10, 25})
    void everyBinEqualsItsWeightedMeansFromTheDefinition(int numBins) {
        SplittableRandom random = new SplittableRandom(numBins);
        int n = 500;
        double[] probabilities = new double[n];
        double[] labels = new double[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            // Squared, so the upper bins stay empty for the larger bin counts; exact edges included.
            probabilities[i] = i % 50 == 0 ? (i % 100) / 100.0 : Math.pow(random.nextDouble(), 2) * 0.8;
            labels[i] = random.nextInt(5) / 4.0;
            weights[i] = random.nextInt(3);
        }
        probabilities[1] = 1.0;
        weights[1] = 2;
        CalibrationBins bins = CalibrationBins.of(probabilities, labels, weights, numBins);

        int reported = 0;
        for (int bin = 0; bin < numBins; bin++) {
            double lower = (double) bin / numBins;
            double upper = (double) (bin + 1) / numBins;
            double weight = 0;
            double predicted = 0;
            double observed = 0;
            int rows = 0;
            for (int i = 0; i < n; i++) {
                boolean inside = probabilities[i] >= lower
                        && (probabilities[i] < upper || bin == numBins - 1 && probabilities[i] <= 1);
                if (inside && weights[i] > 0) {
                    weight += weights[i];
                    predicted += weights[i] * probabilities[i];
                    observed += weights[i] * labels[i];
                    rows++;
                }
            }
            if (rows == 0) {
                continue;
            }
            assertThat(bins.lower()[reported]).isCloseTo(lower, within(1e-15));
            assertThat(bins.upper()[reported]).isCloseTo(upper, within(1e-15));
            assertThat(bins.weight()[reported]).isCloseTo(weight, within(1e-9));
            assertThat(bins.rows()[reported]).isEqualTo(rows);
            assertThat(bins.meanPredicted()[reported]).isCloseTo(predicted / weight, within(1e-12));
            assertThat(bins.observedRate()[reported]).isCloseTo(observed / weight, within(1e-12));
            reported++;
        }
        assertThat(bins.size()).isEqualTo(reported);
        if (numBins >= 10) {
            assertThat(reported).as("the empty upper bins are left out").isLessThan(numBins);
        }
    }

    @Test
    void zeroWeightRowsAreNotCounted() {
        CalibrationBins bins =
                CalibrationBins.of(new double[] {0.05, 0.95, 0.97}, new double[] {0, 1, 0}, new double[] {1, 2, 0}, 10);
        assertThat(bins.size()).isEqualTo(2);
        assertThat(bins.rows()).containsExactly(1, 1);
        assertThat(bins.weight()).containsExactly(1, 2);
        assertThat(bins.observedRate()).containsExactly(0, 1);
        assertThat(bins.meanPredicted()).containsExactly(0.05, 0.95);
    }
}
