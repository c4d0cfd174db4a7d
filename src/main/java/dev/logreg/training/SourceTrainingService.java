package dev.logreg.training;

import dev.logreg.config.LogregProperties;
import dev.logreg.metrics.ServiceMetrics;
import dev.logreg.model.ModelStore;
import dev.logreg.problem.JobNotFoundException;
import dev.logreg.problem.NotConfiguredException;
import dev.logreg.problem.StoreFullException;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Trains on files a Spark cluster reads ({@code source} requests), as background jobs: at most
 * {@code logreg.spark.max-concurrent-jobs} at once, the rest queued in order, the latest
 * {@code logreg.spark.max-jobs} remembered. Each job is run by {@link SourceJobRunner}. Without
 * {@code logreg.spark.remote} nothing connects and a submission is refused. With a database the
 * jobs are also kept there ({@link DatabaseJobs}), so that every replica can show and cancel them.
 */
@Service
class SourceTrainingService {

    private final ModelStore store;
    private final LogregProperties.Spark spark;
    private final Clock clock;
    private final ServiceMetrics metrics;
    private final SourceJobRunner jobRunner;
    private final Map<String, TrainingJob> jobs = new LinkedHashMap<>();
    /** With a database, the jobs of every replica; null without one. */
    private final DatabaseJobs sharedJobs;

    private ExecutorService jobThreads;

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
        if (sharedJobs != null) {
            sharedJobs.submitted(job);
        }
        synchronized (this) {
            if (jobThreads == null) {
                AtomicInteger threads = new AtomicInteger();
                jobThreads = Executors.newFixedThreadPool(spark.maxConcurrentJobs(), task -> {
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
     * the database, and that replica cancels it within about a second.
     */
    Cancellation cancel(String id) {
        TrainingJob job = localJob(id);
        if (job != null) {
            boolean wasFinished = job.finished();
            job.cancel(clock.instant());
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
