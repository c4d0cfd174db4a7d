package dev.logreg.spark;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A Spark Connect server of a test's own ({@code scripts/spark-connect-local.sh} on a free port,
 * its PID, log and scratch files in a directory of the test's), for tests that kill its executors
 * or the server itself: never the shared one of {@link SparkTestServer}. Started only where Spark
 * tests run at all (a shared server answers, or {@code LOGREG_TEST_SPARK_REQUIRED=true}, which
 * makes a failed start a failure); skipped with the reason otherwise.
 */
public final class OwnSparkServer implements AutoCloseable {

    /** How often Spark runs a task before it gives up the job (4 by default): fewer executors to kill. */
    public static final int MAX_TASK_FAILURES = 2;

    private static final Pattern EXECUTOR_ID = Pattern.compile("--executor-id (\\S+)");

    private final Path state;
    private final int port;
    private final Map<String, String> environment;
    private final long pid;

    private OwnSparkServer(Path state, int port, Map<String, String> environment, long pid) {
        this.state = state;
        this.port = port;
        this.environment = environment;
        this.pid = pid;
    }

    /** Starts a server with its files in {@code state}; returns once it accepts connections. */
    public static OwnSparkServer start(Path state) {
        SparkTestServer.remote();
        int port = freePort();
        Map<String, String> environment = Map.of(
                "SPARK_CONNECT_PORT",
                Integer.toString(port),
                "SPARK_CONNECT_STATE",
                state.toString(),
                "SPARK_CONNECT_JAVA_OPTS",
                "-Dspark.task.maxFailures=" + MAX_TASK_FAILURES);
        String output = script(environment, "start");
        Path pidFile = state.resolve("server.pid");
        if (!Files.isRegularFile(pidFile)) {
            String reason = "could not start a Spark Connect server of this test's own: " + output;
            if ("true".equals(System.getenv("LOGREG_TEST_SPARK_REQUIRED"))) {
                fail(reason + " (LOGREG_TEST_SPARK_REQUIRED=true)");
            }
            Assumptions.abort(reason);
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return new OwnSparkServer(state, port, environment, pid);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    public String remote() {
        return "sc://127.0.0.1:" + port;
    }

    public Path log() {
        return state.resolve("server.log");
    }

    /** The server's executor processes (children running CoarseGrainedExecutorBackend), alive now. */
    public List<ProcessHandle> executors() {
        return ProcessHandle.of(pid)
                .map(server -> server.children()
                        .filter(child -> commandLine(child).contains("CoarseGrainedExecutorBackend"))
                        .toList())
                .orElse(List.of());
    }

    /** The executor id Spark gave {@code executor} (its {@code --executor-id}). */
    public static Optional<String> executorId(ProcessHandle executor) {
        Matcher id = EXECUTOR_ID.matcher(commandLine(executor));
        return id.find() ? Optional.of(id.group(1)) : Optional.empty();
    }

    /** A process's whole command line from /proc (ProcessHandle.Info cuts it at 4096 characters); empty once gone. */
    private static String commandLine(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
    }

    /** SIGKILL to one process and waits for its end. */
    public static void kill(ProcessHandle process) {
        process.destroyForcibly();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception notGone) {
            throw new IllegalStateException("process " + process.pid() + " still alive after SIGKILL", notGone);
        }
    }

    /** SIGKILL to the server, then to its executors, which would otherwise wait for a driver gone. */
    public void killServer() {
        List<ProcessHandle> executors = executors();
        ProcessHandle.of(pid).ifPresent(OwnSparkServer::kill);
        executors.forEach(OwnSparkServer::kill);
    }

    public String logText() {
        try {
            return Files.readString(log(), StandardCharsets.UTF_8);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    @Override
    public void close() {
        List<ProcessHandle> executors = executors();
        script(environment, "stop");
        executors.stream().filter(ProcessHandle::isAlive).forEach(OwnSparkServer::kill);
    }

    private static String script(Map<String, String> environment, String command) {
        Path root = Path.of(System.getProperty("user.dir"));
        ProcessBuilder builder = new ProcessBuilder(
                        "bash", root.resolve("scripts/spark-connect-local.sh").toString(), command)
                .directory(root.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return output;
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
