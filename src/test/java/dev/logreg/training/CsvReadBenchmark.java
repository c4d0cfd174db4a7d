package dev.logreg.training;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How fast {@link CsvTrainingReader} reads a CSV of random numbers held in memory (the CPU time of
 * the reading thread, which a busy machine disturbs less than the wall clock). Not a test:
 *
 * <pre>
 * ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     dev.logreg.training.CsvReadBenchmark 250000 100
 * </pre>
 */
final class CsvReadBenchmark {

    private CsvReadBenchmark() {}

    public static void main(String[] args) {
        int rows = Integer.parseInt(args[0]);
        int features = Integer.parseInt(args[1]);
        SplittableRandom random = new SplittableRandom(42);
        StringBuilder csv = new StringBuilder();
        for (int j = 0; j < features; j++) {
            csv.append('x').append(j).append(',');
        }
        csv.append("y\n");
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < features; j++) {
                csv.append(Math.round(random.nextGaussian() * 1e6) / 1e4).append(',');
            }
            csv.append(random.nextInt(2)).append('\n');
        }
        byte[] body = csv.toString().getBytes(StandardCharsets.UTF_8);
        DatasetLimits limits = new DatasetLimits(rows, features, (long) rows * features);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int run = 0; run < 6; run++) {
            long start = threads.getCurrentThreadCpuTime();
            TrainingInput input =
                    CsvTrainingReader.read(new ByteArrayInputStream(body), limits, "bench", "y", null, Map.of());
            double seconds = (threads.getCurrentThreadCpuTime() - start) / 1e9;
            System.out.printf(
                    "run %d: %d rows, %.0f MB in %.3f s of CPU: %.1f MB/s, %.2f M cells/s%n",
                    run,
                    input.dataset().numSamples(),
                    body.length / 1e6,
                    seconds,
                    body.length / 1e6 / seconds,
                    (double) rows * (features + 1) / 1e6 / seconds);
        }
    }
}
