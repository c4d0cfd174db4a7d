package dev.logreg.math.kernel;

/**
 * The {@link GramKernel} in plain Java, used when the Vector API module is absent: for four Gram
 * rows at a time, each packed row updates them in one pass over its columns (four multiply-adds
 * per value read), the inner loop a straight run that C2 can unroll. About 5-7 GF/s on one core,
 * against 30-90 for {@link VectorGramKernel} (BENCHMARKS.md).
 */
final class ScalarGramKernel implements GramKernel {

    private static final int TILE_ROWS = 4;

    @Override
    public int paddedWidth(int numColumns) {
        return (numColumns + TILE_ROWS - 1) / TILE_ROWS * TILE_ROWS;
    }

    @Override
    public double dot(double[] x, int offset, double[] b, int length) {
        double sum = 0;
        for (int j = 0; j < length; j++) {
            sum += x[offset + j] * b[j];
        }
        return sum;
    }

    @Override
    public void addScaled(double scale, double[] x, int offset, double[] target, int length) {
        for (int j = 0; j < length; j++) {
            target[j] += scale * x[offset + j];
        }
    }

    @Override
    public void addGram(double[] rows, double[] weightedRows, int count, int width, int numColumns, double[] gram) {
        for (int j0 = 0; j0 < numColumns; j0 += TILE_ROWS) {
            int columns = j0 + TILE_ROWS;
            int g0 = j0 * width;
            int g1 = g0 + width;
            int g2 = g1 + width;
            int g3 = g2 + width;
            for (int r = 0, offset = 0; r < count; r++, offset += width) {
                double a0 = weightedRows[offset + j0];
                double a1 = weightedRows[offset + j0 + 1];
                double a2 = weightedRows[offset + j0 + 2];
                double a3 = weightedRows[offset + j0 + 3];
                for (int k = 0; k < columns; k++) {
                    double value = rows[offset + k];
                    gram[g0 + k] += a0 * value;
                    gram[g1 + k] += a1 * value;
                    gram[g2 + k] += a2 * value;
                    gram[g3 + k] += a3 * value;
                }
            }
        }
    }

    @Override
    public String description() {
        return "scalar Java (jdk.incubator.vector not loaded)";
    }
}
