package dev.logreg.training;

import dev.logreg.math.DegenerateDataException;
import dev.logreg.math.Fit;
import dev.logreg.math.FitResult;
import dev.logreg.math.LogisticRegression;
import dev.logreg.math.Solver;
import dev.logreg.math.SolverOptions;
import dev.logreg.math.Solvers;
import dev.logreg.math.StopReason;
import dev.logreg.metrics.ServiceMetrics;
import dev.logreg.metrics.ServiceMetrics.TrainingOutcome;
import dev.logreg.model.Model;
import dev.logreg.model.ModelStore;
import dev.logreg.model.TrainingOptions;
import dev.logreg.web.LogregProperties;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ForkJoinPool;
import org.springframework.stereotype.Service;

/** Fits a validated request and stores the model; the model is returned only once stored. */
@Service
class TrainingService {

    private final ModelStore store;
    private final LogisticRegression regression;
    private final Clock clock;
    private final ServiceMetrics metrics;

    TrainingService(ModelStore store, LogregProperties properties, ForkJoinPool fitPool, Clock clock,
            ServiceMetrics metrics) {
        this.store = store;
        this.regression = new LogisticRegression(fitPool, properties.effectiveFitParallelism());
        this.clock = clock;
        this.metrics = metrics;
    }

    Model train(TrainingInput input) {
        TrainingOptions options = input.options();
        Solver solver = Solvers.byName(options.solver())
                .orElseThrow(() -> new IllegalStateException("solver was validated: " + options.solver()));
        SolverOptions solverOptions = new SolverOptions(options.maxIterations(), options.tolerance(),
                null, options.learningRate(), options.batchSize(), options.epochs(), options.seed());
        long start = System.nanoTime();
        Fit fit;
        try {
            fit = regression.fit(input.dataset(), options.l2(), solver, solverOptions);
        } catch (DegenerateDataException unfittable) {
            metrics.trainingRejected(options.solver());
            throw unfittable;
        }
        long durationNanos = System.nanoTime() - start;
        metrics.trainingFinished(options.solver(), outcome(fit.solverResult()), durationNanos);
        double durationMillis = durationNanos / 1e6;
        Model model = ModelAssembler.assemble(UUID.randomUUID().toString(), input.name(),
                clock.instant(), input.dataset(), options, fit, durationMillis);
        store.put(model);
        return model;
    }

    private static TrainingOutcome outcome(FitResult result) {
        if (result.converged()) {
            return TrainingOutcome.CONVERGED;
        }
        return result.stopReason() == StopReason.SEPARATION ? TrainingOutcome.SEPARATION
                : TrainingOutcome.NOT_CONVERGED;
    }
}
