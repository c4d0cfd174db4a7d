package dev.logreg.training;

import dev.logreg.config.LogregProperties;
import dev.logreg.math.Dataset;
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
import dev.logreg.model.TrainingOptions;
import dev.logreg.spark.ClusterSession;
import dev.logreg.spark.SparkCluster;
import dev.logreg.spark.SparkRows;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ForkJoinPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one training on a source, on the job's thread: a Spark Connect session of its own, the rows
 * opened (the first pass), then either its rows pulled into the service and fitted in memory (a
 * source within logreg.spark.local-fit-max-bytes) or Newton driven from here with one Spark job per
 * evaluation ({@link SparkRows}), the model assembled and stored only when everything succeeded; a failure
 * ends the job FAILED with its problem ({@link SourceJobFailures}), a cancellation CANCELLED.
 */
@Component
class SourceJobRunner {

    private static final Logger log = LoggerFactory.getLogger(SourceJobRunner.class);
    /** Newton's time limit when reading the source used up logreg.spark.time-limit: it stops unconverged at once. */
    private static final Duration MIN_TIME_LEFT = Duration.ofMillis(1);
    /** How long interrupting a job's Spark work and releasing its session may take, even past its deadline. */
    private static final Duration CLEANUP_TIME = Duration.ofSeconds(10);

    private final ModelStore store;
    private final LogregProperties.Spark spark;
    private final int maxFeatures;
    private final Clock clock;
    private final ServiceMetrics metrics;
    private final SoftwareVersions software;
    private final SparkCluster cluster;
    private final SourceJobFailures failures;
    private final LogisticRegression regression = new LogisticRegression(ForkJoinPool.commonPool(), 1);

    SourceJobRunner(
            ModelStore store,
            LogregProperties properties,
            Clock clock,
            ServiceMetrics metrics,
            SoftwareVersions software) {
        this.store = store;
        this.spark = properties.spark();
        this.maxFeatures = properties.maxFeatures();
        this.clock = clock;
        this.metrics = metrics;
        this.software = software;
        this.cluster = spark.enabled() ? new SparkCluster(spark.remote(), spark.retryTime(), CLEANUP_TIME) : null;
        this.failures = new SourceJobFailures(spark, cluster);
    }

    /** Runs a queued job to its end, unless it was cancelled while queued; never throws. */
    void run(TrainingJob job) {
        if (!job.start(clock.instant())) {
            return;
        }
        SourceTrainingInput input = job.input();
        TrainingOptions options = input.options();
        long start = System.nanoTime();
        ClusterSession session = cluster.session(spark.timeLimit().plus(spark.gracePeriod()));
        try {
            session.connect();
            job.checkCancelled();
            job.phase("reading");
            SparkRows rows = session.open(input.source(), options.fitIntercept(), maxFeatures, job::checkCancelled);
            job.reading(rows);
            job.checkCancelled();
            job.phase("fitting");
            long fitStart = System.nanoTime();
            Fit fit = fit(rows, options, job, start);
            long regressionNanos = System.nanoTime() - fitStart;
            job.phase("storing");
            Model model = SourceModelAssembler.assemble(
                    input,
                    rows,
                    fit,
                    clock.instant(),
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
                job.failed(failures.describe(failure, session.deadlinePassed()), clock.instant());
                if (SourceJobFailures.expected(failure) && failure.getCause() != null) {
                    // Spark's text may tell a missing file from an unreadable one: for the operator only.
                    log.info(
                            "Training job {} could not read its source {}: {}",
                            job.id(),
                            input.source().uri(),
                            failure.getCause().getMessage());
                } else if (!SourceJobFailures.expected(failure)) {
                    log.warn(
                            "Training job {} on {} failed",
                            job.id(),
                            input.source().uri(),
                            failure);
                }
            }
        } finally {
            session.close();
        }
    }

    /**
     * Fits the rows in the service's memory when they fit in logreg.spark.local-fit-max-bytes (one
     * Spark job pulls them), on the cluster otherwise (one Spark job per pass).
     */
    private Fit fit(SparkRows rows, TrainingOptions options, TrainingJob job, long start) {
        NewtonSolver solver = new NewtonSolver(job::iterationDone);
        if (rows.bytesInMemory() <= spark.localFitMaxBytes().toBytes()) {
            Dataset pulled = rows.pull();
            job.checkCancelled();
            Fit fit = regression.fit(pulled, options.l2(), solver, solverOptions(options, start));
            // A fit in memory has no Spark pass to interrupt: a cancellation takes effect when it ends.
            job.checkCancelled();
            return fit;
        }
        return regression.fit(rows, options.l2(), solver, solverOptions(options, start));
    }

    /** The request's options with Newton's time limit: what is left of logreg.spark.time-limit since {@code start}. */
    private SolverOptions solverOptions(TrainingOptions options, long start) {
        // The time limit counts from the job's start, as its calls' deadline does.
        Duration timeLeft = spark.timeLimit().minusNanos(System.nanoTime() - start);
        return new SolverOptions(
                options.maxIterations(),
                options.tolerance(),
                timeLeft.compareTo(MIN_TIME_LEFT) < 0 ? MIN_TIME_LEFT : timeLeft,
                options.learningRate(),
                options.batchSize(),
                options.epochs(),
                options.seed());
    }

    private static TrainingOutcome outcome(FitResult result) {
        if (result.converged()) {
            return TrainingOutcome.CONVERGED;
        }
        return result.stopReason() == StopReason.SEPARATION
                ? TrainingOutcome.SEPARATION
                : TrainingOutcome.NOT_CONVERGED;
    }
}
