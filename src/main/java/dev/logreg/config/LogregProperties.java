package dev.logreg.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The service's configuration, validated at start-up ({@code logreg.*}). The {@code @param} texts are
 * also the settings' descriptions in {@code META-INF/spring-configuration-metadata.json} (an IDE shows
 * them as they are), so they are plain text.
 *
 * @param maxRequestSize the largest request body accepted; larger ones get 413
 * @param maxBatchRequestSize the largest body of a batch prediction (POST
 *     /models/{id}/predict), which is bound whole before its rows are checked; larger ones get 413
 * @param fitParallelism the most threads one training uses for its row sums; 0 means one per core
 * @param maxRows the most rows a dataset may have (400 naming the limit, found while the body is
 *     read, so a huge body is refused early)
 * @param maxFeatures the most features a dataset may have (400); it bounds Newton's p x p Hessian
 *     and the covariance a model keeps
 * @param maxCells the most values (rows x features) a dataset may have (400); with
 *     maxRows it bounds the heap one training holds while it reads and fits: about
 *     max(32 maxCells, 80 maxRows) bytes
 * @param names how long a model's name and its feature names may be
 * @param training how many trainings run at once, how long a request waits for its turn, and how
 *     long a fit may take
 * @param store where models are kept, and how many and how large they may be in all
 * @param security optional API keys
 * @param spark the Spark Connect server that trains on files (source requests)
 */
