package dev.logreg.metrics;

import dev.logreg.model.ModelStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The service's own meters, all in one place; Prometheus scrapes them at
 * {@code /actuator/prometheus} under the names in brackets.
 *
 * <ul>
 *   <li>{@code logreg.trainings} {@code {solver, outcome}} [{@code logreg_trainings_total}]:
 *       trainings by outcome, {@code converged}, {@code not_converged}, {@code separation} or
 *       {@code rejected} (a request that never became a fit has solver {@code unknown})</li>
 *   <li>{@code logreg.training.duration} {@code {solver}} [{@code logreg_training_duration_seconds}]:
 *       the time of each fit that ran</li>
 *   <li>{@code logreg.predictions} {@code {endpoint}} [{@code logreg_predictions_total}]: prediction
 *       requests answered, {@code single} (GET) or {@code batch} (POST)</li>
 *   <li>{@code logreg.predicted.rows} {@code {endpoint}} [{@code logreg_predicted_rows_total}]: rows
 *       predicted</li>
 *   <li>{@code logreg.requests.rejected} {@code {reason}} [{@code logreg_requests_rejected_total}]:
 *       error responses by problem type ({@code invalid-request}, {@code model-not-found}, ...)</li>
 *   <li>{@code logreg.models.stored} [{@code logreg_models_stored}]: models in the store now (with the
 *       PostgreSQL store: in the database, NaN while it cannot be reached)</li>
 * </ul>
 *
 * Every tag value comes from a fixed set (validated solver names, problem types), never from raw
 * client input, so the number of time series stays bounded.
 */
@Component
public class ServiceMetrics {

    /** How a training request ended. */
    public enum TrainingOutcome {
        CONVERGED,
        NOT_CONVERGED,
        SEPARATION,
        REJECTED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Which prediction endpoint answered: GET or POST predict, or the Open Inference Protocol's infer. */
    public enum PredictionEndpoint {
        SINGLE,
        BATCH,
        INFER;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The solver tag of a request rejected before its options were read. */
    static final String UNKNOWN_SOLVER = "unknown";

    private final MeterRegistry registry;

    public ServiceMetrics(MeterRegistry registry, ModelStore store) {
        this.registry = registry;
        Gauge.builder("logreg.models.stored", store, ModelStore::count)
                .description("Models in the store")
                .register(registry);
    }

    /** A fit ran to the end with {@code outcome} after {@code nanos}. */
    public void trainingFinished(String solver, TrainingOutcome outcome, long nanos) {
        trainings(solver, outcome).increment();
        Timer.builder("logreg.training.duration")
                .description("Time of each fit that ran")
                .tag("solver", solver)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A training request was refused; {@code solver} is null when its options were never read. */
    public void trainingRejected(String solver) {
        trainings(solver == null ? UNKNOWN_SOLVER : solver, TrainingOutcome.REJECTED)
                .increment();
    }

    /** A prediction request answered {@code rows} rows. */
    public void predicted(PredictionEndpoint endpoint, int rows) {
        Counter.builder("logreg.predictions")
                .description("Prediction requests answered")
                .tag("endpoint", endpoint.tag())
                .register(registry)
                .increment();
        Counter.builder("logreg.predicted.rows")
                .description("Rows predicted")
                .tag("endpoint", endpoint.tag())
                .register(registry)
                .increment(rows);
    }

    /**
     * A request was answered with an error; {@code reason} is the last part of its problem type
     * ({@code invalid-request} for {@code urn:logreg:problem:invalid-request}).
     */
    public void requestRejected(String reason) {
        Counter.builder("logreg.requests.rejected")
                .description("Error responses, by problem type")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    private Counter trainings(String solver, TrainingOutcome outcome) {
        return Counter.builder("logreg.trainings")
                .description("Training requests, by solver and outcome")
                .tag("solver", solver)
                .tag("outcome", outcome.tag())
                .register(registry);
    }
}
