package dev.logreg.math;

import dev.logreg.math.kernel.LogisticFunctions;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * {@code cv.glmnet}: each fold's rows are held out while the path is fitted with the same options
 * on the other rows (its own generated path when the full one is generated, as {@code
 * cv.glmnet.raw}), the held-out rows are scored at the full path's lambdas (interpolated on the
 * fold's path as {@code predict(s = lambda)}), and the folds' weighted means give {@link
 * CrossValidation}'s cvm and cvsd ({@code cv.lognet}, {@code cvcompute}, {@code cvstats}) and its
 * lambda.min and lambda.1se ({@code getOptcv.glmnet}). With fewer than 3 rows per fold the rows,
 * not the folds, are averaged ({@code grouped = FALSE}, as glmnet enforces). The folds are fitted in
 * parallel on the given pool (its parallelism bounds the threads), each on its own column-major
 * copy of its training rows.
 *
 * <p>Differences from glmnet: random folds come from this class's own shuffle ({@link
 * #randomFolds}), not R's {@code sample}; with the AUC and fewer than 10 rows per fold glmnet
 * switches to the deviance with a warning, here it is an error; tied predictions count half in the
 * AUC, as glmnet's {@code survival::concordance}.
 */
public final class ElasticNetCrossValidation {

    private ElasticNetCrossValidation() {}

    /**
     * {@code numFolds} folds of near-equal size, 1-based, in an order shuffled by {@code seed} (the
     * same seed gives the same folds).
     */
    public static int[] randomFolds(int numRows, int numFolds, long seed) {
        if (numFolds < 2 || numFolds > numRows) {
            throw new IllegalArgumentException("the number of folds must be in [2, N]");
        }
        int[] folds = new int[numRows];
        for (int i = 0; i < numRows; i++) {
            folds[i] = i % numFolds + 1;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = numRows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = folds[i];
            folds[i] = folds[j];
            folds[j] = swap;
        }
        return folds;
    }

