package dev.logreg.training;

import dev.logreg.problem.ServiceUnavailableException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets at most {@code maxConcurrent} trainings run at once. A request that finds them all busy
 * waits, first come first served, if fewer than {@code queueLength} requests wait already, for
 * at most {@code maxWait}; otherwise, or when the wait runs out, it gets 503. Callers enter
 * before they read the body, so the datasets in memory are bounded by {@code maxConcurrent}.
 */
final class TrainingGate {

    private final Semaphore permits;
    private final int maxConcurrent;
    private final int queueLength;
    private final Duration maxWait;
    private final AtomicInteger waiting = new AtomicInteger();

    TrainingGate(int maxConcurrent, int queueLength, Duration maxWait) {
        if (maxConcurrent < 1 || queueLength < 0 || maxWait.isNegative()) {
            throw new IllegalArgumentException("maxConcurrent >= 1, queueLength >= 0, maxWait >= 0");
        }
        this.permits = new Semaphore(maxConcurrent, true);
        this.maxConcurrent = maxConcurrent;
        this.queueLength = queueLength;
        this.maxWait = maxWait;
    }

    /** A turn to train; closing it lets the next request in. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes a turn, waiting if allowed.
     *
     * @throws ServiceUnavailableException when all turns are taken and the queue is full or the
     *     wait runs out
     */
    Permit enter() {
        // A zero-timeout tryAcquire, unlike tryAcquire(), keeps the semaphore's queue order.
        if (tryAcquire(Duration.ZERO)) {
            return permit();
        }
        if (waiting.incrementAndGet() > queueLength) {
            waiting.decrementAndGet();
            throw busy();
        }
        try {
            if (!tryAcquire(maxWait)) {
                throw busy();
            }
        } finally {
            waiting.decrementAndGet();
        }
        return permit();
    }

    private boolean tryAcquire(Duration timeout) {
        try {
            return permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Permit permit() {
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                permits.release();
            }
        };
    }

    private ServiceUnavailableException busy() {
        return new ServiceUnavailableException(
                "All " + maxConcurrent + " training slots are busy"
                        + (queueLength > 0
                                ? " and " + queueLength + " requests wait already, or the wait of " + maxWait.toMillis()
                                        + " ms ran out"
                                : "")
                        + " (logreg.training.max-concurrent, queue-length, queue-wait); try again shortly.",
                maxWait.isZero() ? Duration.ofSeconds(1) : maxWait);
    }
}
