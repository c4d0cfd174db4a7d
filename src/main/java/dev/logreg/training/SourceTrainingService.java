package dev.logreg.training;

import dev.logreg.config.LogregProperties;
import dev.logreg.metrics.ServiceMetrics;
import dev.logreg.model.ModelStore;
import dev.logreg.problem.JobNotFoundException;
import dev.logreg.problem.NotConfiguredException;
import dev.logreg.problem.ServiceUnavailableException;
import dev.logreg.problem.SourceNotAllowedException;
import dev.logreg.problem.StoreFullException;
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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Trains on files a Spark cluster reads ({@code source} requests), as background jobs: at most
 * {@code logreg.spark.max-concurrent-jobs} at once, up to {@code logreg.spark.max-queued-jobs} more
 * queued in order, the latest {@code logreg.spark.max-jobs} remembered. Each job is run by
 * {@link SourceJobRunner}. Without {@code logreg.spark.remote} nothing connects and a submission is
 * refused; so is a source outside {@code logreg.spark.allowed-sources}. With a database the
 * jobs are also kept there ({@link DatabaseJobs}), so that every replica can show and cancel them.
 */
@Service
class SourceTrainingService {

    /** When a client refused for a full queue may try again: a queued job waits at least this long. */
    static final Duration QUEUE_FULL_RETRY_AFTER = Duration.ofSeconds(30);

    private final ModelStore store;
    private final LogregProperties.Spark spark;
    private final Clock clock;
    private final ServiceMetrics metrics;
    private final SourceJobRunner jobRunner;
    private final Map<String, TrainingJob> jobs = new LinkedHashMap<>();
    /** With a database, the jobs of every replica; null without one. */
    private final DatabaseJobs sharedJobs;

    private ThreadPoolExecutor jobThreads;

    SourceTrainingService(
            ModelStore store,
            LogregProperties properties,
            Clock clock,
            ServiceMetrics metrics,
            SourceJobRunner jobRunner,
            ObjectProvider<DatabaseJobs> sharedJobs) {
        this.store = store;
        this.sharedJobs = sharedJobs.getIfAvailable();
        this.spark = properties.spark();
        this.clock = clock;
        this.metrics = metrics;
        this.jobRunner = jobRunner;
    }

    /**
     * Queues a training; the job runs in the background.
     *
     * @throws NotConfiguredException when no Spark Connect server is configured
     * @throws SourceNotAllowedException when the source's URI is outside logreg.spark.allowed-sources
     * @throws ServiceUnavailableException when logreg.spark.max-queued-jobs jobs of this replica wait already
     * @throws StoreFullException when the store has no room (checked again before storing)
     */
    TrainingJob submit(SourceTrainingInput input) {
        if (!spark.enabled()) {
            metrics.trainingRejected(null);
            throw new NotConfiguredException("Training on a source needs a Spark Connect server, and this service"
                    + " has none configured: set logreg.spark.remote (LOGREG_SPARK_REMOTE), for example to"
                    + " sc://spark-host:15002, or send the rows in the request.");
        }
        SourceTrainingInput allowed = allowed(input);
        try {
            store.requireRoom();
        } catch (StoreFullException full) {
            metrics.trainingRejected(null);
            throw full;
        }
        TrainingJob job = new TrainingJob(UUID.randomUUID().toString(), allowed, clock.instant());
        synchronized (this) {
            if (queuedJobs() >= spark.maxQueuedJobs() + spark.maxConcurrentJobs()) {
                metrics.trainingRejected(null);
                throw new ServiceUnavailableException(
                        "Too many trainings on a source are waiting: logreg.spark.max-queued-jobs ("
                                + spark.maxQueuedJobs() + ") wait already, behind logreg.spark.max-concurrent-jobs ("
                                + spark.maxConcurrentJobs() + ") running. Try again later.",
                        QUEUE_FULL_RETRY_AFTER);
            }
            if (sharedJobs != null) {
                sharedJobs.submitted(job);
            }
            if (jobThreads == null) {
                AtomicInteger threads = new AtomicInteger();
                jobThreads = new ThreadPoolExecutor(
                        spark.maxConcurrentJobs(),
                        spark.maxConcurrentJobs(),
                        0,
                        TimeUnit.MILLISECONDS,
                        new LinkedBlockingQueue<>(),
                        task -> {
                            Thread thread = new Thread(task, "spark-training-" + threads.incrementAndGet());
                            thread.setDaemon(true);
                            return thread;
                        });
            }
            jobs.put(job.id(), job);
            forgetOldJobs();
            job.submitted(jobThreads.submit(() -> run(job)));
        }
        return job;
    }

