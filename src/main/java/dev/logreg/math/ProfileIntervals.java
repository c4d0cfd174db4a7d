package dev.logreg.math;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.ejml.data.DMatrixRMaj;

/**
 * Profile-likelihood confidence intervals, as R's {@code confint} on a glm computes them but by exact
 * root finding rather than a spline: for each coefficient j the two values t where
 *
 * <pre>
 *   D_j(t) = dev(b_j fixed at t) - dev(b-hat) = q,      q = qchisq(level, 1),
 *   dev(b_j fixed at t) = min over b_-j of the deviance, column j moved into the offset (o_i + t x_ij)
 * </pre>
 *
 * <p>First, by Venzon and Moolgavkar's simultaneous Newton iteration (Applied Statistics 37, 1988): at
 * the current b, with the unscaled gradient G and Hessian K of the loss sum l (one pass over the rows,
 * {@link LogisticLoss}), the quadratic model's profile along b_j,
 *
 * <pre>
 *   m(delta) = l - G_-j^T A^-1 G_-j / 2 + (G_j - c^T A^-1 G_-j) delta + (K_jj - c^T A^-1 c) delta^2 / 2,
 *   A = K_-j,-j,  c = K_-j,j,
 * </pre>
 *
 * gives the step delta of b_j solving {@code 2 (m(delta) - l-hat) = q} on the wanted side, and b_-j
 * moves by the constrained Newton step {@code -A^-1 (G_-j + c delta)}. It converges quadratically from
 * the Wald bound in a few passes, to {@value #RELATIVE_TOLERANCE} relative. Where it does not (far
 * from quadratic, separation), the root is found on exact constrained fits: each {@code dev(b_j fixed at
 * t)} a {@link NewtonSolver} fit of the other columns with column j in the offset, the root of the
 * signed root {@code h(tau) = sqrt(D_j) - sqrt(q)}, {@code tau = |t - b-hat_j|} (nearly linear) by
 * Newton's method with {@code D_j'(t) = 2 sum w_i (mu_i - y_i) x_ij}, safeguarded by bisection once
 * bracketed. A side whose profile deviance levels off below q (the estimate runs off to infinity
 * there: separation) has no bound: NaN. Coefficients are profiled in parallel, at most
 * {@code parallelism} at a time.
 */
public final class ProfileIntervals {

    static final double RELATIVE_TOLERANCE = 1e-10;
    private static final int MAX_EVALUATIONS = 200;
    private static final int MAX_SIMULTANEOUS_STEPS = 30;
    /** The profile deviance has levelled off when it grows by less than this over a doubling of tau. */
    private static final double FLAT = 1e-9;

    private static final SolverOptions CONSTRAINED_FIT = new SolverOptions(500, 1e-11);

    private final ForkJoinPool pool;
    private final int parallelism;
    private final boolean simultaneous;

    /**
     * @param pool where the coefficients' root findings (and their row sums) run
     * @param parallelism the most workers at once
     */
    public ProfileIntervals(ForkJoinPool pool, int parallelism) {
        this(pool, parallelism, true);
    }

