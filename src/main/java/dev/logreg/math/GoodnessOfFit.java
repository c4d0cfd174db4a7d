package dev.logreg.math;

import dev.logreg.math.kernel.LogisticFunctions;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.ejml.data.DMatrixRMaj;

/**
 * Goodness-of-fit tests of a fitted model on its training rows, frequency weights counting as
 * repeated rows ({@code mu_i = sigma(o_i + xhat_i^T b)}):
 *
 * <pre>
 * Hosmer-Lemeshow (as ResourceSelection::hoslem.test, g = 10):
 *   breaks = unique(quantile(mu, 0:g / g))   (R's type 7 over the rows repeated w_i times)
 *   groups = cut(mu, breaks, include.lowest = TRUE): (q_k-1, q_k], the first closed
 *   C = sum over groups and both classes of (observed - expected)^2 / expected,
 *       observed = sum w y, sum w (1 - y);  expected = sum w mu, sum w (1 - mu)
 *   df = g - 2,  p = P(chi^2_df > C)
 * le Cessie-van Houwelingen-Copas-Hosmer (as rms::residuals.lrm(type = "gof")):
 *   S = sum w (y - mu)^2,  E = sum w mu (1 - mu),
 *   r = residuals of the weighted least squares of d = 1 - 2 mu on X, weights w mu (1 - mu)
 *   sd = sqrt(sum w mu (1 - mu) r^2),  z = (S - E) / sd,  p = 2 Phi(-|z|)
 * </pre>
 *
 * The least squares' normal matrix {@code X^T diag(w mu (1 - mu)) X} is the information I(b), so
 * its coefficients are {@code I(b)^-1 X^T diag(w mu (1 - mu)) d}: {@code covariance} is the model's.
 */
public record GoodnessOfFit(HosmerLemeshow hosmerLemeshow, LeCessieVanHouwelingen leCessieVanHouwelingen) {

    /** The number of Hosmer-Lemeshow groups asked for. */
    public static final int GROUPS = 10;

    /**
     * @param groups the groups formed (fewer than 10 when quantiles coincide)
     * @param degreesOfFreedom {@code 10 - 2}, as hoslem.test
     */
    public record HosmerLemeshow(int groups, double statistic, int degreesOfFreedom, double pValue) {}

    public record LeCessieVanHouwelingen(
            double sumOfSquares, double expected, double standardDeviation, double zValue, double pValue) {}

    /**
     * Both tests for coefficients {@code b} on {@code data} (the fitted columns), {@code covariance}
     * the model's {@code I(b)^-1} (null when singular: then the le Cessie test is NaN). Nothing passed
     * in is modified.
     */
    public static GoodnessOfFit of(Dataset data, double[] b, DMatrixRMaj covariance) {
        int n = data.numSamples();
        int p = data.numColumns();
        double[] x = data.designData();
        double[] probabilities = new double[n];
        double sumOfSquares = 0;
        double expected = 0;
        double[] normalRight = new double[p];
        for (int row = 0; row < n; row++) {
            double u = data.offset(row);
            for (int j = 0; j < p; j++) {
                u += x[row * p + j] * b[j];
            }
            double mu = LogisticFunctions.sigmoid(u);
            probabilities[row] = mu;
            double weight = data.weight(row);
            double residual = data.label(row) - mu;
            double variance = weight * mu * (1 - mu);
            sumOfSquares += weight * residual * residual;
            expected += variance;
            double scaled = variance * (1 - 2 * mu);
            for (int j = 0; j < p; j++) {
                normalRight[j] += scaled * x[row * p + j];
            }
        }
        return new GoodnessOfFit(
                hosmerLemeshow(data, probabilities),
                leCessie(data, probabilities, covariance, normalRight, sumOfSquares, expected));
    }

