package dev.logreg.math;

import java.util.List;

/**
 * The one Newton iteration, as named steps that a variant overrides (after scikit-learn's
 * {@code _newton_solver.NewtonSolver}); the loop itself is {@link #minimize} and is final. From {@code b = start}:
 *
 * <pre>
 *   F, g = evaluate(b)                    objective and what the stopping rule reads, curvature at b kept pending
 *   accept(); scales = coordinateScales()  the pending curvature becomes b's; the StoppingRule's units
 *   repeat
 *     stop by the StoppingRule on g       gradient tolerance, iteration budget, time limit
 *     D = direction(g, d)                 d the step, D the predicted change of F along it (g^T d if smooth);
 *                                         unless D &lt; 0: d = -g, D = -g^T g (steepest descent)
 *     eps = roundingError(F)              how far F can be trusted
 *     backtrack: t = 1, 1/2, ..., 2^-59   F_t, g_t = evaluate(b + t d)
 *       D / 2 &gt; eps:  accept when F_t &lt;= F + 1e-4 t D              (Armijo)
 *       D / 2 &lt;= eps: try t = 1 only, accept by acceptsUnseenDecrease  (no decrease F can show)
 *       and not isStandstill(b + t d, b)
 *     none accepted: restore(b, g); stop at MACHINE_PRECISION (D / 2 &lt;= eps) or NO_FURTHER_DECREASE
 *     b, F, g = b + t d, F_t, g_t; accept()
 * </pre>
 *
 * <p>How a variant plugs in: it implements {@link #evaluate} (its objective, penalty included, and gradient;
 * whatever curvature its {@link #direction} needs is computed there for the evaluated point and made current by
 * {@link #accept}), {@link #direction} (how the step is found), {@link #coordinateScales} and
 * {@link #roundingError}, and overrides {@link #acceptsUnseenDecrease}, {@link #isStandstill}, {@link #restore}
 * and {@link #warnings} where it differs. {@link NewtonSolver} solves {@code H d = -g} by damped Cholesky;
 * {@link FirthNewton} steps by Fisher scoring on the modified score, with its own rounding and acceptance rules;
 * an elastic net's IRLS would return from {@code direction} the minimiser {@code d} of the penalised quadratic
 * model {@code g^T d + d^T H d / 2 + P(b + d)} (coordinate descent) with
 * {@code D = g^T d + P(b + d) - P(b)}, its {@code evaluate} returning {@code L(b) + P(b)} and, for the stopping
 * rule, the minimum-norm subgradient. The state lives in one {@link SolverState}, so the iteration allocates
 * nothing after its start beyond what a variant's steps allocate.
 */
abstract class NewtonIteration {

    static final double ARMIJO_FRACTION = 1e-4;
    static final int MAX_HALVINGS = 60;

    private final SolverProgress progress;

    NewtonIteration(SolverProgress progress) {
        this.progress = progress;
    }

    /** The number of coefficients. */
    abstract int dimension();

    /**
     * Returns the objective at {@code b} (NaN when it cannot be evaluated) and writes into {@code gradient} what
     * the stopping rule and {@link #direction} read there; keeps whatever curvature {@code direction} needs at
     * {@code b} until {@link #accept} makes it current. Modifies only {@code gradient} and the variant's work
     * arrays.
     */
    abstract double evaluate(double[] b, double[] gradient);

    /** The last evaluated point has become the current one: its curvature is now the one {@code direction} uses. */
    void accept() {}

    /** The scales {@code s_j} of the {@link StoppingRule}, read once after the start has been evaluated. */
    abstract double[] coordinateScales();

    /**
     * Writes the step from the current point into {@code step} and returns the predicted change of the objective
     * along it ({@code gradient^T step} for a smooth objective); a result that is not negative (or NaN) makes the
     * iteration take steepest descent instead. Modifies only {@code step} and the variant's work arrays.
     */
    abstract double direction(double[] gradient, double[] step);

    /** The rounding error of the objective's value {@code value} at the current point. */
    abstract double roundingError(double value);

    /**
     * Whether to take the full step when the predicted decrease is below the objective's rounding error, so that
     * Armijo's test would only read noise. By default: the objective did not rise and the gradient at least halved,
     * the quadratic progress Newton makes near a minimum, not a walk in rounding noise.
     */
    boolean acceptsUnseenDecrease(
            double trialValue, double value, double rounding, double trialGradientNorm, double gradientNorm) {
        return trialValue <= value && trialGradientNorm <= 0.5 * gradientNorm;
    }

