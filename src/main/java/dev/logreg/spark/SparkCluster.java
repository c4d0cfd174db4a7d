package dev.logreg.spark;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import org.sparkproject.io.grpc.Status;
import org.sparkproject.io.grpc.StatusRuntimeException;

/**
 * The Spark Connect server trainings on a {@code source} run on: it makes each training's own
 * session ({@link #session}) and says in one line why a training on it failed
 * ({@link #failureDetail}). The rest of the service sees Spark only through this package's types.
 */
public final class SparkCluster {

    /** Longer messages from Spark (plans, stack traces) are cut here. */
    private static final int MAX_DETAIL_LENGTH = 2000;
    /** Class names that Spark's messages start with when they wrap another exception's. */
    private static final Pattern WRAPPED_EXCEPTION = Pattern.compile("^(?:(?:[a-z_][\\w$]*\\.)+[A-Z][\\w$]*: )+");
    /** How a gRPC status UNAVAILABLE starts its message. */
    private static final String UNAVAILABLE = Status.Code.UNAVAILABLE + ": ";
    /** How deep {@link #unavailable} looks into causes and suppressed exceptions. */
    private static final int MAX_CAUSE_DEPTH = 10;

    private final String remote;
    private final Duration retryTime;
    private final Duration cleanupTime;

    /**
     * @param remote the server, {@code sc://host:port}
     * @param retryTime how long the client retries a server that is unavailable (refuses
     *     connections, say) before a call fails; Spark's default is more than 10 minutes
     * @param cleanupTime how long each call that interrupts a training's work or releases its
     *     session may take, even past the training's deadline
     */
    public SparkCluster(String remote, Duration retryTime, Duration cleanupTime) {
        this.remote = Objects.requireNonNull(remote, "remote");
        this.retryTime = Objects.requireNonNull(retryTime, "retryTime");
        this.cleanupTime = Objects.requireNonNull(cleanupTime, "cleanupTime");
    }

    /** A training's session, not yet connected, whose calls must end within {@code budget} from now. */
    public ClusterSession session(Duration budget) {
        return new ClusterSession(remote, retryTime, new CallDeadlines(budget, cleanupTime));
    }

    /**
     * What went wrong on the cluster, in one line: a server that stopped taking calls is named, and
     * Spark's messages lose what follows their first line (the driver's stack trace, a plan) and
     * the class names of the exceptions they wrap.
     */
    public String failureDetail(Throwable failure) {
        String line = oneLine(failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
        StatusRuntimeException unavailable = unavailable(failure, 0);
        // The client converts most gRPC errors to a SparkException that keeps only the status's text.
        if (unavailable != null || line.startsWith(UNAVAILABLE)) {
            return "the Spark Connect server at " + remote + " stopped taking calls and did not come back"
                    + " within logreg.spark.retry-time (" + retryTime + "): "
                    + (unavailable == null
                            ? line.substring(UNAVAILABLE.length())
                            : oneLine(unavailable.getStatus().getDescription()));
        }
        return line;
    }

    /** Whether {@code failure} says the server stopped taking calls, rather than that a call failed. */
    static boolean unavailable(Throwable failure) {
        String message = failure.getMessage();
        return unavailable(failure, 0) != null || (message != null && message.startsWith(UNAVAILABLE));
    }

    /** A gRPC UNAVAILABLE among the causes of {@code failure} or what they suppressed (the retries'), or null. */
    private static StatusRuntimeException unavailable(Throwable failure, int depth) {
        if (failure == null || depth > MAX_CAUSE_DEPTH) {
            return null;
        }
        if (failure instanceof StatusRuntimeException status
                && status.getStatus().getCode() == Status.Code.UNAVAILABLE) {
            return status;
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            StatusRuntimeException found = unavailable(suppressed, depth + 1);
            if (found != null) {
                return found;
            }
        }
        return unavailable(failure.getCause(), depth + 1);
    }

    /**
     * The first line of {@code message} without the class names it starts with
     * ("org.example.SomeException: "), cut at {@link #MAX_DETAIL_LENGTH}.
     */
    static String oneLine(String message) {
        if (message == null) {
            return "no message";
        }
        String line = message.strip().lines().findFirst().orElse("").strip();
        line = WRAPPED_EXCEPTION.matcher(line).replaceFirst("");
        return line.length() > MAX_DETAIL_LENGTH ? line.substring(0, MAX_DETAIL_LENGTH) + " ..." : line;
    }
}
