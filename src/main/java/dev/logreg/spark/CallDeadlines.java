package dev.logreg.spark;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.sparkproject.io.grpc.CallOptions;
import org.sparkproject.io.grpc.Channel;
import org.sparkproject.io.grpc.ClientCall;
import org.sparkproject.io.grpc.ClientInterceptor;
import org.sparkproject.io.grpc.MethodDescriptor;

/**
 * gRPC deadlines on every call one training makes to its Spark Connect server, so that a server
 * that accepts connections and then stops answering (hung, stopped, a network that drops packets)
 * ends the call with {@code DEADLINE_EXCEEDED} instead of a wait without end: the Connect client
 * sets no deadline of its own and does not retry that status.
 *
 * <p>The work of a training (executing plans, reading schemas, uploading the executor jar) must end
 * by the training's deadline. The calls that clean up after it (interrupting its Spark jobs,
 * releasing the session) run after that deadline has passed, so each gets {@link #cleanupTime} of
 * its own.
 */
final class CallDeadlines implements ClientInterceptor {

    /** The Spark Connect methods that stop or release work rather than do it. */
    private static final Set<String> CLEANUP_METHODS = Set.of("Interrupt", "ReleaseSession", "ReleaseExecute");

    private final long deadlineNanos;
    private final Duration cleanupTime;

    /**
     * @param budget how long from now the training's calls may run
     * @param cleanupTime how long each cleanup call may take, whenever it starts
     */
    CallDeadlines(Duration budget, Duration cleanupTime) {
        Objects.requireNonNull(budget, "budget");
        this.cleanupTime = Objects.requireNonNull(cleanupTime, "cleanupTime");
        this.deadlineNanos = System.nanoTime() + budget.toNanos();
    }

    /** Whether the training's deadline has passed. */
    boolean passed() {
        return System.nanoTime() - deadlineNanos >= 0;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        long remainingNanos = CLEANUP_METHODS.contains(method.getBareMethodName())
                ? cleanupTime.toNanos()
                : deadlineNanos - System.nanoTime();
        return next.newCall(method, options.withDeadlineAfter(remainingNanos, TimeUnit.NANOSECONDS));
    }
}
