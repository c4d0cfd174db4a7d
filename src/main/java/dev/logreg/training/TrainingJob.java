package dev.logreg.training;

import dev.logreg.problem.FieldError;
import dev.logreg.spark.SparkRows;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training on a Spark source, run in the background: its state as the job thread moves it on,
 * and the cancellation a client may ask for at any time. Thread-safe: the job's thread writes, the
 * HTTP threads read snapshots ({@link #status}) and cancel.
 */
final class TrainingJob {

    private static final Logger log = LoggerFactory.getLogger(TrainingJob.class);

    /** Where a job is; the last three are final. */
    enum State {
        QUEUED,
        RUNNING,
        SUCCEEDED,
        FAILED,
        CANCELLED
    }

    private final String id;
    private final SourceTrainingInput input;
    private final Instant createdAt;
    private State state = State.QUEUED;
    private String phase = "queued";
    private Instant startedAt;
    private Instant finishedAt;
    private int iteration;
    private Double loss;
    private Double gradientNorm;
    private SparkRows.SourceCounts counts;
    private String modelId;
    private JobError error;
    private boolean cancelRequested;
    private SparkRows rows;
    private Future<?> future;

    TrainingJob(String id, SourceTrainingInput input, Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.input = Objects.requireNonNull(input, "input");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    String id() {
        return id;
    }

    SourceTrainingInput input() {
        return input;
    }

    synchronized void submitted(Future<?> task) {
        this.future = task;
    }

    /** Moves a queued job to RUNNING; false when it was cancelled meanwhile. */
    synchronized boolean start(Instant now) {
        if (state != State.QUEUED) {
            return false;
        }
        state = State.RUNNING;
        phase = "connecting";
        startedAt = now;
        return true;
    }

    synchronized void phase(String name) {
        phase = name;
    }

    /** The rows are open: from now on a cancellation interrupts their Spark jobs. */
    synchronized void reading(SparkRows openRows) {
        this.rows = openRows;
        this.counts = openRows.counts();
    }

    synchronized void iterationDone(int iterationsDone, double currentLoss, double currentGradientNorm) {
        iteration = iterationsDone;
        loss = currentLoss;
        gradientNorm = currentGradientNorm;
    }

    /** Throws when a client asked to cancel: called between the Spark passes. */
    synchronized void checkCancelled() {
        if (cancelRequested) {
            throw new CancellationException("cancelled");
        }
    }

    synchronized boolean cancelRequested() {
        return cancelRequested;
    }

    synchronized void succeeded(String storedModelId, Instant now) {
        state = State.SUCCEEDED;
        phase = "done";
        modelId = storedModelId;
        finish(now);
    }

    synchronized void failed(JobError failure, Instant now) {
        state = State.FAILED;
        phase = "done";
        error = failure;
        finish(now);
    }

    synchronized void cancelled(Instant now) {
        state = State.CANCELLED;
        phase = "done";
        finish(now);
    }

    private void finish(Instant now) {
        finishedAt = now;
        rows = null;
    }

    synchronized boolean finished() {
        return state == State.SUCCEEDED || state == State.FAILED || state == State.CANCELLED;
    }

    /**
     * Asks the job to stop: a queued one is cancelled at once, a running one has its Spark jobs
     * interrupted and ends CANCELLED when its thread notices. A finished job is left as it is.
     */
    void cancel(Instant now) {
        SparkRows running;
        synchronized (this) {
            if (finished()) {
                return;
            }
            cancelRequested = true;
            if (state == State.QUEUED) {
                if (future != null) {
                    future.cancel(false);
                }
                cancelled(now);
                return;
            }
            running = rows;
        }
        if (running != null) {
            try {
                running.cancel();
            } catch (Exception unreachable) {
                // Spark's exceptions are checked yet thrown undeclared. A server that died or hangs cannot
                // be told; the job's own calls fail or reach their deadline instead.
                log.info("Interrupting the Spark jobs of job {} failed: {}", id, unreachable.getMessage());
            }
        }
    }

    synchronized Status status() {
        SparkRows.Source source = input.source();
        return new Status(
                id,
                state,
                phase,
                new SourceDescription(source.uri(), source.format()),
                createdAt,
                startedAt,
                finishedAt,
                iteration,
                loss,
                gradientNorm,
                counts == null ? null : counts.rowsRead(),
                counts == null ? null : counts.rowsWithNulls(),
                counts == null
                        ? List.of()
                        : counts.nullsPerColumn().stream()
                                .map(column -> new NullCount(column.column(), column.count()))
                                .toList(),
                modelId,
                error,
                new Links("/jobs/" + id, modelId == null ? null : "/models/" + modelId));
    }

    /**
     * Why a job failed, as a problem document would say it.
     *
     * @param errors the fields of the request at fault (a column the source lacks, say); empty otherwise
     */
    @Schema(name = "JobError", description = "Why a job failed, as an RFC 9457 problem")
    record JobError(
            @Schema(example = "urn:logreg:problem:invalid-request")
            String type,

            @Schema(example = "Invalid source") String title,

            @Schema(example = "no column 'clicked' in the source; its columns are age (double), price (double)")
            String detail,

            List<FieldError> errors) {

        JobError {
            errors = List.copyOf(errors);
        }
    }

    /** The source a job reads. */
    @Schema(name = "JobSource")
    record SourceDescription(
            @Schema(example = "file:///data/clicks.parquet") String uri,
            @Schema(example = "parquet") String format) {}

    /** Nulls in one column. */
    @Schema(name = "NullCount")
    record NullCount(
            @Schema(example = "age") String column,
            @Schema(example = "12") long rows) {}

    /** A job's resources. */
    @Schema(name = "JobLinks")
    record Links(
            @Schema(example = "/jobs/5b0c3c1e-7f0a-4f4e-9d44-2a0f3b1c9e10")
            String self,

            @Schema(
                    types = {"string", "null"},
                    example = "/models/3f2a0c1e-5b7d-4f7e-9c1a-2b8f6d0e4a11")
            String model) {}

    /**
     * What {@code GET /jobs/{id}} shows.
     *
     * @param phase what a running job does: connecting, reading, fitting, statistics, storing
     * @param iteration Newton iterations done
     * @param loss L(b) at the current coefficients, null before the first pass
     * @param gradientNorm {@code max|grad L(b)|} there
     * @param rowsRead rows of the source, once counted
     * @param rowsWithNulls rows left out for a null, once counted
     * @param modelId the stored model, once SUCCEEDED
     * @param error why the job FAILED
     */
    @Schema(name = "TrainingJob", description = "A training on a Spark source, run in the background")
    record Status(
            @Schema(example = "5b0c3c1e-7f0a-4f4e-9d44-2a0f3b1c9e10")
            String id,

            State state,
            @Schema(example = "fitting") String phase,
            SourceDescription source,
            Instant createdAt,

            @Schema(
                    types = {"string", "null"},
                    format = "date-time")
            Instant startedAt,

            @Schema(
                    types = {"string", "null"},
                    format = "date-time")
            Instant finishedAt,

            @Schema(example = "3") int iteration,

            @Schema(
                    types = {"number", "null"},
                    example = "0.3143")
            Double loss,

            @Schema(
                    types = {"number", "null"},
                    example = "1.2e-5")
            Double gradientNorm,

            @Schema(
                    types = {"integer", "null"},
                    example = "1000000")
            Long rowsRead,

            @Schema(
                    types = {"integer", "null"},
                    example = "12")
            Long rowsWithNulls,

            List<NullCount> nullsPerColumn,
            @Schema(types = {"string", "null"}) String modelId,
            @Schema(types = {"object", "null"}) JobError error,
            Links links) {}
}
