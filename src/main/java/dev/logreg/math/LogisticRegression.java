package dev.logreg.math;

import dev.logreg.math.kernel.GramKernel;
import dev.logreg.math.kernel.ScoreSums;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.ejml.data.DMatrixRMaj;

/**
 * Fits a logistic regression end to end: drops aliased columns (as R does), minimises the loss
 * with the chosen solver from {@code b = 0} (or Firth's penalised loss, {@link FirthNewton}),
 * detects separation, and computes the statistics (with the chosen covariance) and the training
 * metrics.
 */
public final class LogisticRegression {

    /** Metrics are reported at this threshold, as R users and the API expect. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    private final ForkJoinPool pool;
    private final int parallelism;
    private final GramKernel kernel;

    /**
     * @param pool where row sums run in parallel
     * @param parallelism the most workers one fit uses
     */
    public LogisticRegression(ForkJoinPool pool, int parallelism) {
        this(pool, parallelism, FitKernel.get());
    }

    /** Fits whose {@code X^T W X} sums {@code kernel} computes (tests compare the kernels). */
    LogisticRegression(ForkJoinPool pool, int parallelism, GramKernel kernel) {
        this.pool = pool;
        this.parallelism = parallelism;
        this.kernel = kernel;
    }

    /**
     * Fits {@code data} by maximum likelihood with ridge penalty {@code l2}, statistics from the
     * model covariance. Nothing passed in is modified.
     *
     * @throws DegenerateDataException when every column is aliased (all features are zero), or
     *     (without a penalty) a feature's scale is beyond what double precision can fit
     */
    public Fit fit(Dataset data, double l2, Solver solver, SolverOptions options) {
        return fit(data, l2, solver, options, FitMethod.ML, CovarianceType.MODEL);
    }

    /**
     * Fits {@code data} with ridge penalty {@code l2} by {@code method}, the statistics from
     * {@code covariance}. Firth's fit runs its own Newton iterations: it takes the Newton solver
     * (whose options it follows) and no penalty. Separation is checked for maximum likelihood only
     * (Firth's estimates are finite). Nothing passed in is modified.
     *
     * @throws DegenerateDataException when every column is aliased (all features are zero), or
     *     (without a penalty) a feature's scale is beyond what double precision can fit
     * @throws IllegalArgumentException for Firth's fit with another solver or {@code l2 > 0}
     */
    public Fit fit(
            Dataset data,
            double l2,
            Solver solver,
            SolverOptions options,
            FitMethod method,
            CovarianceType covariance) {
        if (method == FitMethod.FIRTH && (l2 != 0 || !NewtonSolver.NAME.equals(solver.name()))) {
            throw new IllegalArgumentException("Firth's fit takes the newton solver and no l2 penalty");
        }
        long start = System.nanoTime();
        List<FitWarning> warnings = new ArrayList<>();
        int p = data.numColumns();
        // Without a penalty the rank check's Hessian at b = 0 is also Newton's first one: when no
        // column is dropped the same loss serves both and computes it once.
        LogisticLoss unpenalised = l2 == 0
                ? new LogisticLoss(new LocalRowSums(data, parallelism, pool, kernel), 0, data.hasIntercept())
                : null;
        Columns columns =
                Columns.of(unpenalised, p, gram -> FeatureScaleCheck.check(data, gram), data::columnName, warnings);
        int[] kept = columns.kept();
        Dataset fitted = kept.length < p ? data.selectColumns(kept) : data;
        LogisticLoss loss = fitted == data && unpenalised != null
                ? unpenalised
                : new LogisticLoss(new LocalRowSums(fitted, parallelism, pool, kernel), l2, fitted.hasIntercept());
        LeverageSums leverage = method == FitMethod.FIRTH || covariance != CovarianceType.MODEL
                ? new LeverageSums(fitted, parallelism, pool, kernel)
                : null;
        double[] origin = new double[fitted.numColumns()];
        FitResult result = method == FitMethod.FIRTH
                ? new FirthNewton(loss, leverage, fitted.totalWeight()).minimize(origin, options)
                : solver.minimize(loss, origin, options);
        long fitNanos = System.nanoTime() - start;
        double[] b = result.coefficients();
        // Firth's estimates are finite; with l2 > 0 only the unpenalised intercept can run off: one class only.
        // The step reuses the Hessian Newton's last evaluation left at b, as the covariance below does: after
        // the solver the rows are read once more, by one O(N p) pass for the checks, metrics and diagnostics.
        double[] step =
                method == FitMethod.ML && separationCheckApplies(result) ? SeparationCheck.newtonStep(loss, b) : null;
        SolutionPass solution = SolutionPass.of(fitted, b, step, DEFAULT_THRESHOLD, pool, parallelism);
        if (step != null) {
            ScoreSums scores = solution.scores();
            List<Integer> diverging = SeparationCheck.divergingColumns(
                    scores.maxShift(), scores.worstAgainstLabel(), scores.columnReach());
            if (!diverging.isEmpty()) {
                result = result.notConverged(
                        StopReason.SEPARATION, l2 == 0 ? separationWarning(fitted, diverging) : oneClassWarning());
            }
        }
        result = withFinalWarnings(result, l2, options, warnings);
        Inference inference = Inference.of(fitted, loss, b, method, covariance, leverage);
        return new Fit(
                columns.scatter(b),
                columns.aliased(),
                kept,
                result,
                inference,
                solution.metrics(fitted.totalWeight()),
                warnings,
                fitNanos,
                solution.diagnostics());
    }

