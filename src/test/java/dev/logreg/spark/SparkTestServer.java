package dev.logreg.spark;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.junit.jupiter.api.Assumptions;

/**
 * The Spark Connect server the integration tests train against: {@code LOGREG_TEST_SPARK_REMOTE}
 * (default {@code sc://127.0.0.1:15002}, what {@code scripts/spark-connect-local.sh start} runs).
 * Without one the tests are skipped with the reason, unless {@code LOGREG_TEST_SPARK_REQUIRED=true}
 * (set by {@code .ci/run}), which makes a missing server a failure.
 */
public final class SparkTestServer {

    private SparkTestServer() {}

    /** The server's address; skips (or fails, when required) the calling test when nothing listens there. */
    public static String remote() {
        String remote = System.getenv().getOrDefault("LOGREG_TEST_SPARK_REMOTE", "sc://127.0.0.1:15002");
        URI uri = URI.create(remote);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
        } catch (IOException unreachable) {
            String reason = "no Spark Connect server at " + remote + " (" + unreachable.getMessage()
                    + "); start one with scripts/spark-connect-local.sh start";
            if ("true".equals(System.getenv("LOGREG_TEST_SPARK_REQUIRED"))) {
                fail(reason + " (LOGREG_TEST_SPARK_REQUIRED=true)");
            }
            Assumptions.abort(reason);
        }
        return remote;
    }
}
