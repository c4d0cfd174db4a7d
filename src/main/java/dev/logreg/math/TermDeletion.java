package dev.logreg.math;

import dev.logreg.math.kernel.LogisticFunctions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * One row of R's {@code drop1(fit, test = "LRT")}: the fit without a term's columns.
 *
 * <pre>
 *   deviance = 2 (sum w_i h_i(u_i) - sum w_i entropy(y_i)),   aic = -2 logLik + 2 rank
 *   lrt = deviance - deviance of the full model,  p = P(chi^2_df > lrt),  df = the term's columns
 * </pre>
 *
 * @param term the term's label; null for the full model (R's {@code <none>} row, whose df, lrt and
 *     p are NaN)
 */
public record TermDeletion(
        String term, double degreesOfFreedom, double deviance, double aic, double lrt, double pValue) {

    private static final SolverOptions SUBMODEL_FIT = new SolverOptions(200, 1e-10);

    /**
     * The {@code <none>} row, then one row per term: each refitted by Newton's method from {@code b}
     * without the term's columns. {@code data}'s columns are the fitted ones, {@code b} the full
     * model's maximum-likelihood estimates, {@code terms} groups of its columns (the intercept in
     * none). Nothing passed in is modified.
     *
     * @param parallelism the most workers each refit's row sums use
     */
    public static List<TermDeletion> of(
            Dataset data, double[] b, List<String> labels, List<int[]> terms, ForkJoinPool pool, int parallelism) {
        int p = data.numColumns();
        double labelEntropy = LabelTotals.of(data).labelEntropySum();
        double fullLoss =
                new LogisticLoss(new LocalRowSums(data, parallelism, pool), 0, data.hasIntercept()).dataLossSum(b);
        double fullDeviance = 2 * (fullLoss - labelEntropy);
        List<TermDeletion> rows = new ArrayList<>();
        rows.add(new TermDeletion(null, Double.NaN, fullDeviance, 2 * fullLoss + 2 * p, Double.NaN, Double.NaN));
        for (int t = 0; t < terms.size(); t++) {
            boolean[] dropped = new boolean[p];
            for (int column : terms.get(t)) {
                dropped[column] = true;
            }
            int[] kept = new int[p - terms.get(t).length];
            double[] start = new double[kept.length];
            for (int j = 0, k = 0; j < p; j++) {
                if (!dropped[j]) {
                    start[k] = b[j];
                    kept[k++] = j;
                }
            }
            int df = terms.get(t).length;
            double lossSum;
            if (kept.length == 0) {
                lossSum = 0; // no column left: u_i = o_i
                for (int row = 0; row < data.numSamples(); row++) {
                    lossSum += data.weight(row) * LogisticFunctions.crossEntropy(data.offset(row), data.label(row));
                }
            } else {
                Dataset submodel = data.selectColumns(kept);
                LogisticLoss loss =
                        new LogisticLoss(new LocalRowSums(submodel, parallelism, pool), 0, submodel.hasIntercept());
                double[] estimates =
                        new NewtonSolver().minimize(loss, start, SUBMODEL_FIT).coefficients();
                lossSum = loss.dataLossSum(estimates);
            }
            double deviance = 2 * (lossSum - labelEntropy);
            double lrt = deviance - fullDeviance;
            rows.add(new TermDeletion(
                    labels.get(t),
                    df,
                    deviance,
                    2 * lossSum + 2 * kept.length,
                    lrt,
                    ChiSquaredDistribution.of(df).survivalProbability(Math.max(lrt, 0))));
        }
        return rows;
    }
}
