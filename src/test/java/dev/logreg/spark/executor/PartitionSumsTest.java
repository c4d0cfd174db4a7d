package dev.logreg.spark.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class PartitionSumsTest {

    @Test
    void rowsPassSendsTheRowsWithoutNullsInOrder() {
        List<Row> rows = List.of(
                RowFactory.create(1.0, 2.0, 0.5, -1.5),
                RowFactory.create(null, 1.0, 3.0, 4.0),
                RowFactory.create(0.0, 1.0, 7.0, null),
                RowFactory.create(0.25, 4.0, -2.0, 8.0));

        assertThat(call(PartitionSums.rows(2), rows.iterator()))
                .containsExactly(1.0, 2.0, 0.5, -1.5, 0.25, 4.0, -2.0, 8.0);
    }

    /** More rows than one batch: the buffer grows and keeps every value. */
    @Test
    void rowsPassKeepsEveryRowOfALargePartition() {
        int count = 3 * RowBatch.ROWS + 7;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(RowFactory.create((double) (i % 2), 1.0, (double) i));
        }

        double[] values = call(PartitionSums.rows(1), rows.iterator());

        assertThat(values).hasSize(3 * count);
        for (int i = 0; i < count; i++) {
            assertThat(values[3 * i + 2]).isEqualTo(i);
        }
    }

    private static double[] call(PartitionSums pass, Iterator<Row> rows) {
        Iterator<byte[]> result = pass.call(rows);
        double[] values = PackedDoubles.fromBytes(result.next());
        assertThat(result.hasNext()).isFalse();
        return values;
    }
}
