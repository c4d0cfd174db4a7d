package dev.logreg.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code java -jar}, the jar named by the system property
 * {@code logreg.serviceJar} that failsafe sets) running as a child process on a free loopback
 * port, its output in a log file.
 */
final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final HttpTestClient http;

    private ServiceProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.http = new HttpTestClient(port);
    }

    /** Starts the service with {@code arguments} ({@code --name=value}) and waits until it is healthy. */
    static ServiceProcess start(Path log, String... arguments) {
        String jar = System.getProperty("logreg.serviceJar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("no packaged service at logreg.serviceJar = " + jar
                    + "; run through 'mvnw verify', which packages it before the integration tests");
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules",
                "jdk.incubator.vector",
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-Xmx512m",
                "-jar",
                jar,
                "--server.port=" + port,
                "--server.address=127.0.0.1"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            ServiceProcess service = new ServiceProcess(process, log, port);
            service.awaitHealthy(Duration.ofSeconds(90));
            return service;
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                if (http.get("/actuator/health").status() == 200) {
                    return;
                }
            } catch (UncheckedIOException notListeningYet) {
                // starting
            }
            sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the service did not become healthy in " + timeout + ":\n" + logTail());
    }

    HttpTestClient http() {
        return http;
    }

    int port() {
        return Integer.parseInt(http.base().substring(http.base().lastIndexOf(':') + 1));
    }

    /** SIGKILL on Linux: no shutdown hook, no graceful anything. */
    void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM: Spring's graceful shutdown. Returns once the process has exited. */
    void terminate() {
        process.destroy();
        awaitExit();
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the service did not exit within 60 s:\n" + logTail());
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException failure) {
            return "(no log: " + failure + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            awaitExit();
        }
    }
}
