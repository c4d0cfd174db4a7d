package dev.logreg.training;

import dev.logreg.config.LogregProperties;
import dev.logreg.design.Design;
import dev.logreg.design.DesignTerm;
import dev.logreg.math.CovarianceType;
import dev.logreg.math.CrossValidationMeasure;
import dev.logreg.math.CrossValidationOptions;
import dev.logreg.math.DatasetDigest;
import dev.logreg.math.DegenerateDataException;
import dev.logreg.math.ElasticNet;
import dev.logreg.math.ElasticNetFit;
import dev.logreg.math.Fit;
import dev.logreg.math.FitMethod;
import dev.logreg.math.FitResult;
import dev.logreg.math.Interpretation;
import dev.logreg.math.LogisticRegression;
import dev.logreg.math.MarginalEffects;
import dev.logreg.math.Solver;
import dev.logreg.math.SolverOptions;
import dev.logreg.math.Solvers;
import dev.logreg.math.StopReason;
import dev.logreg.metrics.ServiceMetrics;
import dev.logreg.metrics.ServiceMetrics.TrainingOutcome;
import dev.logreg.model.ElasticNetSettings;
import dev.logreg.model.Model;
import dev.logreg.model.ModelStore;
import dev.logreg.model.TrainingOptions;
import dev.logreg.problem.InvalidRequestException;
import dev.logreg.problem.ServiceUnavailableException;
import dev.logreg.problem.StoreFullException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * Fits a request and stores the model, at most {@code logreg.training.max-concurrent} at once,
 * each solver stopped after {@code logreg.training.time-limit}; the model is returned only once
 * stored.
 */
@Service
class TrainingService {

    private final ModelStore store;
    private final ForkJoinPool fitPool;
    private final LogisticRegression regression;
    private final TrainingGate gate;
    private final BodyDeadline bodyDeadline;
    private final Duration timeLimit;
    private final Clock clock;
    private final ServiceMetrics metrics;
    private final SoftwareVersions software;
    private final int fitParallelism;
    private final SourceTrainingService sourceTrainings;