    /** With {@code simultaneous} false, every bound comes from constrained fits (tests check both ways). */
    ProfileIntervals(ForkJoinPool pool, int parallelism, boolean simultaneous) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        this.pool = pool;
        this.parallelism = parallelism;
        this.simultaneous = simultaneous;
    }

    /**
     * The bounds at {@code level}.
     *
     * @param lower per coefficient, NaN when the side does not exist (or was not found)
     * @param upper per coefficient, NaN when the side does not exist (or was not found)
     */
    public record Bounds(double level, double[] lower, double[] upper) {
        public Bounds {
            if (!(level > 0 && level < 1)) {
                throw new IllegalArgumentException("level must be in (0, 1)");
            }
            lower = lower.clone();
            upper = upper.clone();
        }

        @Override
        public double[] lower() {
            return lower.clone();
        }

        @Override
        public double[] upper() {
            return upper.clone();
        }
    }

    /**
     * The profile intervals of the unpenalised maximum-likelihood fit {@code b} of {@code data} (its
     * columns the fitted, non-aliased ones). {@code covariance} ({@code I(b)^-1}, or null when singular)
     * only guides the first trials. Nothing passed in is modified.
     */
    public Bounds of(Dataset data, double[] b, DMatrixRMaj covariance, double level) {
        int p = data.numColumns();
        if (b.length != p) {
            throw new IllegalArgumentException("expected " + p + " coefficients");
        }
        double threshold = ChiSquaredDistribution.of(1).inverseCumulativeProbability(level);
        double minimumLoss = new LogisticLoss(new LocalRowSums(data), 0, data.hasIntercept()).dataLossSum(b);
        double[] lower = new double[p];
        double[] upper = new double[p];
        int workers = Math.min(parallelism, p);
        int rowWorkers = Math.max(1, parallelism / p);
        AtomicInteger next = new AtomicInteger();
        List<RecursiveAction> tasks = new ArrayList<>(workers);
        for (int worker = 0; worker < workers; worker++) {
            tasks.add(new RecursiveAction() {
                @Override
                protected void compute() {
                    for (int j = next.getAndIncrement(); j < p; j = next.getAndIncrement()) {
                        Profile profile = new Profile(data, b, covariance, j, minimumLoss, threshold, rowWorkers, pool);
                        lower[j] = profile.bound(-1, simultaneous);
                        upper[j] = profile.bound(1, simultaneous);
                    }
                }
            });
        }
        pool.invoke(new RecursiveAction() {
            @Override
            protected void compute() {
                ForkJoinTask.invokeAll(tasks);
            }
        });
        return new Bounds(level, lower, upper);
    }

    /** The profile of one coefficient. Not thread-safe. */
    private static final class Profile {
        private final Dataset data;
        private final int[] kept;
        /** The design without column j, copied on the first constrained fit. */
        private Dataset others;

        private final double[] column;
        private final int j;
        private final double estimate;
        private final double[] othersEstimate;
        /** {@code d b_-j / d b_j} of the quadratic approximation, {@code V_-j,j / V_jj}; 0 without V. */
        private final double[] slope;

        private final double firstStep;
        private final double minimumLoss;
        private final double threshold;
        private final int rowWorkers;
        private final ForkJoinPool pool;
        private final LogisticLoss fullLoss;
        private final double[] fullB;
        private final double[] fullGradient;

        Profile(
                Dataset data,
                double[] b,
                DMatrixRMaj covariance,
                int j,
                double minimumLoss,
                double threshold,
                int rowWorkers,
                ForkJoinPool pool) {
            int p = data.numColumns();
            this.data = data;
            this.j = j;
            this.estimate = b[j];
            this.minimumLoss = minimumLoss;
            this.threshold = threshold;
            this.rowWorkers = rowWorkers;
            this.pool = pool;
            this.kept = new int[p - 1];
            othersEstimate = new double[p - 1];
            slope = new double[p - 1];
            double variance = covariance == null ? Double.NaN : covariance.get(j, j);
            boolean guided = variance > 0 && Double.isFinite(variance);
            for (int k = 0, m = 0; k < p; k++) {
                if (k != j) {
                    kept[m] = k;
                    othersEstimate[m] = b[k];
                    slope[m] = guided ? covariance.get(k, j) / variance : 0;
                    m++;
                }
            }
            double scale = Math.max(1, Math.abs(estimate));
            double standardError = guided ? Math.sqrt(variance) : scale;
            // Under separation the Wald error is meaningless (huge): start no further out than |b_j|.
            this.firstStep = Math.sqrt(threshold) * Math.min(standardError, scale);
            this.column = new double[data.numSamples()];
            double[] x = data.designData();
            for (int row = 0; row < column.length; row++) {
                column[row] = x[row * p + j];
            }
            this.fullLoss = new LogisticLoss(new LocalRowSums(data, rowWorkers, pool), 0, data.hasIntercept());
            this.fullB = b.clone();
            this.fullGradient = new double[p];
        }

        /** The bound on side {@code side} (-1 lower, +1 upper), NaN when it does not exist. */
        double bound(int side, boolean simultaneous) {
            double bound = simultaneous ? simultaneousBound(side) : Double.NaN;
            return Double.isNaN(bound) ? boundByConstrainedFits(side) : bound;
        }

        /** Venzon and Moolgavkar's iteration (see the class comment); NaN when it does not converge. */
        private double simultaneousBound(int side) {
            int p = fullB.length;
            int m = p - 1;
            double totalWeight = data.totalWeight();
            double[] b = new double[p];
            double firstT = estimate + side * firstStep;
            for (int k = 0, a = 0; k < p; k++) {
                b[k] = k == j ? firstT : othersEstimate[a] + side * firstStep * slope[a++];
            }
            double[] gradient = new double[p];
            DMatrixRMaj hessian = new DMatrixRMaj(p, p);
            DMatrixRMaj reduced = new DMatrixRMaj(m, m);
            DampedCholesky cholesky = new DampedCholesky(Math.max(m, 1));
            double[] othersGradient = new double[m];
            double[] cross = new double[m];
            double[] solvedGradient = new double[m];
            double[] solvedCross = new double[m];
            for (int iteration = 0; iteration < MAX_SIMULTANEOUS_STEPS; iteration++) {
                fullLoss.evaluate(b, gradient, hessian);
                double lossSum = fullLoss.dataLossSum(b);
                for (int a = 0; a < m; a++) {
                    othersGradient[a] = totalWeight * gradient[kept[a]];
                    cross[a] = totalWeight * hessian.get(kept[a], j);
                    for (int c = 0; c < m; c++) {
                        reduced.set(a, c, totalWeight * hessian.get(kept[a], kept[c]));
                    }
                }
                if (m > 0) {
                    if (cholesky.factor(reduced) != 0) {
                        return Double.NaN;
                    }
                    cholesky.solveNegated(othersGradient, solvedGradient);
                    cholesky.solveNegated(cross, solvedCross);
                }
                // solved* hold -A^-1 G_-j and -A^-1 c.
                double curvature = totalWeight * hessian.get(j, j) + Vectors.dot(cross, solvedCross);
                double linear = totalWeight * gradient[j] + Vectors.dot(cross, solvedGradient);
                double constant =
                        2 * (lossSum + 0.5 * Vectors.dot(othersGradient, solvedGradient) - minimumLoss) - threshold;
                // curvature delta^2 + 2 linear delta + constant = 0, the root on this side, without cancellation.
                double discriminant = linear * linear - curvature * constant;
                if (!(curvature > 0) || !(discriminant >= 0)) {
                    return Double.NaN;
                }
                double root = Math.sqrt(discriminant);
                double delta =
                        linear * side > 0 ? constant / (-linear - side * root) : (-linear + side * root) / curvature;
                double largestMove = 0;
                for (int a = 0; a < m; a++) {
                    double move = solvedGradient[a] + solvedCross[a] * delta;
                    b[kept[a]] += move;
                    largestMove = Math.max(largestMove, Math.abs(move) / (1 + Math.abs(b[kept[a]])));
                }
                b[j] += delta;
                if (!Double.isFinite(b[j]) || !(side * (b[j] - estimate) > 0)) {
                    return Double.NaN;
                }
                if (Math.abs(delta) <= RELATIVE_TOLERANCE * Math.max(Math.abs(b[j]), firstStep)
                        && largestMove <= Math.sqrt(RELATIVE_TOLERANCE)) {
                    return b[j];
                }
            }
            return Double.NaN;
        }

        /** Root finding on exact constrained fits (see the class comment). */
        private double boundByConstrainedFits(int side) {
            double[] start = othersEstimate.clone();
            double tau = firstStep;
            double below = 0;
            double above = Double.POSITIVE_INFINITY;
            double lastDeviance = 0;
            double targetRoot = Math.sqrt(threshold);
            boolean doubled = false;
            for (int evaluation = 0; evaluation < MAX_EVALUATIONS; evaluation++) {
                double t = estimate + side * tau;
                double[] derivative = new double[1];
                double deviance = profileDeviance(t, start, derivative);
                double h = Math.sqrt(Math.max(deviance, 0)) - targetRoot;
                double hSlope = deviance > 0 ? side * derivative[0] / (2 * Math.sqrt(deviance)) : Double.NaN;
                if (h > 0) {
                    above = tau;
                } else {
                    if (doubled && deviance - lastDeviance <= FLAT * Math.max(1, deviance)) {
                        return Double.NaN; // levels off below q: this side is unbounded
                    }
                    below = tau;
                    lastDeviance = deviance;
                }
                double nextTau = tau - h / hSlope;
                doubled = false;
                if (above == Double.POSITIVE_INFINITY) {
                    if (!(hSlope > 0) || !(nextTau > tau) || nextTau > 4 * tau) {
                        nextTau = 2 * tau;
                        doubled = true;
                    }
                } else if (!(nextTau > below && nextTau < above)) {
                    nextTau = 0.5 * (below + above);
                }
                if (Math.abs(nextTau - tau) <= RELATIVE_TOLERANCE * Math.max(Math.abs(t), firstStep)
                        || above - below <= RELATIVE_TOLERANCE * Math.max(Math.abs(t), firstStep)) {
                    return estimate + side * nextTau;
                }
                if (!Double.isFinite(estimate + side * nextTau) || nextTau > 1e15 * firstStep) {
                    return Double.NaN;
                }
                double move = side * (nextTau - tau);
                for (int k = 0; k < start.length; k++) {
                    start[k] += move * slope[k];
                }
                tau = nextTau;
            }
            return Double.NaN; // not found within the budget: reported as absent, never as a wrong bound
        }

        /**
         * {@code D_j(t)}, leaving the constrained estimates in {@code start} (the next fit's start) and
         * {@code D_j'(t)} in {@code derivative[0]}.
         */
        private double profileDeviance(double t, double[] start, double[] derivative) {
            double[] base = data.offset();
            double[] offset = new double[column.length];
            for (int row = 0; row < offset.length; row++) {
                offset[row] = (base == null ? 0 : base[row]) + t * column[row];
            }
            double lossSum;
            if (others == null && kept.length > 0) {
                others = data.selectColumns(kept);
            }
            if (others == null) {
                Dataset shifted = data.withOffset(offset);
                lossSum = new LogisticLoss(new LocalRowSums(shifted), 0, false).dataLossSum(new double[1]);
                // The only column is in the offset: the sums below are at b = (t).
            } else {
                Dataset shifted = others.withOffset(offset);
                LogisticLoss loss =
                        new LogisticLoss(new LocalRowSums(shifted, rowWorkers, pool), 0, shifted.hasIntercept());
                FitResult fit = new NewtonSolver().minimize(loss, start, CONSTRAINED_FIT);
                double[] solution = fit.coefficients();
                lossSum = loss.dataLossSum(solution);
                System.arraycopy(solution, 0, start, 0, start.length);
            }
            for (int k = 0, m = 0; k < fullB.length; k++) {
                fullB[k] = k == j ? t : start[m++];
            }
            fullLoss.evaluate(fullB, fullGradient, null);
            derivative[0] = 2 * data.totalWeight() * fullGradient[j];
            return 2 * (lossSum - minimumLoss);
        }
    }
}
