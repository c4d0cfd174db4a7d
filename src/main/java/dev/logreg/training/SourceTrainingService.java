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
import org.springframework.stereotype.Service;

/**
 * Trains on files a Spark cluster reads ({@code source} requests), as background jobs: at most
 * {@code logreg.spark.max-concurrent-jobs} at once, the rest queued in order, the latest
 * {@code logreg.spark.max-jobs} remembered. Each job is run by {@link SourceJobRunner}. Without
 * {@code logreg.spark.remote} nothing connects and a submission is refused.
 */
@Service
class SourceTrainingService {

    private final ModelStore store;
    private final LogregProperties.Spark spark;
    private final Clock clock;
    private final ServiceMetrics metrics;
    private final SourceJobRunner jobRunner;
    private final Map<String, TrainingJob> jobs = new LinkedHashMap<>();
    private ExecutorService jobThreads;

    SourceTrainingService(
            ModelStore store,
            LogregProperties properties,
            Clock clock,
            ServiceMetrics metrics,
            SourceJobRunner jobRunner) {
        this.store = store;
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
            job.submitted(jobThreads.submit(() -> jobRunner.run(job)));
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