    /**
     * Fits rows that live in a cluster's partitions by the same steps as {@link #fit(Dataset,
     * double, Solver, SolverOptions)}, each pass over the rows a sum the partitions compute apart:
     * the rank check at {@code b = 0}, the solver's evaluations, one pass at the solution for
     * the metrics, the reliability bins and the separation check, and the rows ranked by score for
     * the ROC AUC and curve ({@link PartitionedRows#roc}). Nothing passed in is modified.
     *
     * @throws DegenerateDataException when every column is aliased (all features are zero)
     */
    public Fit fit(PartitionedRows rows, double l2, Solver solver, SolverOptions options) {
        long start = System.nanoTime();
        List<FitWarning> warnings = new ArrayList<>();
        int p = rows.numColumns();
        int[] allColumns = new int[p];
        for (int j = 0; j < p; j++) {
            allColumns[j] = j;
        }
        LogisticLoss unpenalised = l2 == 0 ? new LogisticLoss(rows.rowSums(allColumns), 0, rows.hasIntercept()) : null;
        Columns columns =
                Columns.of(unpenalised, p, gram -> FeatureScaleCheck.check(rows, gram), rows::columnName, warnings);
        int[] kept = columns.kept();
        boolean keepsIntercept = rows.hasIntercept() && kept[0] == 0;
        LogisticLoss loss = kept.length == p && unpenalised != null
                ? unpenalised
                : new LogisticLoss(rows.rowSums(kept), l2, keepsIntercept);
        FitResult result = solver.minimize(loss, new double[kept.length], options);
        long fitNanos = System.nanoTime() - start;
        double[] b = result.coefficients();
        double[] step = separationCheckApplies(result) ? SeparationCheck.newtonStep(loss, b) : null;
        ScoreSums scores = rows.scoreSums(kept, b, step, TrainingDiagnostics.CALIBRATION_BINS, DEFAULT_THRESHOLD);
        if (step != null) {
            List<Integer> diverging = SeparationCheck.divergingColumns(
                    scores.maxShift(), scores.worstAgainstLabel(), scores.columnReach());
            if (!diverging.isEmpty()) {
                List<String> names = new ArrayList<>();
                for (int column : diverging) {
                    names.add(rows.columnName(kept[column]));
                }
                result = result.notConverged(
                        StopReason.SEPARATION, l2 == 0 ? separationWarning(names, false) : oneClassWarning());
            }
        }
        result = withFinalWarnings(result, l2, options, warnings);
        LabelTotals totals = rows.labelTotals();
        Inference inference = Inference.of(totals, keepsIntercept, loss, b);
        RocMerge.Result roc = rows.roc(kept, b, TrainingDiagnostics.MAX_ROC_POINTS);
        return new Fit(
                columns.scatter(b),
                columns.aliased(),
                kept,
                result,
                inference,
                ClassificationMetrics.fromSums(scores, totals.totalWeight(), roc.auc()),
                warnings,
                fitNanos,
                new TrainingDiagnostics(
                        roc.curve(), CalibrationBins.fromSums(scores), (int) scores.samplesWithWeight()));
    }

