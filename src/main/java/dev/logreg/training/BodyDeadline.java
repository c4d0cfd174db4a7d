package dev.logreg.training;

import dev.logreg.problem.RequestTimeoutException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A training's body must arrive by {@code start + timeout + bytes / minRate}: within
 * {@code timeout} of the turn, and afterwards at {@code minRate} bytes a second on average. A body
 * that misses it gives its turn back at once, from a timer thread, even while its reader still
 * waits for the next byte: a stalled or trickling client cannot hold a training slot for longer
 * than that, however slowly it sends. Its reader fails with {@link RequestTimeoutException} (408)
 * when the next bytes come, or when the server's read timeout ends the wait; nothing is stored.
 */
final class BodyDeadline implements AutoCloseable {

    private static final int READING = 0;
    private static final int READ = 1;
    private static final int EXPIRED = 2;

    private final long timeoutNanos;
    private final double minBytesPerNano;
    private final String settings;
    private final ScheduledThreadPoolExecutor timer;

    /**
     * @param minBytesPerSecond the least average rate once {@code timeout} has passed
     */
    BodyDeadline(Duration timeout, long minBytesPerSecond) {
        if (timeout.isNegative() || timeout.isZero() || minBytesPerSecond < 1) {
            throw new IllegalArgumentException("timeout > 0 and minBytesPerSecond >= 1");
        }
        this.timeoutNanos = timeout.toNanos();
        this.minBytesPerNano = minBytesPerSecond / 1e9;
        this.settings = "logreg.training.body-timeout = " + timeout.toMillis() + " ms, body-min-rate = "
                + minBytesPerSecond + " bytes/s";
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "body-deadline");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Watches {@code body}, read within {@code turn}, and gives the turn back if the body misses its deadline. */
    Watch watch(InputStream body, TrainingGate.Permit turn) {
        return new Watch(body, turn);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One body under watch; close it (or call {@link #finished}) once the body is read. */
    final class Watch implements AutoCloseable {

        private final long start = System.nanoTime();
        private final AtomicLong bytes = new AtomicLong();
        private final AtomicInteger state = new AtomicInteger(READING);
        private final TrainingGate.Permit turn;
        private final InputStream body;
        private volatile ScheduledFuture<?> check;

        private Watch(InputStream body, TrainingGate.Permit turn) {
            this.turn = turn;
            this.body = new Guarded(body);
            schedule();
        }

        /** The body, failing with {@link RequestTimeoutException} once its deadline has passed. */
        InputStream body() {
            return body;
        }

        /**
         * The body has been read: the watch ends.
         *
         * @throws RequestTimeoutException when the deadline passed first (the turn is gone then)
         */
        void finished() {
            if (!state.compareAndSet(READING, READ) && state.get() == EXPIRED) {
                throw timedOut();
            }
            cancel();
        }

        @Override
        public void close() {
            state.compareAndSet(READING, READ);
            cancel();
        }

        private long deadline() {
            return start + timeoutNanos + (long) (bytes.get() / minBytesPerNano);
        }

        private void schedule() {
            long wait = deadline() - System.nanoTime();
            check = timer.schedule(this::check, Math.max(wait, 0), TimeUnit.NANOSECONDS);
        }

        /** On the timer: past the deadline the turn goes back; otherwise the check moves to the new one. */
        private void check() {
            if (state.get() != READING) {
                return;
            }
            if (System.nanoTime() - deadline() >= 0) {
                expire();
            } else {
                schedule();
            }
        }

        private boolean expire() {
            if (state.compareAndSet(READING, EXPIRED)) {
                turn.close();
                return true;
            }
            return state.get() == EXPIRED;
        }

        private void cancel() {
            ScheduledFuture<?> pending = check;
            if (pending != null) {
                pending.cancel(false);
            }
        }

        private RequestTimeoutException timedOut() {
            return new RequestTimeoutException("The request body arrived too slowly: " + bytes.get()
                    + " bytes after " + (System.nanoTime() - start) / 1_000_000 + " ms, below the minimum rate ("
                    + settings + "). Its training slot was given to the next request; send the body at once.");
        }

        /** Counts the bytes and fails each read once the deadline has passed. */
        private final class Guarded extends FilterInputStream {

            Guarded(InputStream body) {
                super(body);
            }

            @Override
            public int read() throws IOException {
                int value = super.read();
                afterRead(value < 0 ? 0 : 1);
                return value;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = super.read(buffer, offset, length);
                afterRead(Math.max(read, 0));
                return read;
            }

            private void afterRead(int count) {
                bytes.addAndGet(count);
                if (state.get() == EXPIRED || (System.nanoTime() - deadline() > 0 && expire())) {
                    throw timedOut();
                }
            }
        }
    }
}
