package dev.logreg.training;

import dev.logreg.config.LogregProperties;
import dev.logreg.math.DegenerateDataException;
import dev.logreg.math.Fit;
import dev.logreg.math.FitResult;
import dev.logreg.math.LogisticRegression;
import dev.logreg.math.NewtonSolver;
import dev.logreg.math.SolverOptions;
import dev.logreg.math.StopReason;
import dev.logreg.metrics.ServiceMetrics;
import dev.logreg.metrics.ServiceMetrics.TrainingOutcome;
import dev.logreg.model.Model;
import dev.logreg.model.ModelStore;
import dev.logreg.model.ModelWarning;
import dev.logreg.model.TrainingOptions;
import dev.logreg.problem.ApiProblems;
import dev.logreg.problem.FieldError;
import dev.logreg.problem.JobNotFoundException;
import dev.logreg.problem.NotConfiguredException;
import dev.logreg.problem.StoreFullException;
import dev.logreg.spark.CallDeadlines;
import dev.logreg.spark.SourceColumnException;
import dev.logreg.spark.SparkRows;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkproject.io.grpc.Status;
import org.sparkproject.io.grpc.StatusRuntimeException;
import org.springframework.stereotype.Service;

/**
 * Trains on files a Spark cluster reads ({@code source} requests), as background jobs: at most
 * {@code logreg.spark.max-concurrent-jobs} at once, the rest queued in order. Each job opens its
 * own Spark Connect session, and drives Newton from here with one Spark job per evaluation
 * ({@link SparkRows}); the model is stored only when everything succeeded. Without
 * {@code logreg.spark.remote} nothing connects and a submission is refused.
 */
@Service
class SourceTrainingService {

    private static final Logger log = LoggerFactory.getLogger(SourceTrainingService.class);
    /** Longer messages from Spark (plans, stack traces) are cut here. */
    private static final int MAX_DETAIL_LENGTH = 2000;
    /** Class names that Spark's messages start with when they wrap another exception's. */
    private static final Pattern WRAPPED_EXCEPTION = Pattern.compile("^(?:(?:[a-z_][\\w$]*\\.)+[A-Z][\\w$]*: )+");
    /** Newton's time limit when reading the source used up logreg.spark.time-limit: it stops unconverged at once. */
    private static final Duration MIN_TIME_LEFT = Duration.ofMillis(1);
    /** How a gRPC status UNAVAILABLE starts its message. */
    private static final String UNAVAILABLE = Status.Code.UNAVAILABLE + ": ";
    /** How long interrupting a job's Spark work and releasing its session may take, even past its deadline. */
    private static final Duration CLEANUP_TIME = Duration.ofSeconds(10);

    private final ModelStore store;
    private final LogregProperties.Spark spark;
    private final int maxFeatures;
    private final Clock clock;
    private final ServiceMetrics metrics;
    private final SoftwareVersions software;
    private final LogisticRegression regression = new LogisticRegression(ForkJoinPool.commonPool(), 1);
    private final Map<String, TrainingJob> jobs = new LinkedHashMap<>();
    private ExecutorService runner;