    /**
     * Marks a fit that stopped short (but not for separation, which has its own warning) as not
     * converged, and adds the solver's warnings and the penalty's to {@code warnings}.
     */
    private static FitResult withFinalWarnings(
            FitResult result, double l2, SolverOptions options, List<FitWarning> warnings) {
        FitResult finalResult = result;
        if (!result.converged() && result.stopReason() != StopReason.SEPARATION) {
            finalResult = result.notConverged(result.stopReason(), notConvergedWarning(result, options));
        }
        warnings.addAll(finalResult.warnings());
        if (l2 > 0) {
            warnings.add(new FitWarning(
                    FitWarning.PENALIZED_INFERENCE,
                    "With l2 > 0 the estimates are"
                            + " shrunk towards 0: standard errors, p-values and intervals describe the"
                            + " penalised fit, not maximum likelihood."));
        }
        return finalResult;
    }

    /**
     * What stopped the solver short and what to change. SGD counts epochs and reads {@code epochs}, not
     * {@code maxIterations}; its noisy steps may not reach a tight tolerance at all, so it is also pointed at the
     * solvers that do.
     */
    private static FitWarning notConvergedWarning(FitResult result, SolverOptions options) {
        boolean sgd = SgdSolver.NAME.equals(result.solver());
        String advice;
        if (sgd) {
            advice = (result.stopReason() == StopReason.MAX_ITERATIONS
                            ? " raise epochs (SGD does not read maxIterations),"
                            : "")
                    + " loosen the tolerance to what SGD's noisy steps reach, or use newton or lbfgs for the optimum"
                    + " to this tolerance.";
        } else {
            advice = " raise maxIterations, loosen the tolerance, or standardise the features.";
        }
        return new FitWarning(
                FitWarning.NOT_CONVERGED,
                String.format(
                        "The %s solver stopped (%s) after %d %s with max|gradient| = %.3g, above the tolerance %.3g."
                                + " The coefficients are not the optimum:%s",
                        result.solver(),
                        sgd && result.stopReason() == StopReason.MAX_ITERATIONS
                                ? "epoch limit reached"
                                : describe(result.stopReason()),
                        result.iterations(),
                        sgd ? "epochs" : "iterations",
                        result.gradientNorm(),
                        options.tolerance(),
                        advice));
    }

    private static FitWarning aliasedWarning(String names) {
        return new FitWarning(
                FitWarning.COLLINEAR,
                "Aliased columns: " + names
                        + ". Each is a linear combination of earlier columns (or constant) and was left out,"
                        + " as R does: their coefficients are 0 and their statistics null. Remove them"
                        + " or fix how they are built.");
    }

    /** {@code X^T diag(w) X / (4 sum w)}, the unpenalised Hessian at {@code b = 0}, whose rank is X's. */
    private static DMatrixRMaj gram(LogisticLoss atZero) {
        int p = atZero.dimension();
        DMatrixRMaj hessian = new DMatrixRMaj(p, p);
        atZero.evaluate(new double[p], null, hessian);
        return hessian;
    }

