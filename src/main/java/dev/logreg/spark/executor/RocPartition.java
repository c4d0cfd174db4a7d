package dev.logreg.spark.executor;

import dev.logreg.math.kernel.RocBlock;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * Runs on a Spark executor: one of the two {@link RocBlock} passes over a partition of {@link
 * ScoredRows} cut by score range and sorted by decreasing score, as one element of packed doubles
 * ({@link PackedDoubles}); an empty partition returns nothing. The second pass
 * finds its partition's {@link RocBlock.Plan} by the partition's highest score.
 */
public final class RocPartition implements MapPartitionsFunction<Row, byte[]> {

    private static final long serialVersionUID = 1L;

    /** Null for the first pass. */
    private final List<RocBlock.Plan> plans;

    private RocPartition(List<RocBlock.Plan> plans) {
        this.plans = plans;
    }

    /** The first pass: each partition's {@link RocBlock#summary}. */
    public static RocPartition summaries() {
        return new RocPartition(null);
    }

    /** The second pass: each partition's {@link RocBlock#keptVertices}, at the place its plan gives. */
    public static RocPartition vertices(List<RocBlock.Plan> plans) {
        return new RocPartition(List.copyOf(plans));
    }

    @Override
    public Iterator<byte[]> call(Iterator<Row> rows) {
        if (!rows.hasNext()) {
            return Collections.emptyIterator();
        }
        Row first = rows.next();
        RocBlock block = plans == null ? RocBlock.summarising() : RocBlock.pickingVertices(plan(first.getDouble(0)));
        block.add(first.getDouble(0), first.getDouble(1), first.getDouble(2));
        while (rows.hasNext()) {
            Row row = rows.next();
            block.add(row.getDouble(0), row.getDouble(1), row.getDouble(2));
        }
        double[] result = plans == null ? block.summary() : block.keptVertices();
        return List.of(PackedDoubles.toBytes(result)).iterator();
    }

    private RocBlock.Plan plan(double highest) {
        for (RocBlock.Plan plan : plans) {
            if (plan.highest() == highest) {
                return plan;
            }
        }
        throw new IllegalStateException("no plan for the partition whose highest score is " + highest
                + ": the partitions changed between the two passes");
    }
}
