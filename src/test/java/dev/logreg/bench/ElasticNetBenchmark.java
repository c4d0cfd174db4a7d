package dev.logreg.bench;

import dev.logreg.math.Dataset;
import dev.logreg.math.ElasticNet;
import dev.logreg.math.ElasticNetOptions;
import dev.logreg.math.ElasticNetPath;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Times a 100-lambda lasso path on a synthetic table (Gaussian features, 10 true signals, labels drawn
 * from the logistic model) and writes the table as CSV so that R's glmnet can fit the same data:
 * {@code ElasticNetBenchmark rows features seed [csv-file] [threshold]}.
 */
public final class ElasticNetBenchmark {

    private ElasticNetBenchmark() {}

    public static void main(String[] args) throws IOException {
        int n = Integer.parseInt(args[0]);
        int p = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        SplittableRandom random = new SplittableRandom(seed);
        double[] design = new double[n * (p + 1)];
        double[] labels = new double[n];
        double[] weights = new double[n];
        Arrays.fill(weights, 1);
        for (int i = 0; i < n; i++) {
            design[i * (p + 1)] = 1;
            double eta = -0.5;
            for (int j = 0; j < p; j++) {
                double x = random.nextGaussian();
                design[i * (p + 1) + 1 + j] = x;
                if (j < 10) {
                    eta += (j % 2 == 0 ? 0.5 : -0.4) * x;
                }
            }
            labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
        }
        if (args.length > 3 && !Files.exists(Path.of(args[3]))) {
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[3])))) {
                for (int i = 0; i < n; i++) {
                    StringBuilder line = new StringBuilder().append((int) labels[i]);
                    for (int j = 0; j < p; j++) {
                        line.append(',').append(design[i * (p + 1) + 1 + j]);
                    }
                    out.println(line);
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            names.add("x" + j);
        }
        Dataset data = new Dataset(design, n, p + 1, true, labels, weights, names);
        ElasticNetOptions options = ElasticNetOptions.defaults(1);
        if (args.length > 4) {
            options = new ElasticNetOptions(
                    1, null, 100, Double.NaN, true, null, Double.parseDouble(args[4]), options.maxPasses());
        }
        var thread = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 2; round++) {
            long wall = System.nanoTime();
            long cpu = thread.getCurrentThreadCpuTime();
            ElasticNetPath path = ElasticNet.fit(data, options);
            System.out.printf(
                    "round %d: %d x %d, %d lambdas, wall %.2f s, cpu %.2f s, converged %s, df at end %d, passes %d%n",
                    round,
                    n,
                    p,
                    path.size(),
                    (System.nanoTime() - wall) / 1e9,
                    (thread.getCurrentThreadCpuTime() - cpu) / 1e9,
                    path.converged(),
                    path.degreesOfFreedom()[path.size() - 1],
                    path.passes());
        }
    }
}
