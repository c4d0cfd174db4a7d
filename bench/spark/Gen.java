import static org.apache.spark.sql.functions.*;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import java.util.ArrayList;
import java.util.List;
public class Gen {
    public static void main(String[] args) throws Exception {
        long n = Long.parseLong(args[0]);
        int d = Integer.parseInt(args[1]);
        String path = args[2];
        long t0 = System.nanoTime();
        String remote = System.getenv().getOrDefault("BENCH_SPARK_REMOTE", "sc://127.0.0.1:15002");
        SparkSession s = org.apache.spark.sql.connect.SparkSession.builder().remote(remote).create();
        List<Column> cols = new ArrayList<>();
        Column u = lit(0.3);
        for (int j = 0; j < d; j++) {
            Column x = randn(1000 + j).as("x" + j);
            cols.add(x);
        }
        var df = s.range(0, n, 1, 4).select(cols.toArray(new Column[0]));
        for (int j = 0; j < d; j++) {
            u = u.plus(col("x" + j).multiply(lit((j % 2 == 0 ? 0.5 : -0.25) / Math.sqrt(1 + j / 4.0))));
        }
        df = df.withColumn("y", when(rand(7).lt(lit(1.0).divide(lit(1.0).plus(exp(u.multiply(-1))))), 1.0).otherwise(0.0));
        df.write().mode("overwrite").parquet(path);
        System.out.println("wrote " + n + " x " + d + " in " + (System.nanoTime() - t0) / 1e9 + " s");
        s.close();
    }
}
