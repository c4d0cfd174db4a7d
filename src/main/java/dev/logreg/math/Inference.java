package dev.logreg.math;

import dev.logreg.math.kernel.LogisticFunctions;
import java.util.function.UnaryOperator;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The statistics R's {@code summary.glm} prints, for a fit on the non-aliased columns.
 *
 * <pre>
 *   Cov(b)     = I(b)^-1,  I(b) = (sum w) Hess L(b)          (Wald; the model covariance)
 *              or a sandwich C M C with C = I(b)^-1, see {@link CovarianceType}
 *   z_j        = b_j / se_j,  p_j = 2 Phi(-|z_j|),  b_j -/+ Phi^-1(0.975) se_j
 *   logLik     = sum w_i [y_i log mu_i + (1 - y_i) log(1 - mu_i)]
 *   deviance   = 2 sum w_i [y_i log(y_i / mu_i) + (1 - y_i) log((1 - y_i) / (1 - mu_i))]
 *   null model = the intercept-only fit, mu = sum w y / sum w; mu = 1/2 without an intercept
 *              (with an offset o_i, as R's glm: the intercept-only fit of u_i = o_i + b_0, found
 *              by Newton's method; mu_i = sigma(o_i) without an intercept)
 *              (Firth's: mu = (sum w y + 1/2) / (sum w + 1), the intercept-only Firth fit)
 *   AIC = -2 logLik + 2 rank,  BIC = -2 logLik + rank log(sum w)
 *   McFadden R^2 = 1 - logLik / logLik_null;  LR test: chi^2 of 2 (logLik - logLik_null)
 *                                             with rank - (intercept ? 1 : 0) degrees of freedom
 * </pre>
 *
 * For Firth's fit every number is taken at Firth's estimates without the penalty, as R's
 * {@code brglm2} reports them: logLik is the log-likelihood there, the deviances those of the
 * Firth fit and of the intercept-only Firth fit, AIC and BIC follow; McFadden's R^2 and the LR
 * test are computed from them (a comparison of two penalised fits, not a likelihood-ratio test
 * in the strict sense).
 *
 * <p>Every number is finite or NaN (not available): callers map NaN to "absent".
 *
 * @param covariance the covariance of {@code covarianceType} over the fitted columns, or
 *     {@code null} when it is not available (I(b) singular, a hat value of 1 for HC2 or HC3)
 * @param covarianceType which covariance the standard errors, z, p and intervals come from
 * @param standardErrors per fitted column; NaN when the covariance is not available
 * @param zValues per fitted column
 * @param pValues per fitted column
 * @param lower95 per fitted column
 * @param upper95 per fitted column
 */
public record Inference(
        DMatrixRMaj covariance,
        CovarianceType covarianceType,
        double[] standardErrors,
        double[] zValues,
        double[] pValues,
        double[] lower95,
        double[] upper95,
        double logLikelihood,
        double deviance,
        double nullLogLikelihood,
        double nullDeviance,
        int rank,
        double aic,
        double bic,
        double mcFaddenR2,
        double likelihoodRatioPValue) {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);
    private static final double Z_975 = STANDARD_NORMAL.inverseSurvivalProbability(0.025);
    private static final SolverOptions NULL_FIT = new SolverOptions(100, 1e-12);

    /**
     * Computes the statistics at {@code b} for {@code data}, whose columns are the fitted (non
     * aliased) ones. {@code loss} is that data's loss (with its penalty, which the covariance then
     * describes; a sandwich's C includes it too, its meat has the data's scores only); its sums
     * give the Hessian and the log-likelihood, without another pass over the rows when the solver
     * left them at {@code b}. The sandwich covariances take one more pass, through
     * {@code leverage} (over {@code data}). Nothing passed in is modified.
     */
    static Inference of(
            Dataset data,
            LogisticLoss loss,
            double[] b,
            FitMethod method,
            CovarianceType covarianceType,
            LeverageSums leverage) {
        return of(
                LabelTotals.of(data),
                data.hasIntercept(),
                loss,
                b,
                method,
                covarianceType,
                inverseInformation -> sandwich(data, b, inverseInformation, covarianceType, leverage),
                data.hasOffset() ? nullLogLikelihoodWithOffset(data) : Double.NaN);
    }

    /**
     * The log-likelihood of the null model with the rows' offset, as R's {@code glm} takes it:
     * {@code -sum w_i h(o_i + b_0)} at the intercept-only maximum-likelihood fit (Newton's method
     * over column 0), {@code -sum w_i h(o_i)} without an intercept. One or a few passes over the rows.
     */
    private static double nullLogLikelihoodWithOffset(Dataset data) {
        if (!data.hasIntercept()) {
            double lossSum = 0;
            for (int row = 0; row < data.numSamples(); row++) {
                lossSum += data.weight(row) * LogisticFunctions.crossEntropy(data.offset(row), data.label(row));
            }
            return -lossSum;
        }
        LogisticLoss intercept = new LogisticLoss(new LocalRowSums(data.selectColumns(new int[] {0})), 0, true);
        double[] b0 =
                new NewtonSolver().minimize(intercept, new double[1], NULL_FIT).coefficients();
        return -intercept.dataLossSum(b0);
    }

    /**
     * The maximum-likelihood statistics with the model-based covariance from the label totals of
     * the rows, wherever they live (a cluster's partitions add them up); {@code loss} is over the
     * fitted columns and decides their number. Nothing passed in is modified.
     */
    public static Inference of(LabelTotals totals, boolean hasIntercept, LogisticLoss loss, double[] b) {
        return of(totals, hasIntercept, loss, b, FitMethod.ML, CovarianceType.MODEL, null, Double.NaN);
    }

    /**
     * @param sandwich the sandwich covariance from {@code I(b)^-1}, for a covariance type other
     *     than the model's
     * @param offsetNullLogLikelihood the null model's log-likelihood when the rows have an offset,
     *     NaN for the closed forms above
     */
    private static Inference of(
            LabelTotals totals,
            boolean hasIntercept,
            LogisticLoss loss,
            double[] b,
            FitMethod method,
            CovarianceType covarianceType,
            UnaryOperator<DMatrixRMaj> sandwich,
            double offsetNullLogLikelihood) {
        int p = loss.dimension();
        double totalWeight = totals.totalWeight();
        DMatrixRMaj hessian = new DMatrixRMaj(p, p);
        loss.evaluate(b, new double[p], hessian);
        DMatrixRMaj information = hessian.copy();
        for (int k = 0; k < information.data.length; k++) {
            information.data[k] *= totalWeight;
        }
        DampedCholesky cholesky = new DampedCholesky(p);
        DMatrixRMaj covariance = null;
        if (cholesky.factor(information) == 0) {
            covariance = new DMatrixRMaj(p, p);
            cholesky.invert(covariance);
            if (!allFinite(covariance.data)) {
                covariance = null;
            }
        }
        if (covariance != null && covarianceType != CovarianceType.MODEL) {
            covariance = sandwich.apply(covariance);
        }
        double[] standardErrors = new double[p];
        double[] zValues = new double[p];
        double[] pValues = new double[p];
        double[] lower = new double[p];
        double[] upper = new double[p];
        for (int j = 0; j < p; j++) {
            double se = covariance == null ? Double.NaN : Math.sqrt(covariance.get(j, j));
            standardErrors[j] = se;
            zValues[j] = b[j] / se;
            pValues[j] = 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(zValues[j]));
            lower[j] = b[j] - Z_975 * se;
            upper[j] = b[j] + Z_975 * se;
        }

        // The same compensated sum the solver minimised, at b: after Newton no pass over X.
        double crossEntropySum = loss.dataLossSum(b);
        double labelEntropySum = totals.labelEntropySum();
        double weightedLabelSum = totals.weightedLabelSum();
        double logLikelihood = -crossEntropySum;
        double deviance = 2 * (crossEntropySum - labelEntropySum);
        double nullLogLikelihood;
        if (!Double.isNaN(offsetNullLogLikelihood)) {
            nullLogLikelihood = offsetNullLogLikelihood;
        } else if (hasIntercept && method == FitMethod.FIRTH) {
            double meanLabel = (weightedLabelSum + 0.5) / (totalWeight + 1);
            nullLogLikelihood =
                    weightedLabelSum * Math.log(meanLabel) + (totalWeight - weightedLabelSum) * Math.log1p(-meanLabel);
        } else if (hasIntercept) {
            double meanLabel = weightedLabelSum / totalWeight;
            nullLogLikelihood = -totalWeight * LogisticFunctions.entropy(meanLabel);
        } else {
            nullLogLikelihood = -totalWeight * Math.log(2);
        }
        double nullDeviance = 2 * (-nullLogLikelihood - labelEntropySum);
        int rank = p;
        double aic = -2 * logLikelihood + 2 * rank;
        double bic = -2 * logLikelihood + rank * Math.log(totalWeight);
        double mcFadden = nullLogLikelihood < 0 ? 1 - logLikelihood / nullLogLikelihood : Double.NaN;
        int degreesOfFreedom = rank - (hasIntercept ? 1 : 0);
        double likelihoodRatioPValue = Double.NaN;
        if (degreesOfFreedom > 0) {
            double statistic = Math.max(0, 2 * (logLikelihood - nullLogLikelihood));
            likelihoodRatioPValue = ChiSquaredDistribution.of(degreesOfFreedom).survivalProbability(statistic);
        }
        return new Inference(
                covariance,
                covarianceType,
                standardErrors,
                zValues,
                pValues,
                lower,
                upper,
                logLikelihood,
                deviance,
                nullLogLikelihood,
                nullDeviance,
                rank,
                aic,
                bic,
                mcFadden,
                likelihoodRatioPValue);
    }

    /**
     * {@code C M C} (see {@link CovarianceType}), times {@code n / (n - p)} for HC1 with n the rows
     * of positive weight; null when not finite. Neither argument is modified.
     */
    private static DMatrixRMaj sandwich(
            Dataset data, double[] b, DMatrixRMaj inverseInformation, CovarianceType type, LeverageSums leverage) {
        int p = data.numColumns();
        DMatrixRMaj meat = new DMatrixRMaj(p, p);
        leverage.robustMeat(b, inverseInformation, type, meat);
        if (type == CovarianceType.HC1) {
            int rows = 0;
            for (double weight : data.weights()) {
                rows += weight > 0 ? 1 : 0;
            }
            double factor = rows > p ? (double) rows / (rows - p) : Double.NaN;
            for (int k = 0; k < meat.data.length; k++) {
                meat.data[k] *= factor;
            }
        }
        DMatrixRMaj half = new DMatrixRMaj(p, p);
        CommonOps_DDRM.mult(inverseInformation, meat, half);
        DMatrixRMaj sandwich = new DMatrixRMaj(p, p);
        CommonOps_DDRM.mult(half, inverseInformation, sandwich);
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < j; k++) {
                double mean = 0.5 * (sandwich.get(j, k) + sandwich.get(k, j));
                sandwich.set(j, k, mean);
                sandwich.set(k, j, mean);
            }
        }
        return allFinite(sandwich.data) ? sandwich : null;
    }

    private static boolean allFinite(double[] values) {
        for (double value : values) {
            if (!Double.isFinite(value)) {
                return false;
            }
        }
        return true;
    }
}
