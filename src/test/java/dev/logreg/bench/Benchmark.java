package dev.logreg.bench;

import dev.logreg.math.Dataset;
import dev.logreg.math.Fit;
import dev.logreg.math.FitKernel;
import dev.logreg.math.FitResult;
import dev.logreg.math.LocalRowSums;
import dev.logreg.math.LogisticLoss;
import dev.logreg.math.LogisticRegression;
import dev.logreg.math.NewtonSolver;
import dev.logreg.math.SolverOptions;
import dev.logreg.math.kernel.GramKernel;
import dev.logreg.math.kernel.RowBlockSums;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Java side of the benchmark (BENCHMARKS.md; run by {@code bench/run.sh} through
 * {@code ./mvnw -Pbench}): on the datasets {@code bench/bench.py generate} wrote, times the
 * {@code X^T W X} sums, Newton alone and the whole fit in this JVM, the peak heap of a fit in a
 * JVM of its own with {@code -Xmx} at the target, and {@code POST /models} end to end against
 * the service started on 127.0.0.1. Writes {@code bench/results/java.json} for {@code bench.py
 * measure}, which adds scikit-learn's and numpy's numbers and the ratios.
 */
public final class Benchmark {

    /** name, repetitions: the same shapes as bench.py, fewer repetitions for the big ones. */
    private static final Object[][] SHAPES = {{"100000x40", 7}, {"1000000x100", 3}, {"100000x500", 3}, {"20000x2000", 1}
    };

    private static final String E2E_SHAPE = "100000x40";
    private static final int E2E_WARMUPS = 2;
    private static final int E2E_REPS = 5;
    private static final int PARALLELISM = 2;
    private static final SolverOptions NEWTON = new SolverOptions(100, 1e-8);

    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        Path bench = Path.of(args.length > 0 ? args[0] : "bench").toAbsolutePath();
        Path results = bench.resolve("results");
        Files.createDirectories(results);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        report.put("kernel", FitKernel.description());
        report.put("parallelism", PARALLELISM);
        System.out.println("kernel: " + FitKernel.description());
        ForkJoinPool pool = new ForkJoinPool(PARALLELISM);
        Map<String, Object> shapes = new LinkedHashMap<>();
        boolean warm = false;
        for (Object[] shape : SHAPES) {
            String name = (String) shape[0];
            int reps = (Integer) shape[1];
            Path file = bench.resolve("data").resolve(name + ".bin");
            BinaryDataset.Rows rows = BinaryDataset.readRows(file);
            Dataset data = rows.dataset();
            if (!warm) {
                fit(data, pool);
                warm = true;
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("N", data.numSamples());
            result.put("p", data.numColumns());
            sums(data, pool, Math.max(reps, 5), result);
            javaKernelSums(rows, pool, Math.max(reps, 5), result);
            rows = null;
            newton(data, pool, reps, result);
            fitAll(data, pool, reps, result);
            System.out.println(name + ": " + result);
            data = null;
            result.put("heap", heap(file, results.resolve("heap-" + name + "-gc.log")));
            System.out.println(name + " heap: " + result.get("heap"));
            shapes.put(name, result);
        }
        pool.shutdown();
        report.put("shapes", shapes);
        Map<String, Object> e2e = endToEnd(bench.resolve("data").resolve(E2E_SHAPE + ".json"), results);
        e2e.put("serverHeap", gcPeaks(results.resolve("server-gc.log")));
        report.put("e2e", e2e);
        System.out.println("e2e: " + report.get("e2e"));
        Files.writeString(
                results.resolve("java.json"),
                JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(report));
    }

    /**
     * Loss, gradient and {@code X^T W X} over all rows on all workers; GF/s counts
     * {@code N p^2} flops (a multiply and an add for each of the p^2 / 2 lower-triangle entries
     * per row), as for numpy's {@code X.T @ X}.
     */
    private static void sums(Dataset data, ForkJoinPool pool, int reps, Map<String, Object> result) {
        int p = data.numColumns();
        LocalRowSums rowSums = new LocalRowSums(data, PARALLELISM, pool);
        RowBlockSums sums = new RowBlockSums(p);
        double[] b = new double[p];
        for (int j = 0; j < p; j++) {
            b[j] = 0.01 * ((j % 7) - 3);
        }
        rowSums.compute(b, RowBlockSums.Content.LOSS_GRADIENT_AND_HESSIAN, sums);
        double[] seconds = new double[reps];
        for (int rep = 0; rep < reps; rep++) {
            long start = System.nanoTime();
            rowSums.compute(b, RowBlockSums.Content.LOSS_GRADIENT_AND_HESSIAN, sums);
            seconds[rep] = (System.nanoTime() - start) / 1e9;
        }
        double median = median(seconds);
        result.put("gram_seconds", median);
        result.put("gram_gflops", (double) data.numSamples() * p * p / median / 1e9);
        result.put("gram_all", seconds);
    }

