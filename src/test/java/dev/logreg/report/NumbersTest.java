package dev.logreg.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The report prints numbers as R's summary.glm does (outputs copied from R 4.x). */
class NumbersTest {

    @Test
    void estimatesAndStandardErrorsShareDecimalsLikePrintCoefmat() {
        // summary(glm(am ~ hp + wt, binomial, mtcars)):
        //             Estimate Std. Error z value Pr(>|z|)
        // (Intercept) 18.86630    7.44356   2.535  0.01126 *
        // hp           0.03626    0.01773   2.044  0.04091 *
        // wt          -8.08348    3.06868  -2.634  0.00843 **
        double[] estimatesAndErrors = {
            18.86629871720411,
            0.03625559608221654,
            -8.08347518244463,
            7.44355806020529,
            0.017734153650769371,
            3.0686751130547036
        };
        assertThat(Numbers.column(estimatesAndErrors, 4))
                .containsExactly("18.86630", "0.03626", "-8.08348", "7.44356", "0.01773", "3.06868");
        assertThat(Numbers.zValues(new double[] {2.5345, 2.0444, -2.6342})).containsExactly("2.535", "2.044", "-2.634");
        assertThat(Numbers.pValues(new double[] {0.011262, 0.040914, 0.0084306}))
                .containsExactly("0.01126", "0.04091", "0.00843");
        assertThat(Numbers.stars(0.011262)).isEqualTo("*");
        assertThat(Numbers.stars(0.0084306)).isEqualTo("**");
        assertThat(Numbers.stars(0.0009)).isEqualTo("***");
        assertThat(Numbers.stars(0.07)).isEqualTo(".");
        assertThat(Numbers.stars(0.5)).isEmpty();
        assertThat(Numbers.stars(Double.NaN)).isEmpty();
    }

    @Test
    void scientificNotationWhereFixedWouldBeWiderAsR() {
        // format(6.27e-8, digits = 3) is "6.27e-08"; format(c(43.2297, 10.0591), digits = 5) "43.230" "10.059".
        assertThat(Numbers.pValues(new double[] {6.2718e-8})).containsExactly("6.27e-08");
        assertThat(Numbers.column(new double[] {43.22973, 10.05911}, 5)).containsExactly("43.230", "10.059");
        assertThat(Numbers.column(new double[] {1.109e-10, 17.82}, 4)).containsExactly("1.109e-10", "1.782e+01");
        assertThat(Numbers.column(new double[] {123456789.0, 1}, 4)).containsExactly("123456789", "1");
        assertThat(Numbers.pValues(new double[] {1e-300, 0.5, 0})).containsExactly("<2e-16", "0.5", "<2e-16");
    }

    @Test
    void missingValuesPrintAsNaAndNegativeZeroAsZero() {
        assertThat(Numbers.column(new double[] {Double.NaN, 1.5, -0.0}, 4)).containsExactly("NA", "1.5", "0.0");
        assertThat(Numbers.zValues(new double[] {Double.NaN})).containsExactly("NA");
        assertThat(Numbers.fixed(Double.NaN, 3)).isEqualTo("NA");
        assertThat(Numbers.percent(0.8125)).isEqualTo("81.3%");
        assertThat(Numbers.significant(16.059110472266987, 5)).isEqualTo("16.059");
    }
}
