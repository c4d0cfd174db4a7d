package dev.logreg.math;

import dev.logreg.math.kernel.LogisticFunctions;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.ejml.data.DMatrixRMaj;

/**
 * Marginal effects on the probability, {@code dy/dx}, with delta-method standard errors, as
 * statsmodels' {@code get_margeff(at = "overall" | "mean", method = "dydx", dummy = True)}. With
 * {@code mu = sigma(u)}, {@code f = mu (1 - mu)}, {@code f' = f (1 - 2 mu)} and means weighted by
 * {@code w_i} (frequency weights, as repeated rows):
 *
 * <pre>
 *   average (over the rows):  dydx_j = mean_i f(u_i) b_j,
 *                             d dydx_j / d b = mean_i [f(u_i) e_j + b_j f'(u_i) xhat_i]
 *   at the mean row xbar:     the same with the single row xbar (u = xbar^T b + mean offset)
 *   a discrete column k of a group G (a factor's dummies, or one 0/1 column):
 *       x1 = x with G's columns 0 and column k 1,  x0 = x with G's columns 0,
 *       dydx_k = mean [sigma(x1^T b) - sigma(x0^T b)],  d dydx_k / d b = mean [f(x1^T b) x1 - f(x0^T b) x0]
 *   se = sqrt(diag(J V J^T)),  z = dydx / se,  p = 2 Phi(-|z|),  dydx -/+ Phi^-1((1 + level) / 2) se
 * </pre>
 *
 * One effect per column except the intercept. For one 0/1 column the discrete change is
 * statsmodels' with {@code dummy = True}; for a factor's dummies as one group, level k against the
 * reference level (statsmodels, which knows no factors, would set one dummy at a time).
 *
 * @param at where the effects are taken
 * @param columns the design column of each effect (the intercept excluded)
 * @param level the confidence level of {@code lower} and {@code upper}
 * @param discrete per effect, whether it is a discrete change
 */