@Validated
@ConfigurationProperties("logreg")
public record LogregProperties(
        @NotNull @DefaultValue("256MB") DataSize maxRequestSize,
        @NotNull @DefaultValue("16MB") DataSize maxBatchRequestSize,
        @Min(0) @Max(1024) @DefaultValue("0") int fitParallelism,
        @Min(1) @DefaultValue("2000000") int maxRows,
        @Min(1) @Max(100_000) @DefaultValue("1000") int maxFeatures,
        @Min(1) @DefaultValue("10000000") long maxCells,
        @NotNull @Valid @DefaultValue Names names,
        @NotNull @Valid @DefaultValue Training training,
        @NotNull @Valid @DefaultValue Store store,
        @NotNull @Valid @DefaultValue Security security,
        @NotNull @Valid @DefaultValue Spark spark) {

    /** The effective number of threads a fit may use. */
    public int effectiveFitParallelism() {
        return fitParallelism == 0 ? Runtime.getRuntime().availableProcessors() : fitParallelism;
    }

    /**
     * An upper estimate of the heap one training at the dataset limits holds while it reads and
     * fits: {@code max(32 maxCells, 80 maxRows)} bytes. Measured with CSV bodies on 2 cores: two
     * trainings of 2,000,000 x 5 at once need a heap between 512 and 640 MB (about 30 bytes a
     * cell each), two of 2,000,000 x 10 between 800 MB and 1 GB (about 24), and one feature
     * costs about 80 bytes a row (the intercept slot, label, weight and the fit's own arrays).
     */
    public long trainingBytesBound() {
        return Math.max(32 * maxCells, 80L * maxRows);
    }

    /**
     * {@code logreg.names.*}: names are stored with every model and shown by every listing, so their
     * size is bounded (a training past a bound gets 400 naming the field): without it two models
     * with a 19 MB feature name each made GET / and GET /models answer 88 MB.
     *
     * @param maxLength the most characters a model's name and each feature name may have
     * @param maxTotalSize the most bytes a dataset's feature names may take together, in UTF-8
     */
    public record Names(
            @Min(1) @Max(100_000) @DefaultValue("200") int maxLength,
            @NotNull @DefaultValue("64KB") DataSize maxTotalSize) {

        @AssertTrue(message = "maxTotalSize must be positive")
        public boolean isMaxTotalSizePositive() {
            return maxTotalSize != null && maxTotalSize.toBytes() > 0;
        }
    }

    /**
     * {@code logreg.training.*}: at most {@code maxConcurrent} trainings (and {@code /objective}
     * evaluations) run at once; up to {@code queueLength} more requests wait, each at most
     * {@code queueWait}, before they get 503 with {@code Retry-After}. A request waits before its
     * body is read, so waiting requests hold no dataset in memory.
     *
     * @param maxConcurrent trainings at once; 0 means one per core
     * @param queueLength requests that may wait for a turn; 0 means none wait
     * @param queueWait the longest a request waits for its turn
     * @param timeLimit the longest a solver runs; it then stops and the model is reported
     *     NOT_CONVERGED (or the request gets 503 if it asked for failOnTimeout)
     * @param bodyTimeout how long after its turn begins a training's body (and an objective's) may
     *     take before it must keep to bodyMinRate: the body must have arrived by bodyTimeout + bytes
     *     / bodyMinRate, or the request gives its turn back at once and gets 408; keep it below
     *     queueWait, so that a request queued behind a stalled one still gets its turn
     * @param bodyMinRate the least average rate, in bytes a second, of such a body after
     *     bodyTimeout
     */
    public record Training(
            @Min(0) @Max(1024) @DefaultValue("0") int maxConcurrent,
            @Min(0) @Max(10_000) @DefaultValue("4") int queueLength,
            @NotNull @DefaultValue("5s") Duration queueWait,
            @NotNull @DefaultValue("5m") Duration timeLimit,
            @NotNull @DefaultValue("3s") Duration bodyTimeout,
            @NotNull @DefaultValue("32KB") DataSize bodyMinRate) {

        /** The effective number of trainings at once. */
        public int effectiveMaxConcurrent() {
            return maxConcurrent == 0 ? Runtime.getRuntime().availableProcessors() : maxConcurrent;
        }

        @AssertTrue(message = "bodyTimeout must be positive and bodyMinRate at least 1 byte a second")
        public boolean isBodyDeadlineValid() {
            return bodyTimeout != null
                    && !bodyTimeout.isNegative()
                    && !bodyTimeout.isZero()
                    && bodyMinRate != null
                    && bodyMinRate.toBytes() >= 1;
        }

        @AssertTrue(message = "queueWait must not be negative and timeLimit must be positive")
        public boolean isDurationsValid() {
            return queueWait != null
                    && timeLimit != null
                    && !queueWait.isNegative()
                    && !timeLimit.isNegative()
                    && !timeLimit.isZero();
        }
    }

    /**
     * {@code logreg.store.*}: models are kept in memory; with a {@code directory} each is also
     * written there (atomically, as versioned JSON) and all are loaded again at start-up. With a
     * database ({@code spring.datasource.url}) they are kept in PostgreSQL, shared by every
     * replica, and each replica caches the models it reads. A model that would exceed
     * {@code maxModels} or {@code maxBytes} gets 503 with {@code Retry-After}.
     *
     * @param directory where models are written; unset keeps them in memory only
     * @param maxModels the most models stored (with a database: in the database)
     * @param maxBytes the most heap the stored models may take, estimated from their arrays (with a
     *     database: the models cached by this replica; past it the least recently used are
     *     dropped from the cache)
     * @param cacheLifetime with a database: the longest a cached model goes unchecked against the
     *     database while it is reachable, the fallback for a delete notification that was missed
     */
    public record Store(
            Path directory,
            @Min(1) @DefaultValue("10000") int maxModels,
            @NotNull @DefaultValue("256MB") DataSize maxBytes,
            @NotNull @DefaultValue("10s") Duration cacheLifetime) {

        @AssertTrue(message = "cacheLifetime must be positive")
        public boolean isCacheLifetimePositive() {
            return cacheLifetime != null && !cacheLifetime.isNegative() && !cacheLifetime.isZero();
        }
    }

    /**
     * {@code logreg.security.*}: with {@code enabled}, every request but health, the OpenAPI
     * document and Swagger UI needs a key, sent as {@code X-API-Key: <key>} or
     * {@code Authorization: Bearer <key>}. Admin keys may do everything; read keys may read models,
     * predict, see the pages and read the other actuator endpoints.
     *
     * @param enabled whether keys are required
     * @param adminKeys keys that may train, delete and everything else
     * @param readKeys keys that may only read and predict
     */
    public record Security(
            @DefaultValue("false") boolean enabled,
            @NotNull @DefaultValue({}) List<String> adminKeys,
            @NotNull @DefaultValue({}) List<String> readKeys) {

        /** Keys shorter than this are too easy to guess. */
        public static final int MIN_KEY_LENGTH = 16;

        public Security {
            adminKeys = adminKeys == null ? List.of() : List.copyOf(adminKeys);
            readKeys = readKeys == null ? List.of() : List.copyOf(readKeys);
        }

        @AssertTrue(message = "with security enabled, at least one admin key is required")
        public boolean isAdminKeyGivenWhenEnabled() {
            return !enabled || !adminKeys.isEmpty();
        }

        @AssertTrue(
                message = "keys must be at least " + MIN_KEY_LENGTH
                        + " characters without spaces, and no key may be in both lists")
        public boolean isKeysWellFormed() {
            Set<String> seen = new HashSet<>();
            for (List<String> keys : List.of(adminKeys, readKeys)) {
                for (String key : keys) {
                    if (key == null
                            || key.length() < MIN_KEY_LENGTH
                            || key.chars().anyMatch(Character::isWhitespace)
                            || !seen.add(key)) {
                        return false;
                    }
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return "Security[enabled=" + enabled + ", adminKeys=" + adminKeys.size() + " keys, readKeys="
                    + readKeys.size() + " keys]";
        }
    }

    /**
     * {@code logreg.spark.*}: trainings on a file ({@code source} requests) run on the Spark Connect
     * server at {@code remote}; unset, such requests get 503 and the service opens no connection.
     * Each training is a job ({@code /jobs/{id}}) with a Spark Connect session of its own.
     *
     * @param remote the Spark Connect URL, sc://host:port
     * @param maxConcurrentJobs trainings on the cluster at once; more wait in order
     * @param maxJobs jobs remembered for GET /jobs/{id}; past it the oldest finished one is forgotten
     * @param timeLimit how long after a job's start Newton stops on the cluster, the model then
     *     NOT_CONVERGED (or the job fails if it asked for failOnTimeout)
     * @param gracePeriod past timeLimit from its start, how long a job may still run (the
     *     pass in flight, the metrics pass and the ROC's ranking, about 2 to 4 passes more); then
     *     every call to the server ends, the job FAILS and frees its slot, whether the cluster is
     *     slow, hung or gone
     * @param retryTime how long a server that is unavailable (died, restarting, unreachable) is
     *     retried before the job fails
     * @param localFitMaxBytes a source whose rows to fit take at most this much as doubles (label,
     *     weight and design columns, 8 bytes each) is pulled into the service once, after its first
     *     pass, and fitted in memory; a larger one is fitted on the cluster, one Spark job per pass.
     *     0 fits every source on the cluster; at most 1GB
     * @param allowedSources the URI prefixes a source may start with, such as file:///data/ or
     *     s3a://bucket/training/; a source's URI is normalised (dot segments removed) before it is
     *     compared, and any other source gets 403 before Spark is reached; empty, no source is accepted
     * @param maxQueuedJobs source trainings that may wait for a turn on the cluster; past it a
     *     submission gets 503 with Retry-After
     * @param maxRequestSize the largest body of a training on a source (the rows stay in the file);
     *     larger ones get 413
     */
    public record Spark(
            String remote,
            @Min(1) @Max(64) @DefaultValue("1") int maxConcurrentJobs,
            @Min(1) @Max(1_000_000) @DefaultValue("1000") int maxJobs,
            @NotNull @DefaultValue("1h") Duration timeLimit,
            @NotNull @DefaultValue("5m") Duration gracePeriod,
            @NotNull @DefaultValue("30s") Duration retryTime,
            @NotNull @DefaultValue("64MB") DataSize localFitMaxBytes,
            @NotNull @DefaultValue({}) List<String> allowedSources,
            @Min(0) @Max(10_000) @DefaultValue("16") int maxQueuedJobs,
            @NotNull @DefaultValue("64KB") DataSize maxRequestSize) {

        public Spark {
            allowedSources = allowedSources == null ? List.of() : List.copyOf(allowedSources);
        }

        /** Whether a Spark Connect server is configured. */
        public boolean enabled() {
            return remote != null && !remote.isBlank();
        }

        @AssertTrue(message = "timeLimit must be positive")
        public boolean isTimeLimitPositive() {
            return timeLimit != null && !timeLimit.isNegative() && !timeLimit.isZero();
        }

        @AssertTrue(message = "gracePeriod and retryTime must be positive")
        public boolean isGracePeriodAndRetryTimePositive() {
            return gracePeriod != null
                    && !gracePeriod.isNegative()
                    && !gracePeriod.isZero()
                    && retryTime != null
                    && !retryTime.isNegative()
                    && !retryTime.isZero();
        }

        @AssertTrue(message = "localFitMaxBytes must be between 0 and 1GB")
        public boolean isLocalFitMaxBytesInRange() {
            return localFitMaxBytes != null
                    && !localFitMaxBytes.isNegative()
                    && localFitMaxBytes.compareTo(DataSize.ofGigabytes(1)) <= 0;
        }

        @AssertTrue(
                message = "allowedSources must be absolute URIs with a scheme and a path, such as file:///data/,"
                        + " without dot segments")
        public boolean isAllowedSourcesValid() {
            return allowedSources.stream().allMatch(SourceUris::validPrefix);
        }

        @AssertTrue(message = "maxRequestSize must be between 1KB and 1MB")
        public boolean isMaxRequestSizeValid() {
            return maxRequestSize != null
                    && maxRequestSize.toBytes() >= 1024
                    && maxRequestSize.toBytes() <= 1024 * 1024;
        }

        /**
         * {@code uri} normalised (dot segments resolved), as Spark is to read it, when it lies under one of
         * {@link #allowedSources}; null when it does not, or is not an absolute URI Spark reads as given.
         */
        public String allowedSource(String uri) {
            return SourceUris.allowed(uri, allowedSources) ? SourceUris.normalised(uri) : null;
        }

        @AssertTrue(message = "remote must be a Spark Connect URL such as sc://spark-host:15002")
        public boolean isRemoteValid() {
            return !enabled() || remote.matches("sc://[^/\\s:]+(:\\d+)?(/.*)?");
        }
    }
}
