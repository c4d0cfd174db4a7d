package dev.logreg.spark.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionTotalsTest {

    private static final PartitionTotals FIRST =
            new PartitionTotals(10, 3, List.of(1L, 0L, 2L), 6.5, 2.25, 3.125, 6, List.of(0L, 1L, 0L));
    private static final PartitionTotals SECOND =
            new PartitionTotals(4, 1, List.of(0L, 1L, 0L), 2.5, 0.75, 1.0, 2, List.of(2L, 0L, 5L));

    @Test
    void unpackReadsWhatPackWrote() {
        double[] packed = FIRST.pack();

        assertThat(packed).hasSize(PartitionTotals.packedLength(3));
        assertThat(PartitionTotals.unpack(packed)).isEqualTo(FIRST);
        assertThat(PartitionTotals.unpack(PackedDoubles.fromBytes(PackedDoubles.toBytes(packed))))
                .isEqualTo(FIRST);
    }

    @Test
    void totalsOfPartitionsAddUp() {
        assertThat(PartitionTotals.none(3).plus(FIRST).plus(SECOND))
                .isEqualTo(new PartitionTotals(14, 4, List.of(1L, 1L, 2L), 9.0, 3.0, 4.125, 8, List.of(2L, 1L, 5L)));
    }

    @Test
    void totalsOfAnotherShapeAreRefused() {
        assertThatThrownBy(() -> PartitionTotals.unpack(new double[PartitionTotals.packedLength(3) + 1]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FIRST.plus(PartitionTotals.none(2))).isInstanceOf(IllegalArgumentException.class);
    }
}
