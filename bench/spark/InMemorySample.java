import dev.logreg.math.Dataset;
import dev.logreg.math.Fit;
import dev.logreg.math.LogisticRegression;
import dev.logreg.math.NewtonSolver;
import dev.logreg.math.SolverOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

/**
 * The in-memory side of bench/spark/run.sh: the service's own fit (LogisticRegression, Newton, 2
 * workers) on n x d rows drawn in memory from the model the Parquet file was generated from
 * (Gen.java), i.e. a sample of the same distribution; prints the wall time of the fit.
 */
public class InMemorySample {
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int d = Integer.parseInt(args[1]);
        int p = d + 1;
        SplittableRandom random = new SplittableRandom(11);
        double[] design = new double[n * p];
        double[] labels = new double[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            double u = 0.3;
            design[i * p] = 1;
            for (int j = 0; j < d; j++) {
                double x = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
                design[i * p + 1 + j] = x;
                u += x * (j % 2 == 0 ? 0.5 : -0.25) / Math.sqrt(1 + j / 4.0);
            }
            labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-u)) ? 1 : 0;
            weights[i] = 1;
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            names.add("x" + j);
        }
        Dataset data = new Dataset(design, n, p, true, labels, weights, names);
        LogisticRegression regression = new LogisticRegression(ForkJoinPool.commonPool(), 2);
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            Fit fit = regression.fit(data, 0, new NewtonSolver(), new SolverOptions(100, 1e-8));
            System.out.printf("INMEMORY n=%d d=%d seconds=%.2f iterations=%d%n", n, d,
                    (System.nanoTime() - start) / 1e9, fit.solverResult().iterations());
        }
    }
}
