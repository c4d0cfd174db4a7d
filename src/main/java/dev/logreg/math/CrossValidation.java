package dev.logreg.math;

import java.util.Objects;

/**
 * {@code cv.glmnet}'s answer: per lambda of the full path, the mean of the measure over the folds
 * and its standard error, and the lambdas it selects.
 *
 * @param measure what was measured
 * @param foldIds the 1-based fold of each row
 * @param lambdas the full path's lambdas, decreasing
 * @param cvm per lambda, {@code sum_k W_k m_k / sum_k W_k}: {@code m_k} the fold's weighted mean of
 *     the measure (its AUC for {@link CrossValidationMeasure#AUC}), {@code W_k} its rows' weight
 * @param cvsd per lambda, {@code sqrt(sum_k W_k (m_k - cvm)^2 / sum_k W_k / (K - 1))}
 * @param lambdaMin the largest lambda with the best cvm (least; greatest for the AUC)
 * @param lambda1se the largest lambda whose cvm is within one cvsd (at lambdaMin) of the best
 */
public record CrossValidation(
        CrossValidationMeasure measure,
        int[] foldIds,
        double[] lambdas,
        double[] cvm,
        double[] cvsd,
        double lambdaMin,
        double lambda1se) {

    public CrossValidation {
        Objects.requireNonNull(measure, "measure");
        if (cvm.length != lambdas.length || cvsd.length != lambdas.length) {
            throw new IllegalArgumentException("one cvm and cvsd per lambda");
        }
        foldIds = foldIds.clone();
        lambdas = lambdas.clone();
        cvm = cvm.clone();
        cvsd = cvsd.clone();
    }

    @Override
    public int[] foldIds() {
        return foldIds.clone();
    }

    @Override
    public double[] lambdas() {
        return lambdas.clone();
    }

    @Override
    public double[] cvm() {
        return cvm.clone();
    }

    @Override
    public double[] cvsd() {
        return cvsd.clone();
    }

    /** The number of folds. */
    public int numFolds() {
        int folds = 0;
        for (int id : foldIds) {
            folds = Math.max(folds, id);
        }
        return folds;
    }
}
