package dev.logreg.training;

import dev.logreg.problem.ApiProblems;
import dev.logreg.problem.ServiceUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Training jobs in the database (the table {@code training_jobs}), so that every replica answers
 * {@code GET /jobs/{id}} and {@code DELETE /jobs/{id}} alike, whichever one runs the job. A job is
 * inserted before its submission is acknowledged; the replica that runs it then writes its status
 * whenever it changes (checked every {@link #TICK}), at once when it finishes, and marks it alive
 * meanwhile. A cancellation asked of another replica is a flag in the row, which the running
 * replica reads every tick. A job left unfinished and unmarked for {@link #LOST_AFTER} (its replica
 * was killed) reads as FAILED. Beyond {@code maxJobs} jobs the oldest finished ones are deleted.
 */
final class DatabaseJobs implements AutoCloseable {

    /** How often the running replica writes changed statuses, marks its jobs alive and reads cancellations. */
    static final Duration TICK = Duration.ofSeconds(1);
    /** A job unmarked this long while unfinished was lost with its replica. */
    static final Duration LOST_AFTER = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(DatabaseJobs.class);
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int maxJobs;
    /** The jobs this replica runs, with the status last written (null: none yet). */
    private final Map<TrainingJob, TrainingJob.Status> running = new ConcurrentHashMap<>();

    private final ScheduledExecutorService ticker;

    DatabaseJobs(JdbcClient jdbc, Clock clock, int maxJobs) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxJobs = maxJobs;
        this.ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "training-jobs-to-database");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Records a job about to be queued, and forgets the oldest finished jobs past {@code maxJobs}.
     *
     * @throws ServiceUnavailableException when the database fails: the job must not be queued
     */
    void submitted(TrainingJob job) {
        TrainingJob.Status status = job.status();
        database("record the job", () -> {
            jdbc.sql("insert into training_jobs (id, updated_at, status) values (?, ?, ?::jsonb)")
                    .param(job.id())
                    .param(timestamp(clock.instant()))
                    .param(MAPPER.writeValueAsString(status))
                    .update();
            jdbc.sql("delete from training_jobs where finished and seq < (select min(seq) from"
                            + " (select seq from training_jobs order by seq desc limit ?) newest)")
                    .param(maxJobs)
                    .update();
            return null;
        });
        running.put(job, status);
    }

    /** Writes a finished job's status at once (the tick writes it again if this fails). */
    void finished(TrainingJob job) {
        try {
            write(job, job.status());
        } catch (DataAccessException failure) {
            log.warn("Cannot write the end of job {} to the database; retrying: {}", job.id(), failure.getMessage());
        }
    }

    /** The job as its replica last wrote it, or as lost; empty when no replica has it. */
    Optional<TrainingJob.Status> find(String id) {
        return database(
                "read the job",
                () -> jdbc.sql("select status::text, finished, updated_at from training_jobs where id = ?")
                        .param(id)
                        .query((row, number) -> {
                            TrainingJob.Status status = MAPPER.readValue(row.getString(1), TrainingJob.Status.class);
                            Instant updated =
                                    row.getObject(3, OffsetDateTime.class).toInstant();
                            boolean lost = !row.getBoolean(2)
                                    && updated.plus(LOST_AFTER).isBefore(clock.instant());
                            return lost ? lost(status) : status;
                        })
                        .optional());
    }

    /** Asks the replica running the job to cancel it; false when the job is not in the database. */
    boolean requestCancel(String id) {
        return database(
                "cancel the job",
                () -> jdbc.sql("update training_jobs set cancel_requested = true where id = ?")
                                .param(id)
                                .update()
                        == 1);
    }

    /** Writes the statuses that changed, marks the unfinished jobs alive, and cancels those asked to. */
    private void tick() {
        try {
            List<String> unfinished = new ArrayList<>();
            for (Map.Entry<TrainingJob, TrainingJob.Status> entry : running.entrySet()) {
                TrainingJob job = entry.getKey();
                TrainingJob.Status status = job.status();
                if (!status.equals(entry.getValue())) {
                    write(job, status);
                }
                if (job.finished()) {
                    running.remove(job);
                } else {
                    unfinished.add(job.id());
                }
            }
            if (unfinished.isEmpty()) {
                return;
            }
            List<String> cancelled = jdbc.sql("update training_jobs set updated_at = ? where id = any(?)"
                            + " returning case when cancel_requested then id end")
                    .param(timestamp(clock.instant()))
                    .param(unfinished.toArray(String[]::new))
                    .query(String.class)
                    .list();
            for (TrainingJob job : running.keySet()) {
                if (cancelled.contains(job.id())) {
                    job.cancel(clock.instant());
                }
            }
        } catch (RuntimeException failure) {
            log.warn("Cannot bring the training jobs in the database up to date; retrying: {}", failure.getMessage());
        }
    }

    private void write(TrainingJob job, TrainingJob.Status status) {
        jdbc.sql("update training_jobs set status = ?::jsonb, finished = ?, updated_at = ? where id = ?")
                .param(MAPPER.writeValueAsString(status))
                .param(job.finished())
                .param(timestamp(clock.instant()))
                .param(job.id())
                .update();
        running.replace(job, status);
    }

    /** A job whose replica went silent: FAILED, as no replica will finish it. */
    private static TrainingJob.Status lost(TrainingJob.Status status) {
        return new TrainingJob.Status(
                status.id(),
                TrainingJob.State.FAILED,
                "done",
                status.source(),
                status.createdAt(),
                status.startedAt(),
                status.finishedAt(),
                status.iteration(),
                status.loss(),
                status.gradientNorm(),
                status.rowsRead(),
                status.rowsWithNulls(),
                status.nullsPerColumn(),
                status.modelId(),
                new TrainingJob.JobError(
                        ApiProblems.SPARK_FAILURE,
                        "Job lost",
                        "The replica that ran this job stopped without finishing it (no word from it for "
                                + LOST_AFTER.toSeconds() + " s). Submit the training again.",
                        List.of()),
                status.links());
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Runs {@code work}; a database failure becomes 503 with {@code Retry-After}. */
    private static <T> T database(String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException failure) {
            log.warn("Cannot {}: the database failed: {}", what, failure.getMessage());
            throw new ServiceUnavailableException(
                    "The job database cannot be reached, so the service cannot " + what
                            + " now; nothing was changed. Try again shortly.",
                    RETRY_AFTER);
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
