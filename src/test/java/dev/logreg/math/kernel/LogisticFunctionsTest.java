package dev.logreg.math.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogisticFunctionsTest {

    @ParameterizedTest
    @ValueSource(
            doubles = {
                -1e308,
                -Double.MAX_VALUE,
                -1e5,
                -745,
                -710,
                -40,
                -1,
                0,
                1,
                40,
                710,
                745,
                1e5,
                1e308,
                Double.MAX_VALUE
            })
    void finiteForEveryFiniteInput(double u) {
        assertThat(LogisticFunctions.sigmoid(u)).isBetween(0.0, 1.0);
        assertThat(LogisticFunctions.softplus(u)).isFinite().isGreaterThanOrEqualTo(0.0);
        for (double y : new double[] {0, 0.3, 1}) {
            assertThat(LogisticFunctions.crossEntropy(u, y)).isFinite().isGreaterThanOrEqualTo(0.0);
        }
        assertThat(LogisticFunctions.logSigmoid(u)).isFinite();
    }

    @Test
    void matchesTheNaiveFormulasWhereThoseAreAccurate() {
        for (double u = -30; u <= 30; u += 0.37) {
            assertThat(LogisticFunctions.sigmoid(u)).isCloseTo(1 / (1 + Math.exp(-u)), within(1e-15));
            assertThat(LogisticFunctions.softplus(u)).isCloseTo(Math.log(1 + Math.exp(u)), within(1e-13));
            double y = 0.25;
            assertThat(LogisticFunctions.crossEntropy(u, y))
                    .isCloseTo(Math.log(1 + Math.exp(u)) - y * u, within(1e-12));
        }
    }

    @Test
    void asymptotesAreExact() {
        assertThat(LogisticFunctions.softplus(1e308)).isEqualTo(1e308);
        assertThat(LogisticFunctions.softplus(-1e308)).isEqualTo(0.0);
        assertThat(LogisticFunctions.sigmoid(-1e308)).isEqualTo(0.0);
        assertThat(LogisticFunctions.sigmoid(1e308)).isEqualTo(1.0);
        assertThat(LogisticFunctions.crossEntropy(1e308, 1)).isEqualTo(0.0);
        assertThat(LogisticFunctions.crossEntropy(-1e308, 0)).isEqualTo(0.0);
        assertThat(LogisticFunctions.crossEntropy(1e308, 0)).isEqualTo(1e308);
        assertThat(LogisticFunctions.sigmoid(0)).isEqualTo(0.5);
        assertThat(LogisticFunctions.softplus(0)).isEqualTo(Math.log(2));
        // A tiny tail probability keeps its relative accuracy instead of rounding to 0.
        assertThat(LogisticFunctions.sigmoid(-700)).isCloseTo(Math.exp(-700), within(Math.exp(-700) * 1e-12));
    }
}
