package dev.logreg.spark;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.connect.client.RetryPolicy;
import scala.Option;
import scala.concurrent.duration.FiniteDuration;

/**
 * How long the Spark Connect client retries a call the server did not take (status
 * {@code UNAVAILABLE}: the server died, restarts, or the network is down). Spark's default policy
 * retries 15 times for more than 10 minutes, during which a training whose server died would
 * still say RUNNING; this one retries the same errors for about a given time and then fails.
 */
final class UnavailableRetries {

    private static final long INITIAL_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    private static final double MULTIPLIER = 2;

    private UnavailableRetries() {}

    /**
     * Backoffs of 100 ms, 200 ms, 400 ms, ... (at most 5 s each) until their sum reaches {@code retryTime}.
     *
     * @param retryTime how long to retry, at least 1 ms
     */
    static RetryPolicy policy(Duration retryTime) {
        long budgetMillis = Math.max(1, retryTime.toMillis());
        int retries = retries(budgetMillis);
        RetryPolicy defaults = RetryPolicy.defaultPolicy();
        FiniteDuration none = FiniteDuration.apply(0, TimeUnit.MILLISECONDS);
        return new RetryPolicy(
                Option.<Object>apply(retries),
                FiniteDuration.apply(INITIAL_BACKOFF_MILLIS, TimeUnit.MILLISECONDS),
                Option.apply(FiniteDuration.apply(MAX_BACKOFF_MILLIS, TimeUnit.MILLISECONDS)),
                MULTIPLIER,
                none,
                none,
                defaults.canRetry(),
                "logreg.spark.retry-time",
                true,
                Option.apply(FiniteDuration.apply(budgetMillis, TimeUnit.MILLISECONDS)));
    }

    /** The fewest retries whose backoffs add up to {@code budgetMillis}. */
    static int retries(long budgetMillis) {
        int retries = 0;
        long waited = 0;
        long backoff = INITIAL_BACKOFF_MILLIS;
        while (waited < budgetMillis) {
            waited += backoff;
            retries++;
            backoff = Math.min((long) (backoff * MULTIPLIER), MAX_BACKOFF_MILLIS);
        }
        return retries;
    }
}
