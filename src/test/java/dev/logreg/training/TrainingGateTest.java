package dev.logreg.training;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logreg.problem.ServiceUnavailableException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TrainingGateTest {

    /** Waits until {@code thread} is parked in a timed wait: inside the gate's queue. */
    private static void awaitWaiting(Thread thread) {
        while (thread.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }
    }

    @Test
    void letsKInAndTurnsTheNextAwayWithoutAQueue() {
        TrainingGate gate = new TrainingGate(2, 0, Duration.ofSeconds(10));
        TrainingGate.Permit first = gate.enter();
        TrainingGate.Permit second = gate.enter();
        assertThatThrownBy(gate::enter)
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("logreg.training.max-concurrent");
        first.close();
        first.close();
        TrainingGate.Permit third = gate.enter();
        assertThatThrownBy(gate::enter).isInstanceOf(ServiceUnavailableException.class);
        second.close();
        third.close();
    }

    @Test
    void aQueuedRequestGetsTheNextTurnAndAFullQueueIsTurnedAway() throws Exception {
        TrainingGate gate = new TrainingGate(1, 1, Duration.ofSeconds(60));
        TrainingGate.Permit holder = gate.enter();
        CompletableFuture<TrainingGate.Permit> queued = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                queued.complete(gate.enter());
            } catch (RuntimeException failure) {
                queued.completeExceptionally(failure);
            }
        });
        waiter.start();
        awaitWaiting(waiter);
        assertThatThrownBy(gate::enter).isInstanceOf(ServiceUnavailableException.class);
        holder.close();
        TrainingGate.Permit next = queued.get(30, TimeUnit.SECONDS);
        next.close();
        gate.enter().close();
    }

    @Test
    void aQueuedRequestGivesUpAfterTheWait() {
        TrainingGate gate = new TrainingGate(1, 4, Duration.ofMillis(20));
        TrainingGate.Permit holder = gate.enter();
        assertThatThrownBy(gate::enter)
                .isInstanceOf(ServiceUnavailableException.class)
                .extracting(failure -> ((ServiceUnavailableException) failure).retryAfterSeconds())
                .isEqualTo(1L);
        holder.close();
        gate.enter().close();
    }
}