    /**
     * The same pass with the Java kernel ({@link GramKernel#fastest()}) on the same two workers, rows split in
     * halves as {@link LocalRowSums} does: the two kernels in one run.
     */
    private static void javaKernelSums(
            BinaryDataset.Rows rows, ForkJoinPool pool, int reps, Map<String, Object> result) {
        int p = rows.dataset().numColumns();
        int n = rows.dataset().numSamples();
        double[] b = new double[p];
        for (int j = 0; j < p; j++) {
            b[j] = 0.01 * ((j % 7) - 3);
        }
        RowBlockSums[] halves = {new RowBlockSums(p, GramKernel.fastest()), new RowBlockSums(p, GramKernel.fastest())};
        double[] seconds = new double[reps + 1];
        for (int rep = 0; rep <= reps; rep++) {
            long start = System.nanoTime();
            pool.invokeAll(
                    List.of(() -> sumRows(halves[0], rows, 0, n / 2, b), () -> sumRows(halves[1], rows, n / 2, n, b)));
            seconds[rep] = (System.nanoTime() - start) / 1e9;
        }
        double median = median(Arrays.copyOfRange(seconds, 1, reps + 1));
        result.put("gram_java_kernel", GramKernel.fastest().description());
        result.put("gram_java_seconds", median);
        result.put("gram_java_gflops", (double) n * p * p / median / 1e9);
    }

    private static Void sumRows(RowBlockSums sums, BinaryDataset.Rows rows, int from, int to, double[] b) {
        sums.clear();
        sums.addRows(
                rows.design(),
                rows.labels(),
                rows.weights(),
                null,
                null,
                from,
                to,
                b,
                RowBlockSums.Content.LOSS_GRADIENT_AND_HESSIAN);
        return null;
    }

    private static void newton(Dataset data, ForkJoinPool pool, int reps, Map<String, Object> result) {
        double[] seconds = new double[reps];
        for (int rep = 0; rep < reps; rep++) {
            long start = System.nanoTime();
            LogisticLoss loss = new LogisticLoss(new LocalRowSums(data, PARALLELISM, pool), 0, true);
            FitResult fit = new NewtonSolver().minimize(loss, new double[data.numColumns()], NEWTON);
            seconds[rep] = (System.nanoTime() - start) / 1e9;
            result.put("iterations", fit.iterations());
            result.put("converged", fit.converged());
        }
        result.put("newton_seconds", median(seconds));
        result.put("newton_all", seconds);
    }

    /**
     * The whole fit; {@code after_newton} is what follows the solver within it (the separation check, statistics,
     * metrics and diagnostics), the fit's time less its {@link Fit#fitNanos()} (rank check and solver).
     */
    private static void fitAll(Dataset data, ForkJoinPool pool, int reps, Map<String, Object> result) {
        double[] seconds = new double[reps];
        double[] afterNewton = new double[reps];
        Fit fit = null;
        for (int rep = 0; rep < reps; rep++) {
            long start = System.nanoTime();
            fit = fit(data, pool);
            long elapsed = System.nanoTime() - start;
            seconds[rep] = elapsed / 1e9;
            afterNewton[rep] = (elapsed - fit.fitNanos()) / 1e9;
        }
        result.put("fit_seconds", median(seconds));
        result.put("fit_all", seconds);
        result.put("after_newton_seconds", median(afterNewton));
        result.put("after_newton_all", afterNewton);
        result.put("coefficients", fit.coefficients());
    }

    /** The whole fit as POST /models runs it: rank check, Newton, separation check, statistics, metrics. */
    private static Fit fit(Dataset data, ForkJoinPool pool) {
        return new LogisticRegression(pool, PARALLELISM).fit(data, 0, new NewtonSolver(), NEWTON);
    }

