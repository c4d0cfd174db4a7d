package dev.logreg.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChunkedDoubleArrayTest {

    private static final int CHUNK = ChunkedDoubleArray.CHUNK;

    @ParameterizedTest(name = "{0} rows of {1}, skip {2}")
    @CsvSource({"1,1,0", "1,3,1", "3,7,0", "3,7,1", "40000,5,0", "40000,5,1", "2,65537,1", "1,131072,0", "65536,2,1"})
    void movesRowsAcrossChunkBoundariesIntoOneExactArray(int rows, int stride, int skip) {
        ChunkedDoubleArray values = new ChunkedDoubleArray();
        for (long i = 0; i < (long) rows * stride; i++) {
            values.add(i);
        }
        assertThat(values.size()).isEqualTo((long) rows * stride);

        double[] moved = values.moveRows(rows, stride, skip);

        int width = stride - skip;
        assertThat(moved).hasSize(rows * width);
        for (int row = 0; row < rows; row++) {
            for (int k = 0; k < width; k++) {
                assertThat(moved[row * width + k]).isEqualTo((double) row * stride + skip + k);
            }
        }
        assertThat(values.size()).isZero();
    }

    @ParameterizedTest(name = "truncate to {0}")
    @CsvSource({"0", "1", "65535", "65536", "65537", "131072", "150000"})
    void truncatingAnywhereKeepsThePrefixAndAppendsAfterIt(long newSize) {
        ChunkedDoubleArray values = new ChunkedDoubleArray();
        for (int i = 0; i < 150_000; i++) {
            values.add(i);
        }
        values.truncate(newSize);
        for (int i = 0; i < 2 * CHUNK; i++) {
            values.add(-i);
        }

        assertThat(values.size()).isEqualTo(newSize + 2 * CHUNK);
        if (newSize > 0) {
            assertThat(values.get(newSize - 1)).isEqualTo(newSize - 1);
        }
        assertThat(values.get(newSize)).isEqualTo(0.0);
        assertThat(values.get(newSize + 2 * CHUNK - 1)).isEqualTo(-(2.0 * CHUNK - 1));
        double[] all = values.moveRows(1, (int) values.size(), 0);
        for (int i = 0; i < newSize; i++) {
            assertThat(all[i]).isEqualTo(i);
        }
    }

    @Test
    void refusesAShapeThatDoesNotMatchItsSize() {
        ChunkedDoubleArray values = new ChunkedDoubleArray();
        values.add(1);
        values.add(2);
        values.add(3);
        assertThatThrownBy(() -> values.moveRows(2, 2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> values.truncate(4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> values.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