    private void run(TrainingJob job) {
        try {
            jobRunner.run(job);
        } finally {
            if (sharedJobs != null) {
                sharedJobs.finished(job);
            }
        }
    }

    /**
     * The input with its source's URI normalised, as Spark is to read it.
     *
     * @throws SourceNotAllowedException when no prefix of logreg.spark.allowed-sources admits it; the
     *     message names the setting, never what the URI points to
     */
    private SourceTrainingInput allowed(SourceTrainingInput input) {
        SparkRows.Source source = input.source();
        String uri = spark.allowedSource(source.uri());
        if (uri == null) {
            metrics.trainingRejected(null);
            throw new SourceNotAllowedException(
                    spark.allowedSources().isEmpty()
                            ? "This service accepts no source: logreg.spark.allowed-sources"
                                    + " (LOGREG_SPARK_ALLOWEDSOURCES) is empty. Set it to the URI prefixes the"
                                    + " cluster may read, such as file:///data/, or send the rows in the request."
                            : "The source's uri is not under any prefix of logreg.spark.allowed-sources (compared"
                                    + " after resolving dot segments; braces and backslashes are refused).");
        }
        return new SourceTrainingInput(
                input.name(),
                new SparkRows.Source(uri, source.format(), source.label(), source.weight(), source.features()),
                input.options());
    }

    /** This replica's jobs not yet finished: running or waiting for a turn. Called holding this object's lock. */
    private long queuedJobs() {
        return jobs.values().stream().filter(job -> !job.finished()).count();
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

    /** A job of this replica, or null. */
    private synchronized TrainingJob localJob(String id) {
        return jobs.get(id);
    }

    /** A job's status: this replica's own, else (with a database) as the replica that runs it wrote it. */
    TrainingJob.Status status(String id) {
        TrainingJob job = localJob(id);
        if (job != null) {
            return job.status();
        }
        return sharedStatus(id);
    }

    private TrainingJob.Status sharedStatus(String id) {
        if (sharedJobs == null) {
            throw new JobNotFoundException(id);
        }
        return sharedJobs.find(id).orElseThrow(() -> new JobNotFoundException(id));
    }

    /** What cancelling did: whether the job had already finished, and its status after the request. */
    record Cancellation(boolean wasFinished, TrainingJob.Status status) {}

    /**
     * Asks a job to stop; see {@link TrainingJob#cancel}. A job another replica runs is flagged in
     * the database, and that replica cancels it within about a second. A queued job's task leaves the
     * executor's queue at once, so that submitting and cancelling cannot grow it past
     * logreg.spark.max-queued-jobs.
     */
    Cancellation cancel(String id) {
        TrainingJob job = localJob(id);
        if (job != null) {
            boolean wasFinished = job.finished();
            job.cancel(clock.instant());
            synchronized (this) {
                if (jobThreads != null) {
                    jobThreads.purge();
                }
            }
            if (sharedJobs != null && !wasFinished && job.finished()) {
                // A purged task never runs, so its end is written here (again, harmlessly, if it had started).
                sharedJobs.finished(job);
            }
            return new Cancellation(wasFinished, job.status());
        }
        TrainingJob.Status status = sharedStatus(id);
        boolean finished = status.state() != TrainingJob.State.QUEUED && status.state() != TrainingJob.State.RUNNING;
        if (!finished) {
            sharedJobs.requestCancel(id);
        }
        return new Cancellation(finished, status);
    }

    /** Stops the running jobs' Spark work when the service stops; they end CANCELLED and store nothing. */
    @PreDestroy
    void stop() {
        List<TrainingJob> running;
        synchronized (this) {
            if (jobThreads == null) {
                return;
            }
            jobThreads.shutdown();
            running = new ArrayList<>(jobs.values());
        }
        for (TrainingJob job : running) {
            job.cancel(clock.instant());
        }
    }
}
