package dev.logreg.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.spark.sql.connect.client.RetryPolicy;
import org.junit.jupiter.api.Test;
import org.sparkproject.io.grpc.Status;

class UnavailableRetriesTest {

    @Test
    void retriesUntilTheBackoffsAddUpToTheRetryTime() {
        // 100 + 200 + 400 + 800 + 1600 = 3100 ms >= 3 s; four retries wait 1500 ms.
        assertThat(UnavailableRetries.retries(3_000)).isEqualTo(5);
        // 100 + ... + 3200 = 6300, then 5000 ms each: 6300 + 5 x 5000 = 31300 >= 30 s.
        assertThat(UnavailableRetries.retries(30_000)).isEqualTo(11);
        assertThat(UnavailableRetries.retries(1)).isEqualTo(1);
    }

    @Test
    void thePolicyRetriesAnUnavailableServerForTheGivenTimeAndNothingPastADeadline() {
        RetryPolicy policy = UnavailableRetries.policy(Duration.ofSeconds(30));
        assertThat(policy.maxRetries().get()).isEqualTo(11);
        assertThat(policy.maxBackoff().get().toMillis()).isEqualTo(5_000);
        assertThat(policy.canRetry().apply(Status.UNAVAILABLE.asRuntimeException()))
                .isEqualTo(true);
        // A call past its deadline is not retried: the deadline bounds the job.
        assertThat(policy.canRetry().apply(Status.DEADLINE_EXCEEDED.asRuntimeException()))
                .isEqualTo(false);
        assertThat(policy.maxServerRetryDelay().get().toMillis()).isEqualTo(30_000);
    }
}
