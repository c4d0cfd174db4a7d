package dev.logreg.training;

import dev.logreg.config.LogregProperties;
import dev.logreg.design.DesignLimits;

/**
 * The most rows, features and cells (rows x features) one dataset may have, checked as the body is
 * read, so that a dataset past a limit is refused before it fills the heap; and how long the
 * model's name and each feature name may be (characters), and how many bytes the feature names
 * may take together (UTF-8).
 */
record DatasetLimits(int maxRows, int maxFeatures, long maxCells, int maxNameLength, long maxFeatureNamesBytes) {

    DatasetLimits {
        if (maxRows < 1 || maxFeatures < 1 || maxCells < 1 || maxNameLength < 1 || maxFeatureNamesBytes < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** A formula's limits: the default levels and formula length, and the features' limit on its columns. */
    DesignLimits design() {
        return new DesignLimits(
                DesignLimits.DEFAULTS.maxLevels(), DesignLimits.DEFAULTS.maxFormulaLength(), maxFeatures + 1);
    }

    /** Limits with the default bounds on names (as {@code logreg.names.*}): 200 characters, 64 KB. */
    DatasetLimits(int maxRows, int maxFeatures, long maxCells) {
        this(maxRows, maxFeatures, maxCells, 200, 64 * 1024);
    }

    static DatasetLimits of(LogregProperties properties) {
        return new DatasetLimits(
                properties.maxRows(),
                properties.maxFeatures(),
                properties.maxCells(),
                properties.names().maxLength(),
                properties.names().maxTotalSize().toBytes());
    }
}