    /**
     * Cross-validates {@code path} (fitted on {@code data} with {@code options}) over {@code
     * foldIds}.
     *
     * @param foldIds the 1-based fold of each row: at least 2 folds, every fold from 1 to the
     *     largest holding a row of positive weight
     * @throws IllegalArgumentException when the folds are not so, or the AUC has fewer than 10 rows
     *     per fold or a fold with one class
     * @throws DegenerateDataException when the rows outside a fold hold one class
     */
    public static CrossValidation run(
            Dataset data,
            ElasticNetOptions options,
            ElasticNetPath path,
            int[] foldIds,
            CrossValidationMeasure measure,
            ForkJoinPool pool) {
        int n = data.numSamples();
        int numFolds = checkFolds(foldIds, n, data);
        if (measure == CrossValidationMeasure.AUC && n < 10 * numFolds) {
            throw new IllegalArgumentException("the AUC needs at least 10 rows per fold (glmnet's rule)");
        }
        double[] lambdas = path.lambdas();
        boolean grouped = n >= 3 * numFolds || measure == CrossValidationMeasure.AUC;
        double[][] rowValues = grouped ? null : new double[n][];
        List<Future<double[]>> results = new ArrayList<>();
        for (int fold = 1; fold <= numFolds; fold++) {
            int heldOut = fold;
            results.add(pool.submit(() -> foldMeasures(data, options, foldIds, heldOut, measure, lambdas, rowValues)));
        }
        double[][] foldMeans = new double[numFolds][];
        for (int k = 0; k < numFolds; k++) {
            try {
                foldMeans[k] = results.get(k).get();
            } catch (InterruptedException e) {
                results.forEach(result -> result.cancel(true));
                Thread.currentThread().interrupt();
                throw new IllegalStateException("cross-validation interrupted", e);
            } catch (ExecutionException e) {
                results.forEach(result -> result.cancel(true));
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        if (!grouped) {
            double[] rowWeights = new double[n];
            for (int i = 0; i < n; i++) {
                rowWeights[i] = data.weight(i);
            }
            return summarise(measure, foldIds, lambdas, rowValues, rowWeights);
        }
        double[] foldWeights = new double[numFolds];
        for (int i = 0; i < n; i++) {
            foldWeights[foldIds[i] - 1] += data.weight(i);
        }
        return summarise(measure, foldIds, lambdas, foldMeans, foldWeights);
    }

    private static int checkFolds(int[] foldIds, int n, Dataset data) {
        if (foldIds.length != n) {
            throw new IllegalArgumentException("foldIds needs one fold per row: " + n + ", got " + foldIds.length);
        }
        int numFolds = 0;
        for (int id : foldIds) {
            if (id < 1) {
                throw new IllegalArgumentException("fold ids start at 1");
            }
            numFolds = Math.max(numFolds, id);
        }
        if (numFolds < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds");
        }
        double[] weights = new double[numFolds];
        for (int i = 0; i < n; i++) {
            weights[foldIds[i] - 1] += data.weight(i);
        }
        for (int k = 0; k < numFolds; k++) {
            if (!(weights[k] > 0)) {
                throw new IllegalArgumentException("fold " + (k + 1) + " holds no row of positive weight");
            }
        }
        return numFolds;
    }

    /**
     * The weighted mean of the measure over the fold's held-out rows, per lambda; each row's values
     * into {@code rowValues} (its rows only) when it is not null.
     */
    private static double[] foldMeasures(
            Dataset data,
            ElasticNetOptions options,
            int[] foldIds,
            int heldOut,
            CrossValidationMeasure measure,
            double[] lambdas,
            double[][] rowValues) {
        int n = data.numSamples();
        boolean[] training = new boolean[n];
        int numHeldOut = 0;
        for (int i = 0; i < n; i++) {
            training[i] = foldIds[i] != heldOut;
            numHeldOut += training[i] ? 0 : 1;
        }
        ElasticNetDesign design = ElasticNetDesign.of(data, training, options.standardize());
        int numTraining = n - numHeldOut;
        double ratio = options.lambdaMinRatio();
        if (Double.isNaN(ratio)) {
            ratio = numTraining < data.numFeatures() ? 1e-2 : 1e-4;
        }
        ElasticNetPath fit;
        try {
            fit = ElasticNet.fit(design, options, ratio);
        } catch (DegenerateDataException e) {
            throw new DegenerateDataException("The rows outside fold " + heldOut + " hold one class only.");
        }
        int[] rows = new int[numHeldOut];
        for (int i = 0, r = 0; i < n; i++) {
            if (!training[i]) {
                rows[r++] = i;
            }
        }
        double[] x = data.designData();
        int p = data.numColumns();
        int first = data.hasIntercept() ? 1 : 0;
        int d = data.numFeatures();
        double[] probabilities = new double[numHeldOut];
        double[] labels = new double[numHeldOut];
        double[] weights = new double[numHeldOut];
        double weightSum = 0;
        for (int r = 0; r < numHeldOut; r++) {
            labels[r] = data.label(rows[r]);
            weights[r] = data.weight(rows[r]);
            weightSum += weights[r];
        }
        int numLambdas = lambdas.length;
        double[] means = new double[numLambdas];
        if (rowValues != null) {
            for (int row : rows) {
                rowValues[row] = new double[numLambdas];
            }
        }
        for (int l = 0; l < numLambdas; l++) {
            double[] b = fit.coefficientsAt(lambdas[l]);
            for (int r = 0; r < numHeldOut; r++) {
                int offset = rows[r] * p + first;
                double link = b[0];
                for (int j = 0; j < d; j++) {
                    link += b[j + 1] * x[offset + j];
                }
                probabilities[r] = LogisticFunctions.sigmoid(link);
            }
            if (measure == CrossValidationMeasure.AUC) {
                means[l] = weightedAuc(probabilities, labels, weights, heldOut);
            } else {
                double sum = 0;
                for (int r = 0; r < numHeldOut; r++) {
                    double value = measure.rowValue(labels[r], probabilities[r]);
                    sum += weights[r] * value;
                    if (rowValues != null) {
                        rowValues[rows[r]][l] = value;
                    }
                }
                means[l] = sum / weightSum;
            }
        }
        return means;
    }

    /**
     * The weighted AUC: over pairs of a positive (weight {@code w y}) and a negative (weight {@code
     * w (1 - y)}) the share ranked right, ties counting half ({@code auc.mat}).
     */
    static double weightedAuc(double[] scores, double[] labels, double[] weights, int fold) {
        int m = scores.length;
        int[] order = IndexSort.ascending(scores);
        double negativesBelow = 0;
        double concordant = 0;
        double positives = 0;
        int start = 0;
        while (start < m) {
            int end = start;
            double groupPositive = 0;
            double groupNegative = 0;
            while (end < m && scores[order[end]] == scores[order[start]]) {
                int i = order[end];
                groupPositive += weights[i] * labels[i];
                groupNegative += weights[i] * (1 - labels[i]);
                end++;
            }
            concordant += groupPositive * (negativesBelow + 0.5 * groupNegative);
            negativesBelow += groupNegative;
            positives += groupPositive;
            start = end;
        }
        if (!(positives > 0 && negativesBelow > 0)) {
            throw new IllegalArgumentException("fold " + fold + " holds one class only: it has no AUC");
        }
        return concordant / (positives * negativesBelow);
    }

    /** cvm and cvsd over groups (folds, or rows when ungrouped) of the given values and weights. */
    private static CrossValidation summarise(
            CrossValidationMeasure measure,
            int[] foldIds,
            double[] lambdas,
            double[][] foldMeans,
            double[] foldWeights) {
        int numFolds = foldMeans.length;
        int numLambdas = lambdas.length;
        double totalWeight = 0;
        for (double weight : foldWeights) {
            totalWeight += weight;
        }
        double[] cvm = new double[numLambdas];
        double[] cvsd = new double[numLambdas];
        for (int l = 0; l < numLambdas; l++) {
            double mean = 0;
            for (int k = 0; k < numFolds; k++) {
                mean += foldWeights[k] * foldMeans[k][l];
            }
            mean /= totalWeight;
            double spread = 0;
            for (int k = 0; k < numFolds; k++) {
                double deviation = foldMeans[k][l] - mean;
                spread += foldWeights[k] * deviation * deviation;
            }
            cvm[l] = mean;
            cvsd[l] = Math.sqrt(spread / totalWeight / (numFolds - 1));
        }
        double sign = measure == CrossValidationMeasure.AUC ? -1 : 1;
        int best = 0;
        for (int l = 1; l < numLambdas; l++) {
            if (sign * cvm[l] < sign * cvm[best]) {
                best = l;
            }
        }
        double bound = sign * cvm[best] + cvsd[best];
        int oneStandardError = best;
        for (int l = 0; l < numLambdas; l++) {
            if (sign * cvm[l] <= bound) {
                oneStandardError = l;
                break;
            }
        }
        return new CrossValidation(measure, foldIds, lambdas, cvm, cvsd, lambdas[best], lambdas[oneStandardError]);
    }
}
