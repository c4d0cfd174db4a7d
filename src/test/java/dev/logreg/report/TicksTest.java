package dev.logreg.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TicksTest {

    @Test
    void niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(Ticks.niceStep(1.04, 5)).isEqualTo(0.2);
        assertThat(Ticks.niceStep(8, 5)).isEqualTo(2);
        assertThat(Ticks.niceStep(17, 5)).isEqualTo(5);
        assertThat(Ticks.niceStep(0.003, 3)).isEqualTo(0.001);
        assertThat(Ticks.niceStep(700, 5)).isEqualTo(100);
        assertThat(Ticks.niceStep(0, 5)).isEqualTo(1);
    }

    @Test
    void linearTicksAreTheMultiplesInsideTheRangeWithoutRoundingNoise() {
        assertThat(Ticks.linear(-0.02, 1.02, 5)).containsExactly(0, 0.2, 0.4, 0.6, 0.8, 1.0);
        assertThat(Ticks.linear(0, 8, 4)).containsExactly(0, 2, 4, 6, 8);
        assertThat(Ticks.linear(0.27, 0.33, 3)).containsExactly(0.28, 0.3, 0.32);
        assertThat(Ticks.label(0.30000000000000004, 0.02)).isEqualTo("0.30");
        assertThat(Ticks.label(-0.0, 0.5)).isEqualTo("0.0");
        assertThat(Ticks.label(20, 5)).isEqualTo("20");
    }

    @Test
    void logTicksAreDecadesOrOneTwoFiveOverAShortRange() {
        assertThat(Ticks.logarithmic(1e-14, 1)).hasSize(8).contains(1e-14, 1e-2, 1.0);
        assertThat(Ticks.logarithmic(1e-8, 1)).containsExactly(1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1.0);
        assertThat(Ticks.logarithmic(0.01, 1)).containsExactly(0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0);
        assertThat(Ticks.spansFewDecades(0.01, 1)).isTrue();
        assertThat(Ticks.spansFewDecades(0.001, 1)).isFalse();
    }
}
