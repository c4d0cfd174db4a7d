import dev.logreg.math.ClassificationMetrics;
import dev.logreg.math.RocMerge;
import dev.logreg.math.kernel.RowBlockSums;
import dev.logreg.math.kernel.ScoreSums;
import dev.logreg.spark.ClusterSession;
import dev.logreg.spark.SparkCluster;
import dev.logreg.spark.SparkRows;
import java.time.Duration;

/**
 * What the ROC AUC and curve of a source training cost against one Newton pass, on a file Gen.java
 * wrote: SparkRows as the service drives it, at the coefficients of Gen's model. Each pass is timed
 * ROUNDS times, interleaved.
 * Usage: RocCost <parquet URI> <D> <sc://host:port>
 */
public class RocCost {

    private static final int ROUNDS = 3;

    public static void main(String[] args) {
        String uri = args[0];
        int d = Integer.parseInt(args[1]);
        ClusterSession session = new SparkCluster(args[2], Duration.ofSeconds(30), Duration.ofSeconds(10))
                .session(Duration.ofHours(1));
        try {
            session.connect();
            long start = System.nanoTime();
            SparkRows rows = session.open(new SparkRows.Source(uri, "parquet", "y", null, null), true, 1000,
                    () -> { });
            System.out.printf("open (first pass): %.1f s, %d rows, %d partitions%n", seconds(start),
                    rows.counts().rowsFitted(), rows.partitions());
            int p = rows.numColumns();
            int[] kept = new int[p];
            double[] b = new double[p];
            b[0] = 0.3;
            for (int j = 0; j < p; j++) {
                kept[j] = j;
                if (j > 0) {
                    b[j] = ((j - 1) % 2 == 0 ? 0.5 : -0.25) / Math.sqrt(1 + (j - 1) / 4.0);
                }
            }
            RowBlockSums sums = new RowBlockSums(p);
            for (int round = 1; round <= ROUNDS; round++) {
                start = System.nanoTime();
                rows.rowSums(kept).compute(b, RowBlockSums.Content.LOSS_GRADIENT_AND_HESSIAN, sums);
                double newton = seconds(start);
                start = System.nanoTime();
                ScoreSums scores = rows.scoreSums(kept, b, null, 10, 0.5);
                double metrics = seconds(start);
                start = System.nanoTime();
                RocMerge.Result roc = rows.roc(kept, b, 200);
                double ranked = seconds(start);
                System.out.printf("round %d: Newton pass %.1f s, metrics pass %.1f s, ROC passes %.1f s"
                        + " (%.2f Newton passes); AUC %.12f, %d curve points, accuracy %.6f%n", round, newton,
                        metrics, ranked, ranked / newton, roc.auc(), roc.curve().size(),
                        ClassificationMetrics.fromSums(scores, rows.labelTotals().totalWeight(), roc.auc()).accuracy());
            }
        } finally {
            session.close();
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
