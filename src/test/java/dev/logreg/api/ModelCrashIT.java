package dev.logreg.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability of the on-disk store with a real service process (the packaged jar): killed with
 * SIGKILL while trainings run, then restarted on the same directory, it has every model it
 * acknowledged with 201, byte for byte as acknowledged; stopped with SIGTERM while a training
 * runs, it finishes and stores that training first.
 */
class ModelCrashIT {

    private static final int CLIENTS = 4;

    @TempDir
    Path work;

    /** {@code rows} rows of 6 features from a logistic model, as a training request. */
    static String dataset(int rows, long seed, String options) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder features = new StringBuilder("[");
        StringBuilder labels = new StringBuilder("[");
        for (int i = 0; i < rows; i++) {
            features.append(i == 0 ? "[" : ",[");
            double u = 0.3;
            for (int j = 0; j < 6; j++) {
                double x = random.nextGaussian();
                u += (j - 2.5) * 0.4 * x;
                features.append(j == 0 ? "" : ",").append(x);
            }
            features.append(']');
            labels.append(i == 0 ? "" : ",").append(random.nextDouble() < 1 / (1 + Math.exp(-u)) ? 1 : 0);
        }
        return "{\"name\": \"crash-" + seed + "\", \"features\": " + features + "], \"labels\": " + labels + "]"
                + (options == null ? "" : ", \"options\": " + options) + "}";
    }

    @Test
    void everyModelAcknowledgedBeforeASigkillIsThereIntactAfterTheRestart() throws Exception {
        Path store = work.resolve("models");
        Path log = work.resolve("service.log");
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger inFlightAtKill = new AtomicInteger();
        try (ServiceProcess first = ServiceProcess.start(log, "--logreg.store.directory=" + store)) {
            AtomicBoolean killed = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                running.add(clients.submit(() -> {
                    for (int request = 0; request < 10_000 && !killed.get(); request++) {
                        String body = dataset(500 + 500 * (request % 4), client * 100_000L + request, null);
                        try {
                            HttpTestClient.Response response = first.http().post("/models", "application/json", body);
                            if (response.status() == 201) {
                                acknowledged.put(response.json().get("id").asString(), response.body());
                            } else {
                                assertThat(response.status())
                                        .as(response.body())
                                        .isEqualTo(503);
                            }
                        } catch (UncheckedIOException cutOffByTheKill) {
                            inFlightAtKill.incrementAndGet();
                            return;
                        }
                    }
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acknowledged.size() < 40 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            first.kill();
            killed.set(true);
            for (Future<?> client : running) {
                client.get(60, TimeUnit.SECONDS);
            }
            clients.shutdown();
        }
        assertThat(acknowledged).as("models acknowledged before the kill").hasSizeGreaterThanOrEqualTo(40);
        assertThat(inFlightAtKill.get()).as("requests cut off by the kill").isPositive();

        try (ServiceProcess second = ServiceProcess.start(log, "--logreg.store.directory=" + store)) {
            for (Map.Entry<String, String> model : acknowledged.entrySet()) {
                HttpTestClient.Response stored = second.http().get("/models/" + model.getKey());
                assertThat(stored.status()).as(model.getKey()).isEqualTo(200);
                assertThat(stored.body()).isEqualTo(model.getValue());
            }
            long total = second.http()
                    .get("/models?size=1")
                    .json()
                    .get("totalElements")
                    .asLong();
            assertThat(total).isGreaterThanOrEqualTo(acknowledged.size());
            try (Stream<Path> files = Files.list(store)) {
                assertThat(files.map(file -> file.getFileName().toString())).allMatch(name -> name.endsWith(".json"));
            }
            assertThat(second.logTail()).doesNotContain("ERROR");
        }
    }

    /**
     * SIGTERM while a training is in flight: the service waits for it (graceful shutdown), answers
     * 201 and has the model on disk. The request is known to be in flight once the service sends
     * {@code 100 Continue}, which it does when it has taken the request in.
     */
    @Test
    void aTrainingInFlightAtSigtermFinishesAndIsStored() throws Exception {
        Path store = work.resolve("models");
        Path log = work.resolve("service.log");
        // Gradient descent to an unreachable tolerance runs until the 3 s time limit stops it.
        byte[] body = dataset(
                        2000,
                        42,
                        "{\"solver\": \"gradient-descent\", \"maxIterations\": 1000000, \"tolerance\": 1e-15}")
                .getBytes(StandardCharsets.UTF_8);
        String acknowledgedModel;
        ServiceProcess first =
                ServiceProcess.start(log, "--logreg.store.directory=" + store, "--logreg.training.time-limit=3s");
        try (first;
                Socket socket = new Socket("127.0.0.1", first.port())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST /models HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.length
                            + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(line(in)).startsWith("HTTP/1.1 100");
            assertThat(line(in)).isEmpty();

            Thread stopper = new Thread(first::terminate);
            stopper.start();
            out.write(body);
            out.flush();

            assertThat(line(in)).startsWith("HTTP/1.1 201");
            acknowledgedModel = body(in);
            stopper.join(TimeUnit.SECONDS.toMillis(90));
            assertThat(stopper.isAlive()).isFalse();
        }
        String id = HttpTestClient.JSON.readTree(acknowledgedModel).get("id").asString();
        assertThat(HttpTestClient.JSON
                        .readTree(acknowledgedModel)
                        .get("training")
                        .get("stopReason")
                        .asString())
                .isEqualTo("TIME_LIMIT");
        assertThat(Files.readString(log)).contains("Graceful shutdown complete");

        try (ServiceProcess second = ServiceProcess.start(log, "--logreg.store.directory=" + store)) {
            HttpTestClient.Response stored = second.http().get("/models/" + id);
            assertThat(stored.status()).isEqualTo(200);
            assertThat(stored.body()).isEqualTo(acknowledgedModel);
        }
    }

    /** One line of an HTTP/1.1 head, without its CRLF. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the connection closed mid-line");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** Reads the rest of the head and the body (chunked, or up to the end of the connection). */
    private static String body(InputStream in) throws IOException {
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            chunked |= header.equalsIgnoreCase("Transfer-Encoding: chunked");
        }
        if (!chunked) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
            body.write(in.readNBytes(size));
            line(in);
        }
        return body.toString(StandardCharsets.UTF_8);
    }
}
