package dev.logreg.training;

import dev.logreg.math.LogisticRegression;
import dev.logreg.math.NewtonSolver;
import dev.logreg.math.SolverOptions;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;

/**
 * Issue 18's benchmark, in one JVM (not a test; BENCHMARKS.md): a CSV table of N rows with 10
 * numeric columns and 3 factors of 20 levels, read and coded by the formula {@code y ~ .}, against
 * the same model matrix sent as the already-encoded numeric CSV (67 features), each read five times
 * (the best is kept) and then fitted by Newton once. Run with the test classpath:
 * {@code java -cp target/test-classes:target/classes:<deps> dev.logreg.training.FormulaCsvBenchmark 1000000}.
 */
public final class FormulaCsvBenchmark {

    private FormulaCsvBenchmark() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Random random = new Random(18);
        StringBuilder raw = new StringBuilder("y,x1,x2,x3,x4,x5,x6,x7,x8,x9,x10,f1,f2,f3\n");
        StringBuilder encoded = new StringBuilder("y");
        for (int j = 1; j <= 10; j++) {
            encoded.append(",x").append(j);
        }
        for (int f = 1; f <= 3; f++) {
            for (int level = 2; level <= 20; level++) {
                encoded.append(",f").append(f).append(String.format(Locale.ROOT, "L%02d", level));
            }
        }
        encoded.append('\n');
        double[] x = new double[10];
        int[] levels = new int[3];
        for (int i = 0; i < n; i++) {
            double u = 0;
            for (int j = 0; j < 10; j++) {
                x[j] = Math.round(random.nextGaussian() * 1e6) / 1e6;
                u += (j % 2 == 0 ? 0.3 : -0.2) * x[j];
            }
            for (int f = 0; f < 3; f++) {
                levels[f] = random.nextInt(20);
                u += (levels[f] - 10) * 0.05;
            }
            int y = random.nextDouble() < 1 / (1 + Math.exp(-u)) ? 1 : 0;
            raw.append(y);
            encoded.append(y);
            for (int j = 0; j < 10; j++) {
                raw.append(',').append(x[j]);
                encoded.append(',').append(x[j]);
            }
            for (int f = 0; f < 3; f++) {
                raw.append(',').append(String.format(Locale.ROOT, "L%02d", levels[f] + 1));
                for (int level = 1; level < 20; level++) {
                    encoded.append(levels[f] == level ? ",1" : ",0");
                }
            }
            raw.append('\n');
            encoded.append('\n');
        }
        byte[] rawBytes = raw.toString().getBytes(StandardCharsets.UTF_8);
        byte[] encodedBytes = encoded.toString().getBytes(StandardCharsets.UTF_8);
        raw = null;
        encoded = null;
        DatasetLimits limits = new DatasetLimits(n, 1000, 100L * n);
        System.out.printf(
                Locale.ROOT,
                "%d rows: table CSV %.1f MB, encoded CSV %.1f MB%n",
                n,
                rawBytes.length / 1e6,
                encodedBytes.length / 1e6);
        TrainingInput table = null;
        TrainingInput matrix = null;
        double bestTable = Double.MAX_VALUE;
        double bestMatrix = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            table = CsvTrainingReader.readTable(
                    new ByteArrayInputStream(rawBytes), limits, null, "y ~ .", null, null, null, Map.of());
            bestTable = Math.min(bestTable, (System.nanoTime() - start) / 1e9);
            table = null;
            start = System.nanoTime();
            matrix = CsvTrainingReader.read(new ByteArrayInputStream(encodedBytes), limits, null, "y", null, Map.of());
            bestMatrix = Math.min(bestMatrix, (System.nanoTime() - start) / 1e9);
        }
        table = CsvTrainingReader.readTable(
                new ByteArrayInputStream(rawBytes), limits, null, "y ~ .", null, null, null, Map.of());
        System.out.printf(
                Locale.ROOT, "read + code: table %.3f s, encoded %.3f s (best of 5)%n", bestTable, bestMatrix);
        LogisticRegression regression = new LogisticRegression(ForkJoinPool.commonPool(), 2);
        long start = System.nanoTime();
        var fitTable = regression.fit(table.dataset(), 0, new NewtonSolver(), new SolverOptions(100, 1e-8));
        double fitTableSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        var fitMatrix = regression.fit(matrix.dataset(), 0, new NewtonSolver(), new SolverOptions(100, 1e-8));
        double fitMatrixSeconds = (System.nanoTime() - start) / 1e9;
        double largest = 0;
        for (int j = 0; j < fitTable.coefficients().length; j++) {
            largest = Math.max(
                    largest, Math.abs(fitTable.coefficients()[j] - fitMatrix.coefficients()[j]));
        }
        System.out.printf(
                Locale.ROOT,
                "fit: table %.3f s, encoded %.3f s; p = %d; largest coefficient difference %.1e%n",
                fitTableSeconds,
                fitMatrixSeconds,
                table.dataset().numColumns(),
                largest);
        System.out.printf(
                Locale.ROOT,
                "read + code + fit: table %.3f s, encoded %.3f s, ratio %.2f%n",
                bestTable + fitTableSeconds,
                bestMatrix + fitMatrixSeconds,
                (bestTable + fitTableSeconds) / (bestMatrix + fitMatrixSeconds));
    }
}
