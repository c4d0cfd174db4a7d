package dev.logreg.math;

import java.util.Objects;

/**
 * How {@link ElasticNet#train} cross-validates, as {@code cv.glmnet}.
 *
 * @param folds the number of random folds, in [2, N]; ignored when {@code foldIds} is given
 * @param foldIds the 1-based fold of each row (glmnet's {@code foldid}), or null for random folds
 * @param seed the seed of the random folds
 * @param measure what the held-out rows measure
 * @param oneStandardError select lambda.1se rather than lambda.min
 */
public record CrossValidationOptions(
        int folds, int[] foldIds, long seed, CrossValidationMeasure measure, boolean oneStandardError) {

    public static final int DEFAULT_FOLDS = 10;

    public CrossValidationOptions {
        Objects.requireNonNull(measure, "measure");
        if (foldIds == null && folds < 2) {
            throw new IllegalArgumentException("at least 2 folds");
        }
        foldIds = foldIds == null ? null : foldIds.clone();
    }

    @Override
    public int[] foldIds() {
        return foldIds == null ? null : foldIds.clone();
    }
}
