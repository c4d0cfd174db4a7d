package dev.logreg.math;

import dev.logreg.math.kernel.LogisticFunctions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * glmnet's binomial elastic net ({@code lognet}, Friedman, Hastie and Tibshirani 2010): for each
 * lambda of a decreasing path, the minimiser of
 *
 * <pre>
 *   sum_i w_i (softplus(eta_i) - y_i eta_i) / sum_i w_i
 *       + lambda sum_j vp_j ((1 - alpha) / 2 b_j^2 + alpha |b_j|),   eta_i = b_0 + x_i^T b
 * </pre>
 *
 * on the standardised features ({@link ElasticNetDesign}), reported on their original scale. The
 * outer iteration is IRLS, a Newton iteration on the loss whose direction is the minimiser of the
 * penalised quadratic model ({@link CoordinateDescent}), taken in full as glmnet does. Each lambda
 * starts from the previous one's fit (warm start); the sequential strong rule screens the features
 * ({@code |x_j . r| > alpha (2 lambda - lambda_prev) vp_j} at the previous fit), and a fit is
 * accepted only when the features screened out satisfy the KKT condition {@code |x_j . r| <= lambda
 * alpha vp_j}, else they join and the fit goes on.
 *
 * <p>As glmnet: the penalty factors are rescaled to sum to d; features constant over the rows
 * stay at 0; fitted probabilities beyond {@code [1e-9, 1 - 1e-9]} (|eta| > 20.7) count as 0 or 1
 * with IRLS weight 0, and the path stops when the weights' sum falls to about 1e-9 (a saturated
 * fit); the generated path's first point is fitted at an infinite lambda (only the unpenalised
 * terms move) and labelled {@code lambda_max = max_j |x_j . r| / vp_j / max(alpha, 1e-3)} (r the
 * residuals of that fit), the path runs log-spaced from there to {@code lambdaMinRatio lambda_max}
 * and from its fifth lambda on stops after a lambda whose deviance ratio exceeds 0.999 or rose by
 * less than 1e-5. Given lambdas are all fitted. Where it differs: for alpha = 0 the first point's
 * penalised coefficients are exactly 0 (glmnet fits lambda = 9.9e35 and reports coefficients of
 * about 1e-36); the default threshold is {@link ElasticNetOptions#DEFAULT_THRESHOLD}, not 1e-7.
 */
public final class ElasticNet {

    /** glmnet's {@code pmin}: the least probability a fit may reach. */
    static final double PROBABILITY_MIN = 1e-9;

    private static final double LINK_MAX = Math.log(1 / PROBABILITY_MIN - 1);
    private static final double WEIGHT_SUM_MIN = (1 + PROBABILITY_MIN) * PROBABILITY_MIN * (1 - PROBABILITY_MIN);
    /** glmnet's {@code mnlam}, {@code fdev}, {@code devmax} and {@code eps}. */
    private static final int MIN_PATH_LENGTH = 5;

    private static final double MIN_DEVIANCE_GAIN = 1e-5;
    private static final double MAX_DEVIANCE_RATIO = 0.999;
    private static final double MIN_LAMBDA_RATIO = 1e-6;
    /** {@code fitAt}'s answer when the path's time limit has passed. */
    private static final long OUT_OF_TIME = -2;

    private ElasticNet() {}

    /**
     * The path of {@code options} on {@code data}.
     *
     * @throws DegenerateDataException when one class has (almost) all the weight
     * @throws IllegalArgumentException when the penalty factors do not match the features
     */
    public static ElasticNetPath fit(Dataset data, ElasticNetOptions options) {
        return pathFit(data, options, Long.MAX_VALUE).run(lambdaMinRatio(data, options));
    }

    private static PathFit pathFit(Dataset data, ElasticNetOptions options, long timeLimitNanos) {
        return new PathFit(ElasticNetDesign.of(data, null, options.standardize()), options, timeLimitNanos);
    }

    private static double lambdaMinRatio(Dataset data, ElasticNetOptions options) {
        double ratio = options.lambdaMinRatio();
        if (Double.isNaN(ratio)) {
            ratio = data.numSamples() < data.numFeatures() ? 1e-2 : 1e-4;
        }
        return ratio;
    }

    /**
     * The path of {@code options} on {@code data}, cross-validated when {@code crossValidation} is
     * not null (folds in parallel on {@code pool}), and the model at the selected lambda with its
     * training metrics.
     *
     * @throws DegenerateDataException when one class has (almost) all the weight, in all rows or
     *     outside a fold
     * @throws IllegalArgumentException when the folds cannot cross-validate (see {@link
     *     ElasticNetCrossValidation#run})
     */
    public static ElasticNetFit train(
            Dataset data, ElasticNetOptions options, CrossValidationOptions crossValidation, ForkJoinPool pool) {
        return train(data, options, crossValidation, pool, null);
    }

    /**
     * As {@link #train(Dataset, ElasticNetOptions, CrossValidationOptions, ForkJoinPool)}, with the
     * path stopped once it has run for {@code timeLimit} (null for none): it ends at the last lambda
     * finished before, not converged, with a {@link FitWarning#NOT_CONVERGED} warning, and {@link
     * ElasticNetFit#timedOut()}; no cross-validation follows a path stopped so.
     */
    public static ElasticNetFit train(
            Dataset data,
            ElasticNetOptions options,
            CrossValidationOptions crossValidation,
            ForkJoinPool pool,
            Duration timeLimit) {
        long start = System.nanoTime();
        long limitNanos = timeLimit == null ? Long.MAX_VALUE : timeLimit.toNanos();
        PathFit pathFit = pathFit(data, options, limitNanos);
        ElasticNetPath path = pathFit.run(lambdaMinRatio(data, options));
        boolean timedOut = pathFit.timedOut;
        CrossValidation validation = null;
        double selected = path.lambdas()[path.size() - 1];
        if (crossValidation != null && !timedOut) {
            int[] foldIds = crossValidation.foldIds() != null
                    ? crossValidation.foldIds()
                    : ElasticNetCrossValidation.randomFolds(
                            data.numSamples(), crossValidation.folds(), crossValidation.seed());
            validation = ElasticNetCrossValidation.run(data, options, path, foldIds, crossValidation.measure(), pool);
            selected = crossValidation.oneStandardError() ? validation.lambda1se() : validation.lambdaMin();
        }
        long fitNanos = System.nanoTime() - start;
        double[] atSelected = path.coefficientsAt(selected);
        double[] coefficients = data.hasIntercept() ? atSelected : Arrays.copyOfRange(atSelected, 1, atSelected.length);
        List<FitWarning> warnings = new ArrayList<>(path.warnings());
        Inference inference = null;
        if (options.alpha() == 0) {
            if (plainRidge(options)) {
                LogisticLoss loss = new LogisticLoss(
                        new LocalRowSums(data, pool.getParallelism(), pool), selected, data.hasIntercept());
                inference = Inference.of(data, loss, coefficients, FitMethod.ML, CovarianceType.MODEL, null);
            } else {
                warnings.add(new FitWarning(
                        FitWarning.PENALIZED_INFERENCE,
                        "No statistics: this ridge penalty differs per feature (standardize, or unequal penalty"
                                + " factors), and the service's penalised statistics take one l2 for all. Set"
                                + " standardize to false and leave out penaltyFactors for them."));
            }
        }
        SolutionPass solution = SolutionPass.of(
                data, coefficients, null, LogisticRegression.DEFAULT_THRESHOLD, pool, pool.getParallelism());
        return new ElasticNetFit(
                path,
                validation,
                selected,
                coefficients,
                solution.metrics(data.totalWeight()),
                solution.diagnostics(),
                inference,
                warnings,
                fitNanos,
                timedOut);
    }

    /** Whether the penalty is {@code lambda / 2 ||b||^2} on the original scale, as {@code l2 = lambda}. */
    private static boolean plainRidge(ElasticNetOptions options) {
        if (options.standardize()) {
            return false;
        }
        double[] factors = options.penaltyFactors();
        if (factors == null) {
            return true;
        }
        for (double factor : factors) {
            if (factor != factors[0]) {
                return false;
            }
        }
        return true;
    }

    /** The path on a prepared design; {@code lambdaMinRatio} for a generated path. */
    static ElasticNetPath fit(ElasticNetDesign design, ElasticNetOptions options, double lambdaMinRatio) {
        return new PathFit(design, options, Long.MAX_VALUE).run(lambdaMinRatio);
    }

    /** One path's state: work arrays allocated once, reused at every lambda. */
    private static final class PathFit {

        private final ElasticNetDesign design;
        private final ElasticNetOptions options;
        private final CoordinateDescent descent;
        private final int n;
        private final int d;
        private final double alpha;
        private final double[] penaltyFactors;
        private final double[] coefficients;
        private final double[] previous;
        private final double[] link;
        private final double[] probabilities;
        private final double[] v;
        private final double[] residuals;
        private final double[] xv;
        private final double[] screenStatistics;
        private final boolean[] strong;
        private final long startNanos;
        private final long timeLimitNanos;
        private double vSum;
        boolean timedOut;

        PathFit(ElasticNetDesign design, ElasticNetOptions options, long timeLimitNanos) {
            this.startNanos = System.nanoTime();
            this.timeLimitNanos = timeLimitNanos;
            this.design = design;
            this.options = options;
            this.descent = new CoordinateDescent(design);
            this.n = design.numRows;
            this.d = design.numFeatures;
            this.alpha = options.alpha();
            this.penaltyFactors = rescaledPenaltyFactors(options.penaltyFactors(), d);
            this.coefficients = new double[d + 1];
            this.previous = new double[d + 1];
            this.link = new double[n];
            this.probabilities = new double[n];
            this.v = new double[n];
            this.residuals = new double[n];
            this.xv = new double[d];
            this.screenStatistics = new double[d];
            this.strong = new boolean[d];
        }

        ElasticNetPath run(double lambdaMinRatio) {
            double[] w = design.weights;
            double[] y = design.labels;
            double meanLabel = 0;
            for (int i = 0; i < n; i++) {
                meanLabel += w[i] * y[i];
            }
            if (meanLabel <= PROBABILITY_MIN || meanLabel >= 1 - PROBABILITY_MIN) {
                throw new DegenerateDataException(
                        "Only one class occurs in the rows of positive weight:" + " the elastic net needs both.");
            }
            double nullMean = design.fitIntercept ? meanLabel : 0.5;
            double nullLink = design.fitIntercept ? Math.log(nullMean / (1 - nullMean)) : 0;
            coefficients[0] = nullLink;
            Arrays.fill(link, nullLink);
            Arrays.fill(probabilities, nullMean);
            for (int i = 0; i < n; i++) {
                v[i] = w[i] * nullMean * (1 - nullMean);
                residuals[i] = w[i] * (y[i] - nullMean);
            }
            vSum = nullMean * (1 - nullMean);
            // Half the null deviance over sum w: the null cross-entropy less the labels' own entropy.
            double nullCrossEntropy = -(nullLink * meanLabel + Math.log(1 - nullMean));
            double halfNullDeviance = nullCrossEntropy;
            for (int i = 0; i < n; i++) {
                halfNullDeviance -= w[i] * LogisticFunctions.entropy(y[i]);
            }
            double threshold = options.threshold() * halfNullDeviance;
            for (int j = 0; j < d; j++) {
                if (design.varies[j]) {
                    screenStatistics[j] = Math.abs(columnDot(j, residuals));
                }
            }

            double[] given = options.lambdas();
            boolean generated = given == null;
            int capacity;
            double step = 1;
            if (generated) {
                capacity = options.numLambdas();
                step = Math.pow(Math.max(MIN_LAMBDA_RATIO, lambdaMinRatio), 1.0 / (capacity - 1));
            } else {
                given = given.clone();
                Arrays.sort(given);
                reverse(given);
                capacity = given.length;
            }
            List<double[]> pathCoefficients = new ArrayList<>();
            double[] lambdas = new double[capacity];
            double[] intercepts = new double[capacity];
            int[] df = new int[capacity];
            double[] ratios = new double[capacity];
            double[] losses = new double[capacity];
            double[] optimality = new double[capacity];
            List<FitWarning> warnings = new ArrayList<>();
            long passes = 0;
            boolean converged = true;
            double lambda = 0;
            int size = 0;
            for (int l = 0; l < capacity; l++) {
                double previousLambda = lambda;
                if (!generated) {
                    lambda = given[l];
                } else if (l == 0) {
                    lambda = Double.POSITIVE_INFINITY;
                } else if (l == 1) {
                    previousLambda = lambdaMax();
                    lambda = step * previousLambda;
                } else {
                    lambda *= step;
                }
                double screen = alpha * (2 * lambda - previousLambda);
                for (int j = 0; j < d; j++) {
                    // An infinite lambda screens in only the unpenalised features (0 * inf is NaN).
                    if (!strong[j]
                            && design.varies[j]
                            && screenStatistics[j] > (penaltyFactors[j] == 0 ? 0 : screen * penaltyFactors[j])) {
                        strong[j] = true;
                    }
                }
                long used = l == 0
                        ? fitAt(lambda, threshold, options.maxPasses(), Long.MAX_VALUE)
                        : fitAt(lambda, threshold, options.maxPasses() - passes, timeLimitNanos);
                if (used == OUT_OF_TIME) {
                    converged = false;
                    timedOut = true;
                    warnings.add(new FitWarning(
                            FitWarning.NOT_CONVERGED,
                            "The path ran out of the training time limit at lambda " + lambda
                                    + "; it ends at the lambda before."));
                    break;
                }
                passes += used;
                if (used < 0 || passes > options.maxPasses()) {
                    converged = false;
                    warnings.add(new FitWarning(
                            FitWarning.NOT_CONVERGED,
                            "Coordinate descent used up its " + options.maxPasses() + " passes at lambda " + lambda
                                    + "; the path ends at the lambda before."));
                    break;
                }
                double[] original = new double[d];
                double intercept = coefficients[0];
                int nonzero = 0;
                for (int j = 0; j < d; j++) {
                    double value = coefficients[j + 1] / design.scales[j];
                    original[j] = value;
                    intercept -= value * design.means[j];
                    if (value != 0) {
                        nonzero++;
                    }
                }
                lambdas[size] = lambda;
                intercepts[size] = design.fitIntercept ? intercept : 0;
                df[size] = nonzero;
                double loss = crossEntropy();
                losses[size] = loss;
                ratios[size] = (nullCrossEntropy - clampedCrossEntropy()) / halfNullDeviance;
                optimality[size] = Double.isInfinite(lambda) ? 0 : optimality(lambda);
                pathCoefficients.add(original);
                size++;
                if (vSum <= WEIGHT_SUM_MIN) {
                    warnings.add(new FitWarning(
                            FitWarning.SEPARATION,
                            "The fit at lambda " + lambda + " separates the classes (every fitted probability"
                                    + " within 1e-9 of 0 or 1): the path ends there."));
                    break;
                }
                if (generated && size >= Math.min(MIN_PATH_LENGTH, capacity)) {
                    double gain = ratios[size - 1] - (size > 1 ? ratios[size - 2] : 0);
                    if (ratios[size - 1] > MAX_DEVIANCE_RATIO || gain < MIN_DEVIANCE_GAIN) {
                        break;
                    }
                }
            }
            if (size == 0) {
                throw new ArithmeticException("coordinate descent did not converge at the first lambda");
            }
            if (generated) {
                // glmnet's fix.lam: the first lambda, fitted as infinite, is labelled by the log-spacing.
                lambdas[0] = size > 2 ? Math.exp(2 * Math.log(lambdas[1]) - Math.log(lambdas[2])) : lambdaMax();
            }
            return new ElasticNetPath(
                    alpha,
                    Arrays.copyOf(lambdas, size),
                    Arrays.copyOf(intercepts, size),
                    pathCoefficients.toArray(new double[0][]),
                    Arrays.copyOf(df, size),
                    Arrays.copyOf(ratios, size),
                    Arrays.copyOf(losses, size),
                    Arrays.copyOf(optimality, size),
                    2 * design.weightSum * halfNullDeviance,
                    passes,
                    converged,
                    warnings);
        }

        /** The least lambda at which every penalised coefficient is 0, from the current residuals. */
        private double lambdaMax() {
            double largest = 0;
            for (int j = 0; j < d; j++) {
                if (design.varies[j] && penaltyFactors[j] > 0) {
                    largest = Math.max(largest, screenStatistics[j] / penaltyFactors[j]);
                }
            }
            return largest / Math.max(alpha, 1e-3);
        }

        /**
         * IRLS at one lambda from the current fit: returns the passes used, -1 when the budget ran
         * out, or {@link #OUT_OF_TIME} when the path has run for {@code limitNanos} (checked before
         * each IRLS step).
         */
        private long fitAt(double lambda, double threshold, long budget, long limitNanos) {
            double l1 = Double.isInfinite(lambda) ? Double.MAX_VALUE : lambda * alpha;
            double l2 = Double.isInfinite(lambda) ? Double.MAX_VALUE : lambda * (1 - alpha);
            long passes = 0;
            while (true) {
                if (System.nanoTime() - startNanos > limitNanos) {
                    return OUT_OF_TIME;
                }
                System.arraycopy(coefficients, 0, previous, 0, d + 1);
                for (int j = 0; j < d; j++) {
                    if (strong[j]) {
                        xv[j] = weightedSquares(j);
                    }
                }
                passes += descent.minimize(
                        coefficients,
                        v,
                        vSum,
                        residuals,
                        xv,
                        strong,
                        penaltyFactors,
                        l1,
                        l2,
                        threshold,
                        budget - passes);
                if (passes > budget) {
                    return -1;
                }
                updateFit();
                if (vSum <= WEIGHT_SUM_MIN) {
                    return passes;
                }
                if (!settled(threshold)) {
                    continue;
                }
                boolean joined = false;
                for (int j = 0; j < d; j++) {
                    if (!strong[j] && design.varies[j]) {
                        screenStatistics[j] = Math.abs(columnDot(j, residuals));
                        if (screenStatistics[j] > l1 * penaltyFactors[j]) {
                            strong[j] = true;
                            joined = true;
                        }
                    }
                }
                if (!joined) {
                    return passes;
                }
            }
        }

        /** Whether the last IRLS step moved no coefficient by more than the threshold. */
        private boolean settled(double threshold) {
            double delta = coefficients[0] - previous[0];
            if (vSum * delta * delta >= threshold) {
                return false;
            }
            for (int l = 0; l < descent.numActive; l++) {
                int j = descent.active[l];
                double move = coefficients[j + 1] - previous[j + 1];
                if (xv[j] * move * move >= threshold) {
                    return false;
                }
            }
            return true;
        }

        /** The link, probabilities, IRLS weights and residuals at the current coefficients. */
        private void updateFit() {
            Arrays.fill(link, coefficients[0]);
            double[] x = design.columns;
            for (int l = 0; l < descent.numActive; l++) {
                int j = descent.active[l];
                double b = coefficients[j + 1];
                if (b != 0) {
                    int offset = j * n;
                    for (int i = 0; i < n; i++) {
                        link[i] += b * x[offset + i];
                    }
                }
            }
            double[] w = design.weights;
            double[] y = design.labels;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double eta = link[i];
                double q = eta < -LINK_MAX ? 0 : eta > LINK_MAX ? 1 : LogisticFunctions.sigmoid(eta);
                probabilities[i] = q;
                double weight = w[i] * q * (1 - q);
                v[i] = weight;
                sum += weight;
                residuals[i] = w[i] * (y[i] - q);
            }
            vSum = sum;
        }

        /** The largest violation of the optimality conditions at {@code lambda} (see {@link ElasticNetPath}). */
        private double optimality(double lambda) {
            double largest = 0;
            if (design.fitIntercept) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += residuals[i];
                }
                largest = Math.abs(sum);
            }
            for (int j = 0; j < d; j++) {
                if (!design.varies[j]) {
                    continue;
                }
                double gradient = columnDot(j, residuals);
                double b = coefficients[j + 1];
                double violation = b != 0
                        ? Math.abs(gradient - lambda * penaltyFactors[j] * ((1 - alpha) * b + alpha * Math.signum(b)))
                        : Math.max(0, Math.abs(gradient) - lambda * alpha * penaltyFactors[j]);
                largest = Math.max(largest, violation);
            }
            return largest;
        }

        /** The mean cross-entropy at the current fit, from its link. */
        private double crossEntropy() {
            double[] w = design.weights;
            double[] y = design.labels;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += w[i] * LogisticFunctions.crossEntropy(link[i], y[i]);
            }
            return sum;
        }

        /** glmnet's {@code dev2}: the mean cross-entropy with probabilities clamped to [pmin, 1 - pmin]. */
        private double clampedCrossEntropy() {
            double[] w = design.weights;
            double[] y = design.labels;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double q = Math.min(Math.max(PROBABILITY_MIN, probabilities[i]), 1 - PROBABILITY_MIN);
                sum -= w[i] * (y[i] * Math.log(q) + (1 - y[i]) * Math.log(1 - q));
            }
            return sum;
        }

        private double columnDot(int j, double[] vector) {
            return CoordinateDescent.columnDot(design.columns, j * n, vector, n);
        }

        private double weightedSquares(int j) {
            return CoordinateDescent.weightedSquares(design.columns, j * n, v, n);
        }
    }

    /** glmnet's rescaling: factors clipped at 0 and multiplied to sum to d; all 1 when null. */
    static double[] rescaledPenaltyFactors(double[] factors, int d) {
        double[] rescaled = new double[d];
        if (factors == null) {
            Arrays.fill(rescaled, 1);
            return rescaled;
        }
        if (factors.length != d) {
            throw new IllegalArgumentException("expected " + d + " penalty factors, got " + factors.length);
        }
        double sum = 0;
        for (double factor : factors) {
            sum += Math.max(0, factor);
        }
        for (int j = 0; j < d; j++) {
            rescaled[j] = Math.max(0, factors[j]) * d / sum;
        }
        return rescaled;
    }

    private static void reverse(double[] values) {
        for (int i = 0, j = values.length - 1; i < j; i++, j--) {
            double swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