public record MarginalEffects(
        At at,
        int[] columns,
        double level,
        boolean[] discrete,
        double[] dydx,
        double[] standardErrors,
        double[] zValues,
        double[] pValues,
        double[] lower,
        double[] upper) {

    /** Where the effects are taken. */
    public enum At {
        /** Averaged over the rows (statsmodels' {@code at = "overall"}). */
        AVERAGE,
        /** At the mean row. */
        MEAN
    }

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    public MarginalEffects {
        columns = columns.clone();
        discrete = discrete.clone();
        dydx = dydx.clone();
        standardErrors = standardErrors.clone();
        zValues = zValues.clone();
        pValues = pValues.clone();
        lower = lower.clone();
        upper = upper.clone();
    }

    /**
     * The columns other than the intercept whose values on the rows of positive weight are 0 and 1
     * only (both present), each as a group of its own: statsmodels' dummies.
     */
    public static List<int[]> binaryColumns(Dataset data) {
        int p = data.numColumns();
        double[] x = data.designData();
        List<int[]> groups = new ArrayList<>();
        for (int j = data.hasIntercept() ? 1 : 0; j < p; j++) {
            boolean binary = true;
            boolean zero = false;
            boolean one = false;
            for (int row = 0; row < data.numSamples() && binary; row++) {
                if (data.weight(row) > 0) {
                    double value = x[row * p + j];
                    zero |= value == 0;
                    one |= value == 1;
                    binary = value == 0 || value == 1;
                }
            }
            if (binary && zero && one) {
                groups.add(new int[] {j});
            }
        }
        return groups;
    }

    /**
     * The effects of coefficients {@code b} on {@code data} (its columns the fitted ones) with
     * covariance {@code covariance} of b; {@code discreteGroups} lists the groups of columns that are
     * discrete changes (see {@link #binaryColumns}). Nothing passed in is modified.
     *
     * @throws IllegalArgumentException for a group holding the intercept or a column twice
     */
    public static MarginalEffects of(
            Dataset data, double[] b, DMatrixRMaj covariance, At at, List<int[]> discreteGroups, double level) {
        int p = data.numColumns();
        int first = data.hasIntercept() ? 1 : 0;
        int[] groupOf = new int[p];
        java.util.Arrays.fill(groupOf, -1);
        for (int g = 0; g < discreteGroups.size(); g++) {
            for (int column : discreteGroups.get(g)) {
                if (column < first || column >= p || groupOf[column] >= 0) {
                    throw new IllegalArgumentException("a discrete group holds the intercept or a column twice");
                }
                groupOf[column] = g;
            }
        }
        double[] x;
        double[] weights;
        double[] offsets;
        int rows;
        if (at == At.AVERAGE) {
            x = data.designData();
            weights = data.weights();
            offsets = data.offset();
            rows = data.numSamples();
        } else {
            x = meanRow(data);
            weights = new double[] {data.totalWeight()};
            double meanOffset = 0;
            for (int row = 0; row < data.numSamples(); row++) {
                meanOffset += data.weight(row) * data.offset(row);
            }
            offsets = new double[] {meanOffset / data.totalWeight()};
            rows = 1;
        }
        // Continuous: sum w f and sum w f' xhat. Discrete column k: the effect and its gradient.
        double curvatureSum = 0;
        double[] slopeSums = new double[p];
        double[] discreteEffect = new double[p];
        double[][] discreteGradient = new double[p][];
        for (int k = 0; k < p; k++) {
            if (groupOf[k] >= 0) {
                discreteGradient[k] = new double[p];
            }
        }
        double[] groupShift = new double[discreteGroups.size()];
        for (int row = 0; row < rows; row++) {
            double weight = weights[row];
            if (weight == 0) {
                continue;
            }
            int offset = row * p;
            double u = offsets == null ? 0 : offsets[row];
            for (int j = 0; j < p; j++) {
                u += x[offset + j] * b[j];
            }
            double mu = LogisticFunctions.sigmoid(u);
            double f = mu * (1 - mu);
            curvatureSum += weight * f;
            double fPrime = weight * f * (1 - 2 * mu);
            for (int j = 0; j < p; j++) {
                slopeSums[j] += fPrime * x[offset + j];
            }
            for (int g = 0; g < groupShift.length; g++) {
                double shift = 0;
                for (int column : discreteGroups.get(g)) {
                    shift += x[offset + column] * b[column];
                }
                groupShift[g] = shift;
            }
            for (int k = 0; k < p; k++) {
                int g = groupOf[k];
                if (g < 0) {
                    continue;
                }
                double u0 = u - groupShift[g];
                double u1 = u0 + b[k];
                double mu0 = LogisticFunctions.sigmoid(u0);
                double mu1 = LogisticFunctions.sigmoid(u1);
                discreteEffect[k] += weight * (mu1 - mu0);
                double f0 = weight * mu0 * (1 - mu0);
                double f1 = weight * mu1 * (1 - mu1);
                double[] gradient = discreteGradient[k];
                for (int j = 0; j < p; j++) {
                    if (groupOf[j] != g) {
                        gradient[j] += (f1 - f0) * x[offset + j];
                    }
                }
                gradient[k] += f1;
            }
        }
        double totalWeight = data.totalWeight();
        int count = p - first;
        int[] columns = new int[count];
        boolean[] discrete = new boolean[count];
        double[] dydx = new double[count];
        double[] se = new double[count];
        double[] z = new double[count];
        double[] pValues = new double[count];
        double[] lower = new double[count];
        double[] upper = new double[count];
        double quantile = STANDARD_NORMAL.inverseCumulativeProbability(0.5 + level / 2);
        double[] jacobian = new double[p];
        for (int e = 0; e < count; e++) {
            int k = e + first;
            columns[e] = k;
            discrete[e] = groupOf[k] >= 0;
            if (discrete[e]) {
                dydx[e] = discreteEffect[k] / totalWeight;
                for (int j = 0; j < p; j++) {
                    jacobian[j] = discreteGradient[k][j] / totalWeight;
                }
            } else {
                dydx[e] = b[k] * curvatureSum / totalWeight;
                for (int j = 0; j < p; j++) {
                    jacobian[j] = b[k] * slopeSums[j] / totalWeight;
                }
                jacobian[k] += curvatureSum / totalWeight;
            }
            se[e] = covariance == null ? Double.NaN : Math.sqrt(quadraticForm(covariance, jacobian));
            z[e] = dydx[e] / se[e];
            pValues[e] = 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z[e]));
            lower[e] = dydx[e] - quantile * se[e];
            upper[e] = dydx[e] + quantile * se[e];
        }
        return new MarginalEffects(at, columns, level, discrete, dydx, se, z, pValues, lower, upper);
    }

    /** The weighted mean of the design's rows, a 1 x p row. */
    private static double[] meanRow(Dataset data) {
        int p = data.numColumns();
        double[] x = data.designData();
        double[] mean = new double[p];
        for (int row = 0; row < data.numSamples(); row++) {
            double weight = data.weight(row);
            for (int j = 0; j < p; j++) {
                mean[j] += weight * x[row * p + j];
            }
        }
        for (int j = 0; j < p; j++) {
            mean[j] /= data.totalWeight();
        }
        return mean;
    }

    /** {@code v^T M v}. */
    static double quadraticForm(DMatrixRMaj matrix, double[] v) {
        double sum = 0;
        int p = v.length;
        for (int j = 0; j < p; j++) {
            double row = 0;
            for (int k = 0; k < p; k++) {
                row += matrix.get(j, k) * v[k];
            }
            sum += v[j] * row;
        }
        return sum;
    }
}