    TrainingService(
            ModelStore store,
            LogregProperties properties,
            ForkJoinPool fitPool,
            TrainingGate gate,
            BodyDeadline bodyDeadline,
            Clock clock,
            ServiceMetrics metrics,
            SoftwareVersions software,
            SourceTrainingService sourceTrainings) {
        this.store = store;
        this.sourceTrainings = sourceTrainings;
        this.fitParallelism = properties.effectiveFitParallelism();
        this.fitPool = fitPool;
        this.regression = new LogisticRegression(fitPool, fitParallelism);
        this.software = software;
        this.gate = gate;
        this.bodyDeadline = bodyDeadline;
        this.timeLimit = properties.training().timeLimit();
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Checks there is room for a model, waits for a turn, then reads the request and trains.
     *
     * @param body the request body, read only once the turn is taken (so that a request that waits
     *     or is turned away holds no data) and within {@link BodyDeadline}'s deadline
     * @param reader reads and validates the body
     * @throws StoreFullException when the store has no room (checked before the turn, and again
     *     when the model is stored)
     * @throws ServiceUnavailableException when no turn comes, or the fit ran out of time and the
     *     request asked to fail then
     */
    Model train(InputStream body, Function<InputStream, TrainingInput> reader) {
        return withTurn(body, reader, (input, start) -> train(input, start, System.nanoTime() - start));
    }

    /** What a JSON request came to: a stored model, or a queued job on a Spark source. */
    sealed interface Outcome {
        record Trained(Model model) implements Outcome {}

        record Queued(TrainingJob job) implements Outcome {}
    }

    /**
     * As {@link #train}, for a body that may instead name a source: read within the turn like any
     * body, a source request is handed to the background jobs (which hold no turn) and answered at once.
     */
    Outcome trainOrQueue(InputStream body, Function<InputStream, TrainingRequest> reader) {
        return withTurn(body, reader, (read, start) -> {
            if (read instanceof SourceTrainingInput source) {
                return new Outcome.Queued(sourceTrainings.submit(source));
            }
            return new Outcome.Trained(train((TrainingInput) read, start, System.nanoTime() - start));
        });
    }

    /**
     * Checks there is room for a model, takes a turn, reads the body within it (by its deadline:
     * a body that misses it gives the turn back at once), and runs {@code work} on what was read
     * with the time the turn began ({@link System#nanoTime}).
     */
    private <R, T> T withTurn(InputStream body, Function<InputStream, R> reader, BiFunction<R, Long, T> work) {
        try {
            store.requireRoom();
        } catch (StoreFullException full) {
            metrics.trainingRejected(null);
            throw full;
        }
        TrainingGate.Permit turn;
        try {
            turn = gate.enter();
        } catch (ServiceUnavailableException busy) {
            metrics.trainingRejected(null);
            throw busy;
        }
        try (turn) {
            long start = System.nanoTime();
            R read;
            try (BodyDeadline.Watch watch = bodyDeadline.watch(body, turn)) {
                read = reader.apply(watch.body());
                watch.finished();
            }
            return work.apply(read, start);
        }
    }

    /**
     * @param start when reading the body began ({@link System#nanoTime})
     * @param parseNanos how long reading it took
     */
    private Model train(TrainingInput input, long start, long parseNanos) {
        TrainingOptions options = input.options();
        if (options.elasticNet() != null) {
            return trainElasticNet(input, start, parseNanos);
        }
        Solver solver = Solvers.byName(options.solver())
                .orElseThrow(() -> new IllegalStateException("solver was validated: " + options.solver()));
        SolverOptions solverOptions = new SolverOptions(
                options.maxIterations(),
                options.tolerance(),
                timeLimit,
                options.learningRate(),
                options.batchSize(),
                options.epochs(),
                options.seed());
        long hashStart = System.nanoTime();
        String sha256 = DatasetDigest.sha256(input.dataset());
        long fitStart = System.nanoTime();
        Fit fit;
        try {
            fit = regression.fit(
                    input.dataset(),
                    options.l2(),
                    solver,
                    solverOptions,
                    FitMethod.byName(options.method()).orElseThrow(),
                    CovarianceType.byName(options.covariance()).orElseThrow());
        } catch (DegenerateDataException unfittable) {
            metrics.trainingRejected(options.solver());
            throw unfittable;
        }
        Interpretation interpretation = Interpretation.of(
                input.dataset(), fit, options.l2(), interpretationRequest(input), fitPool, fitParallelism);
        long durationNanos = System.nanoTime() - fitStart;
        double durationMillis = durationNanos / 1e6;
        ModelAssembler.Origin origin = origin(input, sha256, start, parseNanos, fitStart - hashStart, durationNanos);
        Model model = ModelAssembler.assemble(
                UUID.randomUUID().toString(),
                input.name(),
                clock.instant(),
                input.dataset(),
                input.design(),
                options,
                fit,
                interpretation,
                durationMillis,
                origin);
        String overflowed = FiniteModelCheck.firstNonFinite(model);
        if (overflowed != null) {
            metrics.trainingRejected(options.solver());
            throw new DegenerateDataException("The " + options.solver() + " solver overflowed: " + overflowed
                    + " is not a finite number, so there is no model to store. The features' scales are too"
                    + " large for it: standardise them, or use the newton solver.");
        }
        metrics.trainingFinished(options.solver(), outcome(fit.solverResult()), durationNanos);
        if (options.failOnTimeout() && fit.solverResult().stopReason() == StopReason.TIME_LIMIT) {
            throw new ServiceUnavailableException(
                    "The fit did not finish within the time limit of "
                            + timeLimit.toMillis() + " ms (logreg.training.time-limit) and the request asked to"
                            + " fail then (failOnTimeout); no model was stored.",
                    timeLimit);
        }
        store.put(model);
        return model;
    }

    /**
     * What to interpret: a formula model's terms (VIF per term; its factors' and logicals' dummies as
     * discrete changes), or a matrix model's columns each a term (0/1 columns discrete).
     */
    private static Interpretation.Request interpretationRequest(TrainingInput input) {
        TrainingOptions options = input.options();
        Interpretation.IntervalType intervals = "profile".equals(options.intervals())
                ? Interpretation.IntervalType.PROFILE
                : Interpretation.IntervalType.WALD;
        MarginalEffects.At at = marginalEffects(options.marginalEffects());
        Design design = input.design();
        if (design == null) {
            return Interpretation.Request.forColumns(input.dataset(), intervals, options.level(), at);
        }
        List<String> labels = new ArrayList<>();
        for (DesignTerm term : design.terms()) {
            labels.add(term.label());
        }
        return new Interpretation.Request(
                intervals,
                options.level(),
                at,
                labels,
                design.termColumnIndices(),
                new ArrayList<>(design.dummyColumnIndices().values()));
    }

    private static MarginalEffects.At marginalEffects(String at) {
        if (at == null) {
            return null;
        }
        return at.equals("mean") ? MarginalEffects.At.MEAN : MarginalEffects.At.AVERAGE;
    }

    /**
     * glmnet's elastic net: the path, its cross-validation (folds on the fit pool) and the model at
     * the selected lambda. The path stops at {@code logreg.training.time-limit} (at the last lambda
     * finished, not converged, not cross-validated), or fails with a 503 then under failOnTimeout.
     */
    private Model trainElasticNet(TrainingInput input, long start, long parseNanos) {
        TrainingOptions options = input.options();
        ElasticNetSettings settings = options.elasticNet();
        long hashStart = System.nanoTime();
        String sha256 = DatasetDigest.sha256(input.dataset());
        long fitStart = System.nanoTime();
        ElasticNetFit fit;
        try {
            fit = ElasticNet.train(
                    input.dataset(),
                    ElasticNetRequest.options(settings, input.dataset()),
                    crossValidation(settings.crossValidation()),
                    fitPool,
                    timeLimit);
        } catch (DegenerateDataException unfittable) {
            metrics.trainingRejected(ModelAssembler.ELASTIC_NET_SOLVER);
            throw unfittable;
        } catch (IllegalArgumentException badFolds) {
            metrics.trainingRejected(ModelAssembler.ELASTIC_NET_SOLVER);
            throw new InvalidRequestException(
                    "options." + ElasticNetRequest.FIELD + ".crossValidation", badFolds.getMessage());
        }
        long durationNanos = System.nanoTime() - fitStart;
        ModelAssembler.Origin origin = origin(input, sha256, start, parseNanos, fitStart - hashStart, durationNanos);
        Model model = ModelAssembler.assembleElasticNet(
                UUID.randomUUID().toString(),
                input.name(),
                clock.instant(),
                input.dataset(),
                input.design(),
                options,
                fit,
                durationNanos / 1e6,
                origin);
        String overflowed = FiniteModelCheck.firstNonFinite(model);
        if (overflowed != null) {
            metrics.trainingRejected(ModelAssembler.ELASTIC_NET_SOLVER);
            throw new DegenerateDataException("The elastic net overflowed: " + overflowed
                    + " is not a finite number, so there is no model to store.");
        }
        metrics.trainingFinished(
                ModelAssembler.ELASTIC_NET_SOLVER,
                fit.path().converged() ? TrainingOutcome.CONVERGED : TrainingOutcome.NOT_CONVERGED,
                durationNanos);
        if (options.failOnTimeout() && fit.timedOut()) {
            throw new ServiceUnavailableException(
                    "The elastic-net path did not finish within the time limit of " + timeLimit.toMillis()
                            + " ms (logreg.training.time-limit) and the request asked to fail then"
                            + " (failOnTimeout); no model was stored.",
                    timeLimit);
        }
        store.put(model);
        return model;
    }

    private static CrossValidationOptions crossValidation(ElasticNetSettings.CrossValidationSettings settings) {
        if (settings == null) {
            return null;
        }
        return new CrossValidationOptions(
                settings.folds(),
                settings.foldIds(),
                settings.seed(),
                CrossValidationMeasure.byName(settings.measure()).orElseThrow(),
                "lambda1se".equals(settings.select()));
    }

    /** Where a model fitted in this service came from: the data's hash, the software, the timings. */
    private ModelAssembler.Origin origin(
            TrainingInput input, String sha256, long start, long parseNanos, long hashNanos, long fitNanos) {
        return new ModelAssembler.Origin(
                sha256,
                input.source(),
                software.service(),
                software.java(),
                software.ejml(),
                fitParallelism,
                start,
                parseNanos,
                hashNanos,
                fitNanos);
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
