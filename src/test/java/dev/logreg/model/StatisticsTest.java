package dev.logreg.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatisticsTest {

    private static CoefficientStatistics estimated(String name) {
        return new CoefficientStatistics(name, 1.0, 1.0, 1.0, 0.3, -1.0, 3.0);
    }

    private static CoefficientStatistics aliased(String name) {
        return new CoefficientStatistics(name, null, null, null, null, null, null);
    }

    private static Statistics statistics(List<CoefficientStatistics> rows, double[][] covariance) {
        return new Statistics(rows, -1.0, 2.0, 3.0, 4.0, 5.0, 0.1, 0.2, covariance.length, covariance);
    }

    @Test
    void logitVarianceIsTheQuadraticFormOverTheInterceptAndFeatures() {
        double[][] covariance = {{4, 1, -2}, {1, 9, 0.5}, {-2, 0.5, 1}};
        Statistics statistics =
                statistics(List.of(estimated("(intercept)"), estimated("a"), estimated("b")), covariance);
        double[] xhat = {1, 2, -3};
        double expected = 0;
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                expected += xhat[a] * covariance[a][b] * xhat[b];
            }
        }
        assertThat(statistics.logitVariance(new double[] {2, -3}, true)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void aliasedColumnsAddNothingAndWithoutInterceptOnlyTheFeaturesCount() {
        double[][] covariance = {{4, 1}, {1, 9}};
        Statistics withAliased = statistics(List.of(estimated("a"), aliased("b"), estimated("c")), covariance);
        // xhat over the estimated columns is (2, 5): 4*4 + 2*2*5*1 + 9*25
        assertThat(withAliased.logitVariance(new double[] {2, 1e9, 5}, false)).isCloseTo(16 + 20 + 225, within(1e-9));
        Statistics aliasedFirst =
                statistics(List.of(estimated("(intercept)"), aliased("a"), estimated("b")), covariance);
        // xhat (1, 5): 4 + 2*5 + 9*25
        assertThat(aliasedFirst.logitVariance(new double[] {7, 5}, true)).isCloseTo(4 + 10 + 225, within(1e-9));
    }

    @Test
    void withoutACovarianceMatrixTheVarianceIsNaN() {
        Statistics none =
                new Statistics(List.of(estimated("(intercept)")), null, null, null, null, null, null, null, 1, null);
        assertThat(none.hasCovariance()).isFalse();
        assertThat(none.logitVariance(new double[0], true)).isNaN();
    }
}