    /** A fit in a JVM of its own with -Xmx = 2 x 8 N p + 64 MiB. */
    private static Map<String, Object> heap(Path file, Path gcLog) throws IOException, InterruptedException {
        long n;
        long d;
        try (var in = Files.newInputStream(file)) {
            byte[] header = in.readNBytes(16);
            var buffer = java.nio.ByteBuffer.wrap(header).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            n = buffer.getLong();
            d = buffer.getLong();
        }
        long dataBytes = 8 * n * (d + 1);
        long xmx = 2 * dataBytes + (64L << 20);
        List<String> command = new ArrayList<>(List.of(
                javaExecutable(),
                "--add-modules",
                "jdk.incubator.vector",
                "-Xmx" + (xmx >> 20) + "m",
                "-Xlog:gc:file=" + gcLog,
                "-cp",
                System.getProperty("java.class.path"),
                HeapProbe.class.getName(),
                file.toString()));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int status = process.waitFor();
        Map<String, Object> heap = new LinkedHashMap<>();
        heap.put("dataBytes", dataBytes);
        heap.put("xmxBytes", xmx);
        heap.put("completed", status == 0);
        long peak = -1;
        if (status == 0) {
            JsonNode probe = JsonMapper.builder().build().readTree(output.substring(output.lastIndexOf('{')));
            peak = probe.path("peakUsedBytes").asLong();
            heap.put("afterLoadBytes", probe.path("afterLoadBytes").asLong());
        }
        heap.put("peakUsedBytes", peak);
        return heap;
    }

    /** The service in a JVM of its own on 127.0.0.1; the JSON body POSTed from memory. */
    private static Map<String, Object> endToEnd(Path json, Path results) throws Exception {
        byte[] body = Files.readAllBytes(json);
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path gcLog = results.resolve("server-gc.log");
        List<String> command = List.of(
                javaExecutable(),
                "--add-modules",
                "jdk.incubator.vector",
                "-Xmx1g",
                "-Xlog:gc:file=" + gcLog,
                "-cp",
                System.getProperty("java.class.path"),
                "dev.logreg.LogregApplication",
                "--server.address=127.0.0.1",
                "--server.port=" + port,
                "--logging.level.root=WARN");
        Process server = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(results.resolve("server.log").toFile())
                .start();
        try {
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            URI base = URI.create("http://127.0.0.1:" + port);
            awaitHealthy(client, base, server);
            JsonMapper mapper = JsonMapper.builder().build();
            double[] seconds = new double[E2E_REPS];
            double[] fitSeconds = new double[E2E_REPS];
            for (int rep = -E2E_WARMUPS; rep < E2E_REPS; rep++) {
                HttpRequest request = HttpRequest.newBuilder(base.resolve("/models"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .timeout(Duration.ofMinutes(2))
                        .build();
                long start = System.nanoTime();
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                double elapsed = (System.nanoTime() - start) / 1e9;
                if (response.statusCode() != 201) {
                    throw new IllegalStateException("POST /models answered " + response.statusCode() + ": "
                            + new String(response.body(), StandardCharsets.UTF_8));
                }
                JsonNode model = mapper.readTree(response.body());
                client.send(
                        HttpRequest.newBuilder(base.resolve(
                                        "/models/" + model.path("id").asString()))
                                .DELETE()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (rep >= 0) {
                    seconds[rep] = elapsed;
                    fitSeconds[rep] =
                            model.path("training").path("durationMillis").asDouble() / 1e3;
                }
            }
            Map<String, Object> e2e = new LinkedHashMap<>();
            e2e.put("seconds", median(seconds));
            e2e.put("fit_seconds", median(fitSeconds));
            e2e.put("all", seconds);
            e2e.put("bytes", body.length);
            return e2e;
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /**
     * The largest heap occupancy the service's GC log shows before and after a collection
     * ({@code -Xlog:gc} lines end in {@code 120M->80M(256M)}), in MiB: after is the live data
     * at that moment plus what survived, before adds the garbage the collection found.
     */
    private static Map<String, Object> gcPeaks(Path gcLog) throws IOException {
        Pattern occupancy = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
        long before = 0;
        long after = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher matcher = occupancy.matcher(line);
            if (matcher.find()) {
                before = Math.max(before, Long.parseLong(matcher.group(1)));
                after = Math.max(after, Long.parseLong(matcher.group(2)));
            }
        }
        Map<String, Object> peaks = new LinkedHashMap<>();
        peaks.put("maxBeforeGcMiB", before);
        peaks.put("maxAfterGcMiB", after);
        return peaks;
    }

    private static void awaitHealthy(HttpClient client, URI base, Process server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the service exited with " + server.exitValue() + ", see server.log");
            }
            try {
                HttpResponse<Void> health = client.send(
                        HttpRequest.newBuilder(base.resolve("/actuator/health"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service did not become healthy within 90 s");
    }

    private static String javaExecutable() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElseThrow(
                        () -> new UncheckedIOException(new IOException("cannot tell which java runs this benchmark")));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
