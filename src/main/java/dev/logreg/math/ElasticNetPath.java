package dev.logreg.math;

import java.util.List;
import java.util.Objects;

/**
 * glmnet's answer for a path of lambdas: per lambda (decreasing) the intercept and coefficients on
 * the features' original scale, the number of nonzero coefficients and the deviance ratio.
 *
 * @param alpha the elastic-net mixing the path was fitted with
 * @param lambdas the lambdas, non-increasing
 * @param intercepts the intercept at each lambda (0 without one)
 * @param coefficients {@code coefficients[l][j]}: feature j at lambda l
 * @param degreesOfFreedom the nonzero coefficients at each lambda (glmnet's {@code df})
 * @param devianceRatios {@code 1 - deviance / null deviance} at each lambda (glmnet's {@code
 *     dev.ratio}, probabilities clamped to [1e-9, 1 - 1e-9] as glmnet's)
 * @param losses the mean cross-entropy {@code L(b)} at each lambda (without the penalty)
 * @param optimality at each lambda the largest violation of the optimality (KKT) conditions on the
 *     standardised scale: {@code |x_j . r - lambda vp_j ((1 - alpha) b_j + alpha sign(b_j))|} for a
 *     nonzero {@code b_j}, {@code max(0, |x_j . r| - lambda alpha vp_j)} for a zero one, {@code |sum
 *     r|} for the intercept ({@code r = w (y - p)}, weights summing to 1)
 * @param nullDeviance the deviance of the intercept-only fit (of {@code p = 1/2} without intercept),
 *     {@code 2 sum_i w_i (entropy)}, as glmnet's {@code nulldev}
 * @param passes the passes of coordinate descent over the data along the path
 * @param converged false when the pass budget ran out (the path then ends at the last converged lambda)
 * @param warnings what the fit noticed
 */
public record ElasticNetPath(
        double alpha,
        double[] lambdas,
        double[] intercepts,
        double[][] coefficients,
        int[] degreesOfFreedom,
        double[] devianceRatios,
        double[] losses,
        double[] optimality,
        double nullDeviance,
        long passes,
        boolean converged,
        List<FitWarning> warnings) {

    public ElasticNetPath {
        int size = lambdas.length;
        if (size == 0) {
            throw new IllegalArgumentException("a path has at least one lambda");
        }
        if (intercepts.length != size
                || coefficients.length != size
                || degreesOfFreedom.length != size
                || devianceRatios.length != size
                || losses.length != size
                || optimality.length != size) {
            throw new IllegalArgumentException("one intercept, coefficient vector, df and ratio per lambda");
        }
        for (int l = 1; l < size; l++) {
            if (!(lambdas[l] <= lambdas[l - 1])) {
                throw new IllegalArgumentException("lambdas must not increase");
            }
        }
        warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
    }

    /** The number of lambdas. */
    public int size() {
        return lambdas.length;
    }

    /** d, the number of features. */
    public int numFeatures() {
        return coefficients[0].length;
    }

    /**
     * The intercept followed by the d coefficients at {@code lambda}, as glmnet's {@code predict(s =
     * lambda)}: linear in lambda between the two path points around it, the path's first or last
     * point outside its range.
     */
    public double[] coefficientsAt(double lambda) {
        int d = numFeatures();
        double[] result = new double[d + 1];
        int last = lambdas.length - 1;
        int left;
        int right;
        double fraction;
        if (last == 0 || lambda >= lambdas[0]) {
            left = 0;
            right = 0;
            fraction = 1;
        } else if (lambda <= lambdas[last]) {
            left = last;
            right = last;
            fraction = 1;
        } else {
            right = 1;
            while (lambdas[right] > lambda) {
                right++;
            }
            left = right - 1;
            fraction = (lambda - lambdas[right]) / (lambdas[left] - lambdas[right]);
        }
        result[0] = fraction * intercepts[left] + (1 - fraction) * intercepts[right];
        for (int j = 0; j < d; j++) {
            result[j + 1] = fraction * coefficients[left][j] + (1 - fraction) * coefficients[right][j];
        }
        return result;
    }

    /** The index of {@code lambda} on the path, or -1 when it is not one of its lambdas. */
    public int indexOf(double lambda) {
        for (int l = 0; l < lambdas.length; l++) {
            if (lambdas[l] == lambda) {
                return l;
            }
        }
        return -1;
    }
}