    /**
     * Whether to look for separation: never after the time limit; otherwise when the solver converged, and for
     * Newton's solver whatever its stop: a separated fit never converges, and Newton goes far enough along the
     * diverging direction for {@link SeparationCheck} to see it, where a slower solver that stopped short may
     * just be far from a finite minimum.
     */
    private static boolean separationCheckApplies(FitResult result) {
        return result.stopReason() != StopReason.TIME_LIMIT
                && (result.converged() || NewtonSolver.NAME.equals(result.solver()));
    }

    private static FitWarning separationWarning(Dataset data, List<Integer> columns) {
        List<String> names = new ArrayList<>();
        for (int column : columns) {
            names.add(data.columnName(column));
        }
        return separationWarning(names, true);
    }

    private static FitWarning oneClassWarning() {
        return new FitWarning(
                FitWarning.SEPARATION,
                "Only one class occurs: the intercept,"
                        + " which l2 does not penalise, runs off to infinity. It is where the solver"
                        + " stopped and its standard error is meaningless. Train on data with both"
                        + " classes.");
    }

    /** @param firthAvailable whether the rows are in memory, where Firth's fit can run */
    private static FitWarning separationWarning(List<String> names, boolean firthAvailable) {
        String firth = firthAvailable
                ? "Use Firth's bias-reduced fit (\"method\": \"firth\"), whose estimates stay finite, add"
                : "Add";
        return new FitWarning(
                FitWarning.SEPARATION,
                "The classes are completely or quasi-completely"
                        + " separated (or only one class occurs): the maximum-likelihood estimates do not"
                        + " exist and run off to infinity along " + String.join(", ", names) + ". The"
                        + " coefficients are where the solver stopped and their standard errors are"
                        + " meaningless. " + firth + " an l2 penalty, or remove or merge the separating features.");
    }

    private static String describe(StopReason reason) {
        return switch (reason) {
            case MAX_ITERATIONS -> "iteration limit reached";
            case NO_FURTHER_DECREASE -> "no step decreased the loss";
            case TIME_LIMIT -> "time limit reached";
            default -> reason.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /**
     * The columns a fit keeps.
     *
     * @param aliased per column, whether it is a linear combination of earlier ones (or constant) and left out
     * @param kept the indices of the other columns, ascending; not empty
     */
    private record Columns(boolean[] aliased, int[] kept) {

        /**
         * The rank check: without a penalty ({@code unpenalised} not null) checks the features' scales on the
         * Gram matrix at {@code b = 0}, finds the aliased columns as R does and adds a warning naming them to
         * {@code warnings}; with a penalty every one of the {@code p} columns is kept.
         *
         * @throws DegenerateDataException when every column is aliased
         */
        static Columns of(
                LogisticLoss unpenalised,
                int p,
                Consumer<DMatrixRMaj> scaleCheck,
                IntFunction<String> columnName,
                List<FitWarning> warnings) {
            boolean[] aliased = new boolean[p];
            if (unpenalised != null) {
                DMatrixRMaj gram = gram(unpenalised);
                scaleCheck.accept(gram);
                aliased = RankCheck.aliasedColumns(gram);
            }
            List<String> names = new ArrayList<>();
            int[] kept = new int[p];
            int count = 0;
            for (int j = 0; j < p; j++) {
                if (aliased[j]) {
                    names.add(columnName.apply(j));
                } else {
                    kept[count++] = j;
                }
            }
            if (count == 0) {
                throw new DegenerateDataException(
                        "every feature is zero on the rows with positive weight: nothing to fit");
            }
            if (!names.isEmpty()) {
                warnings.add(aliasedWarning(String.join(", ", names)));
            }
            return new Columns(aliased, Arrays.copyOf(kept, count));
        }

        /** The coefficients of all columns: {@code b[k]} at {@code kept[k]}, 0 for the aliased ones. */
        double[] scatter(double[] b) {
            double[] coefficients = new double[aliased.length];
            for (int k = 0; k < kept.length; k++) {
                coefficients[kept[k]] = b[k];
            }
            return coefficients;
        }
    }
}