    SourceTrainingService(
            ModelStore store,
            LogregProperties properties,
            Clock clock,
            ServiceMetrics metrics,
            SoftwareVersions software) {
        this.store = store;
        this.software = software;
        this.spark = properties.spark();
        this.maxFeatures = properties.maxFeatures();
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Queues a training; the job runs in the background.
     *
     * @throws NotConfiguredException when no Spark Connect server is configured
     * @throws StoreFullException when the store has no room (checked again before storing)
     */
    TrainingJob submit(SourceTrainingInput input) {
        if (!spark.enabled()) {
            metrics.trainingRejected(null);
            throw new NotConfiguredException("Training on a source needs a Spark Connect server, and this service"
                    + " has none configured: set logreg.spark.remote (LOGREG_SPARK_REMOTE), for example to"
                    + " sc://spark-host:15002, or send the rows in the request.");
        }
        try {
            store.requireRoom();
        } catch (StoreFullException full) {
            metrics.trainingRejected(null);
            throw full;
        }
        TrainingJob job = new TrainingJob(UUID.randomUUID().toString(), input, clock.instant());
        synchronized (this) {
            if (runner == null) {
                AtomicInteger threads = new AtomicInteger();
                runner = Executors.newFixedThreadPool(spark.maxConcurrentJobs(), task -> {
                    Thread thread = new Thread(task, "spark-training-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
            }
            jobs.put(job.id(), job);
            forgetOldJobs();
            job.submitted(runner.submit(() -> run(job)));
        }
        return job;
    }

    /** Past {@code maxJobs}, the oldest finished jobs are forgotten. */
    private void forgetOldJobs() {
        Iterator<TrainingJob> oldestFirst = jobs.values().iterator();
        while (jobs.size() > spark.maxJobs() && oldestFirst.hasNext()) {
            if (oldestFirst.next().finished()) {
                oldestFirst.remove();
            }
        }
    }

    TrainingJob job(String id) {
        synchronized (this) {
            TrainingJob job = jobs.get(id);
            if (job == null) {
                throw new JobNotFoundException(id);
            }
            return job;
        }
    }

    /** Asks a job to stop; see {@link TrainingJob#cancel}. */
    TrainingJob cancel(String id) {
        TrainingJob job = job(id);
        job.cancel(clock.instant());
        return job;
    }

    private void run(TrainingJob job) {
        if (!job.start(clock.instant())) {
            return;
        }
        SourceTrainingInput input = job.input();
        TrainingOptions options = input.options();
        long start = System.nanoTime();
        CallDeadlines deadlines = new CallDeadlines(spark.timeLimit().plus(spark.gracePeriod()), CLEANUP_TIME);
        SparkSession session = null;
        try {
            session = SparkRows.connect(spark.remote(), deadlines, spark.retryTime());
            job.checkCancelled();
            job.phase("reading");
            SparkRows rows =
                    SparkRows.open(session, input.source(), options.fitIntercept(), maxFeatures, job::checkCancelled);
            job.reading(rows);
            job.checkCancelled();
            job.phase("fitting");
            // The time limit counts from the job's start, as its calls' deadline does.
            Duration timeLeft = spark.timeLimit().minusNanos(System.nanoTime() - start);
            SolverOptions solverOptions = new SolverOptions(
                    options.maxIterations(),
                    options.tolerance(),
                    timeLeft.compareTo(MIN_TIME_LEFT) < 0 ? MIN_TIME_LEFT : timeLeft,
                    options.learningRate(),
                    options.batchSize(),
                    options.epochs(),
                    options.seed());
            long fitStart = System.nanoTime();
            Fit fit = regression.fit(rows, options.l2(), new NewtonSolver(job::iterationDone), solverOptions);
            long regressionNanos = System.nanoTime() - fitStart;
            job.phase("storing");
            Model model = assemble(
                    job,
                    rows,
                    fit,
                    new ModelAssembler.Origin(
                            null,
                            input.source().uri(),
                            software.service(),
                            software.java(),
                            software.ejml(),
                            rows.partitions(),
                            start,
                            fitStart - start,
                            0,
                            regressionNanos));
            if (options.failOnTimeout() && fit.solverResult().stopReason() == StopReason.TIME_LIMIT) {
                throw new DegenerateDataException("The fit did not finish within the time limit of "
                        + spark.timeLimit().toMillis() + " ms (logreg.spark.time-limit) and the request asked"
                        + " to fail then (failOnTimeout); no model was stored.");
            }
            store.put(model);
            metrics.trainingFinished(options.solver(), outcome(fit.solverResult()), System.nanoTime() - start);
            job.succeeded(model.id(), clock.instant());
        } catch (Exception | LinkageError failure) {
            // Spark's AnalysisException and SparkException are checked, yet thrown from Scala undeclared.
            if (job.cancelRequested()) {
                job.cancelled(clock.instant());
            } else {
                metrics.trainingRejected(options.solver());
                job.failed(deadlines.passed() ? timedOut() : describe(failure), clock.instant());
                if (!(failure instanceof SourceColumnException || failure instanceof DegenerateDataException)) {
                    log.warn(
                            "Training job {} on {} failed",
                            job.id(),
                            input.source().uri(),
                            failure);
                }
            }
        } finally {
            if (session != null) {
                try {
                    SparkRows.close(session);
                } catch (RuntimeException closing) {
                    log.debug("Closing the Spark Connect session of job {} failed", job.id(), closing);
                }
            }
        }
    }

    private Model assemble(TrainingJob job, SparkRows rows, Fit fit, ModelAssembler.Origin origin) {
        SourceTrainingInput input = job.input();
        SparkRows.SourceCounts counts = rows.counts();
        List<ModelWarning> warnings = new ArrayList<>();
        if (counts.rowsWithNulls() > 0) {
            List<String> columns = new ArrayList<>();
            for (SparkRows.ColumnCount column : counts.nullsPerColumn()) {
                columns.add(column.column() + ": " + column.count());
            }
            warnings.add(new ModelWarning(
                    "ROWS_WITH_NULLS",
                    counts.rowsWithNulls() + " of " + counts.rowsRead()
                            + " rows have a null label, weight or feature and were left out of the fit (rows with a"
                            + " null per column: " + String.join(", ", columns) + "). Fill or drop them in the source"
                            + " to decide for yourself."));
        }
        Model model = ModelAssembler.assemble(
                UUID.randomUUID().toString(),
                input.name(),
                clock.instant(),
                new ModelAssembler.Columns(rows.hasIntercept(), rows.featureNames()),
                (int) counts.rowsFitted(),
                rows.labelTotals().totalWeight(),
                warnings,
                input.options(),
                fit,
                (System.nanoTime() - origin.start()) / 1e6,
                origin);
        String overflowed = FiniteModelCheck.firstNonFinite(model);
        if (overflowed != null) {
            throw new DegenerateDataException("The fit overflowed: " + overflowed + " is not a finite number, so"
                    + " there is no model to store. Standardise the features.");
        }
        return model;
    }

    /** The problem of a job that ran past its time limit and grace period: its calls to the server were cut. */
    private TrainingJob.JobError timedOut() {
        return new TrainingJob.JobError(
                ApiProblems.SPARK_FAILURE,
                "Spark job timed out",
                "The training did not end"
                        + " within logreg.spark.time-limit (" + spark.timeLimit() + ") and logreg.spark.grace-period ("
                        + spark.gracePeriod() + ") after it started: the Spark Connect server at " + spark.remote()
                        + " stopped answering, or a pass took that long. Its calls were ended and no model was stored.",
                List.of());
    }

    /** The problem a failed job reports: the request's fault, the data's, or Spark's. */
    private TrainingJob.JobError describe(Throwable failure) {
        if (failure instanceof SourceColumnException column) {
            return new TrainingJob.JobError(
                    ApiProblems.INVALID_REQUEST,
                    "Invalid source",
                    column.getMessage(),
                    List.of(new FieldError(column.field(), column.getMessage())));
        }
        if (failure instanceof DegenerateDataException unfittable) {
            return new TrainingJob.JobError(
                    ApiProblems.UNFITTABLE_DATA, "Data admit no model", unfittable.getMessage(), List.of());
        }
        if (failure instanceof StoreFullException full) {
            return new TrainingJob.JobError(
                    ApiProblems.SERVICE_UNAVAILABLE, "Model store full", full.getMessage(), List.of());
        }
        return new TrainingJob.JobError(
                ApiProblems.SPARK_FAILURE,
                "Spark job failed",
                "The training on the" + " Spark cluster failed and no model was stored: " + sparkMessage(failure),
                List.of());
    }

    /**
     * What went wrong on the cluster, in one line: a server that stopped taking calls is named, and
     * Spark's messages lose what follows their first line (the driver's stack trace, a plan) and
     * the class names of the exceptions they wrap.
     */
    private String sparkMessage(Throwable failure) {
        String line = oneLine(failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
        StatusRuntimeException unavailable = unavailable(failure, 0);
        // The client converts most gRPC errors to a SparkException that keeps only the status's text.
        if (unavailable != null || line.startsWith(UNAVAILABLE)) {
            return "the Spark Connect server at " + spark.remote() + " stopped taking calls and did not come back"
                    + " within logreg.spark.retry-time (" + spark.retryTime() + "): "
                    + (unavailable == null
                            ? line.substring(UNAVAILABLE.length())
                            : oneLine(unavailable.getStatus().getDescription()));
        }
        return line;
    }

    /** A gRPC UNAVAILABLE among the causes of {@code failure} or what they suppressed (the retries'), or null. */
    private static StatusRuntimeException unavailable(Throwable failure, int depth) {
        if (failure == null || depth > 10) {
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

    private static TrainingOutcome outcome(FitResult result) {
        if (result.converged()) {
            return TrainingOutcome.CONVERGED;
        }
        return result.stopReason() == StopReason.SEPARATION
                ? TrainingOutcome.SEPARATION
                : TrainingOutcome.NOT_CONVERGED;
    }

    /** Stops the running jobs' Spark work when the service stops; they end CANCELLED and store nothing. */
    @PreDestroy
    void stop() {
        List<TrainingJob> running;
        synchronized (this) {
            if (runner == null) {
                return;
            }
            runner.shutdown();
            running = new ArrayList<>(jobs.values());
        }
        for (TrainingJob job : running) {
            job.cancel(clock.instant());
        }
    }
}
