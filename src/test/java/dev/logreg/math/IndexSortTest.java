package dev.logreg.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The radix index sort against a stable comparison sort by {@link Double#compare}. */
class IndexSortTest {

    private static final double[] SPECIAL = {
        Double.NaN,
        -0.0,
        0.0,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
        Double.MIN_VALUE,
        -Double.MIN_VALUE,
        Double.MAX_VALUE,
        -Double.MAX_VALUE,
        1e-300,
        -1e300,
        Double.longBitsToDouble(0x7ff0000000000123L),
        1.0,
        -1.0
    };

    @ParameterizedTest(name = "n={0} keys={1}")
    @CsvSource({
        "0,ties",
        "1,ties",
        "2,special",
        "33,special",
        "1000,ties",
        "1000,special",
        "1000,wide",
        "20000,wide",
        "20000,ties"
    })
    void givesTheStablePermutationOfDoubleCompare(int n, String keys) {
        SplittableRandom random = new SplittableRandom(n);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = switch (keys) {
                case "ties" -> random.nextInt(40) - 20;
                case "special" -> SPECIAL[random.nextInt(SPECIAL.length)];
                default -> TestData.gaussian(random) * Math.exp(50 * TestData.gaussian(random));
            };
        }
        double[] copy = values.clone();

        int[] order = IndexSort.ascending(values);

        Integer[] expected = new Integer[n];
        for (int i = 0; i < n; i++) {
            expected[i] = i;
        }
        Arrays.sort(expected, (a, b) -> Double.compare(values[a], values[b]));
        assertThat(order)
                .containsExactly(
                        Arrays.stream(expected).mapToInt(Integer::intValue).toArray());
        assertThat(values).containsExactly(copy);
    }
}
