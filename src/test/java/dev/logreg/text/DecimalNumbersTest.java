package dev.logreg.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "+1", "1.5", "-.5", "5.", "1e3", "1E-3", "2.5e+10", "007", "1e400", "4.9e-324"})
    void aDecimalNumberIsOne(String text) {
        assertThat(DecimalNumbers.isDecimal(text.toCharArray(), 0, text.length()))
                .isTrue();
        assertThat(DecimalNumbers.parse(" " + text + " ")).isEqualTo(Double.parseDouble(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "+",
                "-",
                ".",
                "e3",
                "1e",
                "1e+",
                "0x1p3",
                "0x10",
                "1d",
                "2f",
                "1D",
                "1F",
                "NaN",
                "Infinity",
                "-Infinity",
                "1_0",
                "1,5",
                "1..2",
                "1e3.5",
                "--1",
                "1 2",
                "\u0661",
                "1e3e3"
            })
    void anythingElseIsNot(String text) {
        assertThat(DecimalNumbers.isDecimal(text.toCharArray(), 0, text.length()))
                .isFalse();
        assertThatThrownBy(() -> DecimalNumbers.parse(text)).isInstanceOf(NumberFormatException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x1.5y", "[2e3]"})
    void onlyTheRangeIsRead(String text) {
        assertThat(DecimalNumbers.isDecimal(text.toCharArray(), 1, text.length() - 1))
                .isTrue();
        assertThat(DecimalNumbers.isDecimal(text.toCharArray(), 0, text.length()))
                .isFalse();
    }
}
