import java.util.Arrays;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.GeneralizedLinearRegression;
import org.apache.spark.ml.regression.GeneralizedLinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The peer of bench/spark/run.sh: Spark MLlib 4.1.0's GeneralizedLinearRegression (binomial,
 * logit, IRLS) on the same Parquet file, in local[2]; prints the wall time, the iterations and
 * the coefficients. Arguments: the file, the label column, the feature count d (columns x0..x{d-1}).
 */
public class MllibGlr {
    public static void main(String[] args) {
        String path = args[0];
        String label = args[1];
        int d = Integer.parseInt(args[2]);
        SparkSession spark = SparkSession.builder().master("local[2]").appName("mllib-glr")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        String[] features = new String[d];
        for (int j = 0; j < d; j++) {
            features[j] = "x" + j;
        }
        long start = System.nanoTime();
        Dataset<Row> rows = new VectorAssembler().setInputCols(features).setOutputCol("features")
                .transform(spark.read().parquet(path));
        GeneralizedLinearRegressionModel model = new GeneralizedLinearRegression().setFamily("binomial")
                .setLink("logit").setLabelCol(label).setFeaturesCol("features").setMaxIter(25).setTol(1e-8)
                .fit(rows);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("MLLIB seconds=%.1f iterations=%d intercept=%.15g%n", seconds,
                model.summary().numIterations(), model.intercept());
        System.out.println("MLLIB coefficients=" + Arrays.toString(model.coefficients().toArray()));
        spark.stop();
    }
}