    /** Whether an accepted trial point is no progress at all (by default never). Modifies nothing. */
    boolean isStandstill(double[] trial, double[] coefficients) {
        return false;
    }

    /**
     * The last trial was rejected and the iteration stops at {@code coefficients}: a variant whose evaluation
     * leaves state behind puts it back there. {@code gradient} is the one evaluated there.
     */
    void restore(double[] coefficients, double[] gradient) {}

    /** What the variant noticed during the fit, asked once at the end. */
    List<FitWarning> warnings() {
        return List.of();
    }

    /**
     * A {@link FitWarning#HESSIAN_DAMPED} warning when {@code largestDamping}, the most a direction added to the
     * diagonal of {@code matrix} to factor it, is positive; none otherwise.
     */
    static List<FitWarning> dampingWarning(String matrix, String steps, double largestDamping) {
        if (!(largestDamping > 0)) {
            return List.of();
        }
        return List.of(new FitWarning(
                FitWarning.HESSIAN_DAMPED,
                String.format(
                        "%s was not numerically positive definite; %s added %.3g times the identity to it."
                                + " Look for collinear or constant features.",
                        matrix, steps, largestDamping)));
    }

    /** The objective's name in the message when it is not finite at the start. */
    String objectiveName() {
        return "the loss";
    }

    /** Minimises the objective from {@code start} (not modified); the result holds the objective and its gradient. */
    final FitResult minimize(double[] start, SolverOptions options) {
        long startNanos = System.nanoTime();
        int p = dimension();
        SolverState state = new SolverState(start, p, 16);
        double[] step = new double[p];
        double startValue = evaluate(state.coefficients, state.gradient);
        if (!Double.isFinite(startValue)) {
            throw new ArithmeticException(objectiveName() + " is not finite at the starting point");
        }
        accept();
        state.started(startValue);
        StoppingRule stopping = new StoppingRule(options, coordinateScales(), startNanos);
        while (true) {
            double gradientNorm = Vectors.maxAbs(state.gradient);
            progress.iterationDone(state.iterations, state.loss, gradientNorm);
            StopReason reason = stopping.check(state.gradient, state.iterations);
            if (reason != null) {
                return state.result(NewtonSolver.NAME, reason, warnings());
            }
            double decrease = direction(state.gradient, step);
            if (!(decrease < 0) || !Double.isFinite(decrease)) {
                // Rounding can spoil a nearly singular system: fall back to steepest descent.
                for (int j = 0; j < p; j++) {
                    step[j] = -state.gradient[j];
                }
                decrease = -Vectors.dot(state.gradient, state.gradient);
            }
            double rounding = roundingError(state.loss);
            boolean belowRounding = -0.5 * decrease <= rounding;
            if (!backtrack(state, step, decrease, belowRounding ? rounding : Double.NaN, gradientNorm)) {
                restore(state.coefficients, state.gradient);
                reason = belowRounding ? StopReason.MACHINE_PRECISION : StopReason.NO_FURTHER_DECREASE;
                return state.result(NewtonSolver.NAME, reason, warnings());
            }
            state.acceptTrial();
            accept();
        }
    }

    /**
     * Halves the step from {@code t = 1} until the trial point {@code b + t step} (left in the state's trial
     * arrays) is accepted; only {@code t = 1} when {@code rounding} is a number (the decrease is below it).
     */
    private boolean backtrack(SolverState state, double[] step, double decrease, double rounding, double gradientNorm) {
        double stepSize = 1;
        for (int halving = 0; halving < MAX_HALVINGS; halving++) {
            for (int j = 0; j < step.length; j++) {
                state.trial[j] = state.coefficients[j] + stepSize * step[j];
            }
            state.trialLoss = evaluate(state.trial, state.trialGradient);
            if (!Double.isNaN(rounding)) {
                double trialGradientNorm = Vectors.maxAbs(state.trialGradient);
                return acceptsUnseenDecrease(state.trialLoss, state.loss, rounding, trialGradientNorm, gradientNorm)
                        && !isStandstill(state.trial, state.coefficients);
            }
            if (state.trialLoss <= state.loss + ARMIJO_FRACTION * stepSize * decrease) {
                return !isStandstill(state.trial, state.coefficients);
            }
            stepSize *= 0.5;
        }
        return false;
    }
}