    private static LeCessieVanHouwelingen leCessie(
            Dataset data,
            double[] probabilities,
            DMatrixRMaj covariance,
            double[] normalRight,
            double sumOfSquares,
            double expected) {
        int p = data.numColumns();
        double variance = Double.NaN;
        if (covariance != null) {
            double[] coefficients = new double[p];
            for (int j = 0; j < p; j++) {
                for (int k = 0; k < p; k++) {
                    coefficients[j] += covariance.get(j, k) * normalRight[k];
                }
            }
            double[] x = data.designData();
            variance = 0;
            for (int row = 0; row < data.numSamples(); row++) {
                double mu = probabilities[row];
                double fitted = 0;
                for (int j = 0; j < p; j++) {
                    fitted += x[row * p + j] * coefficients[j];
                }
                double residual = 1 - 2 * mu - fitted;
                variance += data.weight(row) * mu * (1 - mu) * residual * residual;
            }
        }
        double sd = Math.sqrt(variance);
        double z = (sumOfSquares - expected) / sd;
        double pValue = 2 * NormalDistribution.of(0, 1).cumulativeProbability(-Math.abs(z));
        return new LeCessieVanHouwelingen(sumOfSquares, expected, sd, z, pValue);
    }

    private static HosmerLemeshow hosmerLemeshow(Dataset data, double[] probabilities) {
        int[] order = IndexSort.ascending(probabilities);
        // The rows of positive weight in increasing mu, with cumulative weights: the repeated sample.
        int count = 0;
        for (int row : order) {
            count += data.weight(row) > 0 ? 1 : 0;
        }
        double[] sorted = new double[count];
        double[] cumulative = new double[count];
        double total = 0;
        int next = 0;
        for (int row : order) {
            double weight = data.weight(row);
            if (weight > 0) {
                total += weight;
                sorted[next] = probabilities[row];
                cumulative[next++] = total;
            }
        }
        double[] breaks = new double[GROUPS + 1];
        int unique = 0;
        for (int k = 0; k <= GROUPS; k++) {
            double quantile = quantile(sorted, cumulative, k * (1.0 / GROUPS));
            if (unique == 0 || quantile != breaks[unique - 1]) {
                breaks[unique++] = quantile;
            }
        }
        int groups = Math.max(1, unique - 1);
        double[] observedPositive = new double[groups];
        double[] observedNegative = new double[groups];
        double[] expectedPositive = new double[groups];
        double[] expectedNegative = new double[groups];
        for (int row = 0; row < data.numSamples(); row++) {
            double weight = data.weight(row);
            if (weight == 0) {
                continue;
            }
            double mu = probabilities[row];
            int group = 0;
            while (group < groups - 1 && mu > breaks[group + 1]) {
                group++;
            }
            double y = data.label(row);
            observedPositive[group] += weight * y;
            observedNegative[group] += weight * (1 - y);
            expectedPositive[group] += weight * mu;
            expectedNegative[group] += weight * (1 - mu);
        }
        double statistic = 0;
        for (int g = 0; g < groups; g++) {
            double positive = observedPositive[g] - expectedPositive[g];
            double negative = observedNegative[g] - expectedNegative[g];
            statistic += positive * positive / expectedPositive[g] + negative * negative / expectedNegative[g];
        }
        int df = GROUPS - 2;
        double pValue = ChiSquaredDistribution.of(df).survivalProbability(statistic);
        return new HosmerLemeshow(groups, statistic, df, pValue);
    }

    /**
     * R's type-7 quantile at {@code probability} of the sample in which value {@code sorted[i]} is
     * repeated up to cumulative weight {@code cumulative[i]}: {@code h = 1 + (n - 1) probability},
     * {@code x_(floor h) + (h - floor h)(x_(ceil h) - x_(floor h))} written as R writes it.
     */
    private static double quantile(double[] sorted, double[] cumulative, double probability) {
        double n = cumulative[cumulative.length - 1];
        double index = 1 + Math.max(n - 1, 0) * probability;
        double lo = Math.floor(index);
        double hi = Math.ceil(index);
        double value = orderStatistic(sorted, cumulative, lo);
        double upper = orderStatistic(sorted, cumulative, hi);
        if (index > lo && upper != value) {
            double h = index - lo;
            value = (1 - h) * value + h * upper;
        }
        return value;
    }

    /** The k-th smallest (1-based) of the repeated sample. */
    private static double orderStatistic(double[] sorted, double[] cumulative, double k) {
        int low = 0;
        int high = sorted.length - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cumulative[middle] >= k) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return sorted[low];
    }
}
