package dev.logreg.training;

import dev.logreg.config.LogregProperties;

/**
 * The most rows, features and cells (rows x features) one dataset may have; checked as the body
 * is read, so that a dataset past a limit is refused before it fills the heap.
 */
record DatasetLimits(int maxRows, int maxFeatures, long maxCells) {

    DatasetLimits {
        if (maxRows < 1 || maxFeatures < 1 || maxCells < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    static DatasetLimits of(LogregProperties properties) {
        return new DatasetLimits(properties.maxRows(), properties.maxFeatures(), properties.maxCells());
    }
}
