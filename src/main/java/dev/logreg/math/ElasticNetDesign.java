package dev.logreg.math;

/**
 * The rows of a {@link Dataset} as glmnet's binomial elastic net sees them: rows of positive weight
 * only, the weights normalised to sum to 1, and the features copied column-major and, as glmnet's
 * {@code lstandard1}, centred at their weighted mean (with an intercept) and divided by their
 * weighted population standard deviation (when standardising).
 *
 * <p>Column-major because coordinate descent works one feature at a time: each update reads a
 * whole column ({@code x_j . r}) and writes the residuals along it, so a contiguous column makes
 * both loops stream through memory; the row-major {@code Dataset} would stride by d.
 *
 * <p>A feature that takes one value on these rows (glmnet's {@code chkvars}) is left out of the
 * fit: its coefficient is 0 and its column is neither centred nor scaled.
 */
final class ElasticNetDesign {

    final int numRows;
    final int numFeatures;
    final boolean fitIntercept;
    /** {@code x[j * numRows + i]}: feature j of row i, standardised. */
    final double[] columns;
    /** Normalised weights, summing to 1. */
    final double[] weights;
    /** The weights' sum before normalising. */
    final double weightSum;

    final double[] labels;
    /** The weighted means subtracted (0 without an intercept or for a constant feature). */
    final double[] means;
    /** The scales divided by (1 when not standardising or for a constant feature). */
    final double[] scales;
    /** Whether the feature varies over the rows (glmnet's {@code ju}). */
    final boolean[] varies;

    private ElasticNetDesign(int numRows, int numFeatures, boolean fitIntercept, double weightSum) {
        this.numRows = numRows;
        this.weightSum = weightSum;
        this.numFeatures = numFeatures;
        this.fitIntercept = fitIntercept;
        this.columns = new double[numRows * numFeatures];
        this.weights = new double[numRows];
        this.labels = new double[numRows];
        this.means = new double[numFeatures];
        this.scales = new double[numFeatures];
        this.varies = new boolean[numFeatures];
    }

    /**
     * The rows of {@code data} for which {@code selected} is true (all rows when null) with
     * positive weight, standardised when {@code standardize}.
     *
     * @throws DegenerateDataException when no selected row has positive weight
     */
    static ElasticNetDesign of(Dataset data, boolean[] selected, boolean standardize) {
        int total = data.numSamples();
        int numColumns = data.numColumns();
        int first = data.hasIntercept() ? 1 : 0;
        int numFeatures = numColumns - first;
        int numRows = 0;
        double weightSum = 0;
        for (int i = 0; i < total; i++) {
            if ((selected == null || selected[i]) && data.weight(i) > 0) {
                numRows++;
                weightSum += data.weight(i);
            }
        }
        if (numRows == 0) {
            throw new DegenerateDataException("no row of positive weight to fit");
        }
        ElasticNetDesign design = new ElasticNetDesign(numRows, numFeatures, data.hasIntercept(), weightSum);
        double[] source = data.designData();
        int row = 0;
        for (int i = 0; i < total; i++) {
            if ((selected == null || selected[i]) && data.weight(i) > 0) {
                design.weights[row] = data.weight(i);
                design.labels[row] = data.label(i);
                int offset = i * numColumns + first;
                for (int j = 0; j < numFeatures; j++) {
                    design.columns[j * numRows + row] = source[offset + j];
                }
                row++;
            }
        }
        for (int i = 0; i < numRows; i++) {
            design.weights[i] /= weightSum;
        }
        design.standardise(standardize);
        return design;
    }

    private void standardise(boolean standardize) {
        for (int j = 0; j < numFeatures; j++) {
            int offset = j * numRows;
            double firstValue = columns[offset];
            boolean differs = false;
            for (int i = 1; i < numRows && !differs; i++) {
                differs = columns[offset + i] != firstValue;
            }
            varies[j] = differs;
            scales[j] = 1;
            if (!differs) {
                continue;
            }
            double mean = 0;
            for (int i = 0; i < numRows; i++) {
                mean += weights[i] * columns[offset + i];
            }
            if (fitIntercept) {
                means[j] = mean;
                for (int i = 0; i < numRows; i++) {
                    columns[offset + i] -= mean;
                }
            }
            if (standardize) {
                double meanSquare = 0;
                for (int i = 0; i < numRows; i++) {
                    double value = columns[offset + i];
                    meanSquare += weights[i] * value * value;
                }
                // Without an intercept the column stays uncentred but is scaled by its standard deviation.
                double variance = fitIntercept ? meanSquare : meanSquare - mean * mean;
                double scale = Math.sqrt(variance);
                if (!(scale > 0)) {
                    // Distinct values whose spread rounds to 0: as constant as the fit can tell.
                    varies[j] = false;
                    continue;
                }
                scales[j] = scale;
                for (int i = 0; i < numRows; i++) {
                    columns[offset + i] /= scale;
                }
            }
        }
    }
}
