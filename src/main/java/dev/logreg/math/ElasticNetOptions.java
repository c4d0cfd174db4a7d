package dev.logreg.math;

import java.util.Arrays;

/**
 * The settings of glmnet's binomial elastic net: minimise
 * {@code L(b) + lambda * sum_j vp_j ((1 - alpha) / 2 * b_j^2 + alpha * |b_j|)} over the features
 * (standardised when {@code standardize}), the intercept unpenalised, for each lambda of a path.
 *
 * @param alpha the mixing: 0 ridge, 1 lasso, in [0, 1]
 * @param lambdas the path's lambdas as given (any order, sorted decreasing for the fit; a single
 *     value is one fit), each {@code >= 0}; null for glmnet's generated path
 * @param numLambdas the generated path's length, at least 2 (glmnet's {@code nlambda}, 100)
 * @param lambdaMinRatio the generated path's last lambda over its first, in (0, 1); NaN for
 *     glmnet's default: 1e-2 when N < d, else 1e-4
 * @param standardize whether the features are standardised (weighted mean and weighted
 *     population standard deviation) before the penalty applies, as glmnet's default
 * @param penaltyFactors one factor {@code >= 0} per feature with a positive sum (0 leaves the
 *     feature unpenalised), rescaled to sum to d as glmnet's {@code penalty.factor}; null for 1 each
 * @param threshold convergence of coordinate descent: stop when no coefficient's move {@code
 *     delta_j} has {@code xv_j delta_j^2} above {@code threshold} times the null deviance (glmnet's
 *     {@code thresh}, with {@code xv_j = sum_i v_i x_ij^2}), positive
 * @param maxPasses the most passes over the data along the whole path (glmnet's {@code maxit})
 */
public record ElasticNetOptions(
        double alpha,
        double[] lambdas,
        int numLambdas,
        double lambdaMinRatio,
        boolean standardize,
        double[] penaltyFactors,
        double threshold,
        long maxPasses) {

    public static final int DEFAULT_NUM_LAMBDAS = 100;
    /**
     * Far tighter than glmnet's {@code 1e-7}: the rule bounds the last pass's moves, not the distance
     * to the minimiser, and coordinate descent on correlated features creeps. At 1e-22 (with the
     * exact solves on the signs that {@link CoordinateDescent} adds) the reference cases agree with
     * glmnet at {@code thresh = 1e-30} to 2e-9 relative; at 1e-18 a coefficient of glmnet's
     * BinomialExample still sat 3e-6 from the minimiser.
     */
    public static final double DEFAULT_THRESHOLD = 1e-22;

    public static final long DEFAULT_MAX_PASSES = 10_000_000L;

    public ElasticNetOptions {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1]");
        }
        if (lambdas != null) {
            if (lambdas.length == 0) {
                throw new IllegalArgumentException("lambdas must not be empty");
            }
            lambdas = lambdas.clone();
            for (double lambda : lambdas) {
                if (!(lambda >= 0 && lambda < Double.POSITIVE_INFINITY)) {
                    throw new IllegalArgumentException("every lambda must be finite and >= 0");
                }
            }
        }
        if (numLambdas < 2) {
            throw new IllegalArgumentException("the number of lambdas must be at least 2");
        }
        if (!Double.isNaN(lambdaMinRatio) && !(lambdaMinRatio > 0 && lambdaMinRatio < 1)) {
            throw new IllegalArgumentException("lambdaMinRatio must be in (0, 1)");
        }
        if (penaltyFactors != null) {
            penaltyFactors = penaltyFactors.clone();
            double sum = 0;
            for (double factor : penaltyFactors) {
                if (!(factor >= 0 && factor < Double.POSITIVE_INFINITY)) {
                    throw new IllegalArgumentException("every penalty factor must be finite and >= 0");
                }
                sum += factor;
            }
            if (!(sum > 0)) {
                throw new IllegalArgumentException("at least one penalty factor must be positive");
            }
        }
        if (!(threshold > 0 && threshold < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("threshold must be positive and finite");
        }
        if (maxPasses < 1) {
            throw new IllegalArgumentException("maxPasses must be at least 1");
        }
    }

    /** glmnet's defaults with the given alpha: the generated path of 100 lambdas, standardised. */
    public static ElasticNetOptions defaults(double alpha) {
        return new ElasticNetOptions(
                alpha, null, DEFAULT_NUM_LAMBDAS, Double.NaN, true, null, DEFAULT_THRESHOLD, DEFAULT_MAX_PASSES);
    }

    /** The same options with the lambdas given (the path of a cross-validation fold). */
    public ElasticNetOptions withLambdas(double[] given) {
        return new ElasticNetOptions(
                alpha, given, numLambdas, lambdaMinRatio, standardize, penaltyFactors, threshold, maxPasses);
    }

    @Override
    public double[] lambdas() {
        return lambdas == null ? null : lambdas.clone();
    }

    @Override
    public double[] penaltyFactors() {
        return penaltyFactors == null ? null : penaltyFactors.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ElasticNetOptions o
                && Double.compare(alpha, o.alpha) == 0
                && Arrays.equals(lambdas, o.lambdas)
                && numLambdas == o.numLambdas
                && Double.compare(lambdaMinRatio, o.lambdaMinRatio) == 0
                && standardize == o.standardize
                && Arrays.equals(penaltyFactors, o.penaltyFactors)
                && Double.compare(threshold, o.threshold) == 0
                && maxPasses == o.maxPasses;
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(alpha) + Arrays.hashCode(lambdas);
    }

    @Override
    public String toString() {
        return "ElasticNetOptions[alpha=" + alpha + ", lambdas=" + Arrays.toString(lambdas) + ", numLambdas="
                + numLambdas + ", lambdaMinRatio=" + lambdaMinRatio + ", standardize=" + standardize
                + ", penaltyFactors=" + Arrays.toString(penaltyFactors) + ", threshold=" + threshold + "]";
    }
}
