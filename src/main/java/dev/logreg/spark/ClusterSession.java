package dev.logreg.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connect.client.SparkConnectClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training's Spark Connect session of its own, so that cancelling it stops only its jobs
 * ({@link SparkRows#cancel}): made by {@link SparkCluster#session}, connected once
 * ({@link #connect}), read from ({@link #open}), and closed once by its owner ({@link #close}: a
 * second close would wait minutes for a channel already shut down). Every call it makes to the
 * server ends by the training's deadline ({@link CallDeadlines}).
 */
public final class ClusterSession {

    /** The executor jar inside the service's jar, built by Maven (pom.xml, executor-jar). */
    static final String EXECUTOR_JAR_RESOURCE = "/dev/logreg/spark/logreg-spark-executor.jar";
    /** The port Spark Connect listens on unless told otherwise. */
    private static final int DEFAULT_PORT = 15002;
    /** How long reaching the server may take before a job fails. */
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private static final Logger log = LoggerFactory.getLogger(ClusterSession.class);

    private final String remote;
    private final Duration retryTime;
    private final CallDeadlines deadlines;
    private SparkSession session;
    /** The rows {@link #open} read, released by {@link #close}. */
    private SparkRows opened;

    ClusterSession(String remote, Duration retryTime, CallDeadlines deadlines) {
        this.remote = remote;
        this.retryTime = retryTime;
        this.deadlines = deadlines;
    }

    /**
     * Opens the session on the server, with the executor jar added.
     *
     * @throws UncheckedIOException when nothing answers at the server's address within
     *     {@link #CONNECT_TIMEOUT_MILLIS}: the client itself would retry for minutes
     */
    public void connect() {
        if (session != null) {
            throw new IllegalStateException("connected already");
        }
        requireReachable(remote);
        SparkConnectClient client = SparkConnectClient.builder()
                .connectionString(remote)
                .interceptor(deadlines)
                .retryPolicy(UnavailableRetries.policy(retryTime))
                .build();
        SparkSession opened = org.apache.spark.sql.connect.SparkSession.builder()
                .client(client)
                .create();
        try (InputStream jar = ClusterSession.class.getResourceAsStream(EXECUTOR_JAR_RESOURCE)) {
            if (jar == null) {
                throw new IllegalStateException("the executor jar " + EXECUTOR_JAR_RESOURCE
                        + " is missing from the classpath: build with Maven (process-classes)");
            }
            ((org.apache.spark.sql.connect.SparkSession) opened)
                    .addArtifact(jar.readAllBytes(), "logreg-spark-executor.jar");
        } catch (IOException | RuntimeException failed) {
            release(opened);
            if (failed instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) failed;
        }
        session = opened;
    }

    /** Opens and closes a TCP connection to the server of {@code remote} (port 15002 when none is given). */
    static void requireReachable(String remote) {
        URI address = URI.create(remote.split(";", 2)[0]);
        String host = address.getHost();
        int port = address.getPort() < 0 ? DEFAULT_PORT : address.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
        } catch (IOException unreachable) {
            throw new UncheckedIOException(
                    "the Spark Connect server at " + host + ":" + port + " cannot be reached ("
                            + unreachable.getMessage() + ")",
                    unreachable);
        }
    }

    /**
     * The training rows of {@code source} on this session: see {@link SparkRows#open}.
     *
     * @throws SourceColumnException when the source's columns do not fit the request
     */
    public SparkRows open(SparkRows.Source source, boolean fitIntercept, int maxFeatures, Runnable afterPass) {
        if (session == null) {
            throw new IllegalStateException("not connected");
        }
        opened = SparkRows.open(session, source, fitIntercept, maxFeatures, afterPass);
        return opened;
    }

    /** Whether the training's deadline has passed: then its calls to the server were cut. */
    public boolean deadlinePassed() {
        return deadlines.passed();
    }

    /**
     * Releases what the server holds for this session, if it was connected: the rows' cache on the
     * executors, then the session. A failure to is only logged: the training's outcome does not
     * depend on it.
     */
    public void close() {
        if (session == null) {
            return;
        }
        try {
            if (opened != null) {
                opened.release();
            }
        } catch (Exception releasing) {
            log.debug("Releasing the cached rows of {} failed", remote, releasing);
        } finally {
            opened = null;
        }
        try {
            release(session);
        } catch (RuntimeException closing) {
            log.debug("Closing the Spark Connect session at {} failed", remote, closing);
        } finally {
            session = null;
        }
    }

    private static void release(SparkSession session) {
        try {
            session.close();
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
