package dev.logreg.training;

import dev.logreg.config.LogregProperties;
import dev.logreg.design.DesignLimits;

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

    /** A formula's limits: the default levels and formula length, and the features' limit on its columns. */
    DesignLimits design() {
        return new DesignLimits(
                DesignLimits.DEFAULTS.maxLevels(), DesignLimits.DEFAULTS.maxFormulaLength(), maxFeatures + 1);
    }

    static DatasetLimits of(LogregProperties properties) {
        return new DatasetLimits(properties.maxRows(), properties.maxFeatures(), properties.maxCells());
    }
}
