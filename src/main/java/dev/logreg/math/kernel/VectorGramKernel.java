package dev.logreg.math.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link GramKernel} on the Vector API ({@code jdk.incubator.vector}, the widest species the
 * CPU has: 8 doubles with AVX-512, 4 with AVX2). The Gram matrix is cut into tiles of 4 rows by 3
 * vectors of columns whose 12 partial sums stay in registers while the block's rows stream
 * through: per row, 3 vector loads and 4 broadcasts feed 12 fused multiply-adds. Column panels
 * are the outer loop, so one panel of the block ({@code 128 x 3 x 8} doubles) stays in L1 while
 * every tile below the diagonal reads it. Measured against alternatives in BENCHMARKS.md.
 *
 * <p>Only loaded, by reflection, when the module is present ({@link GramKernel#fastest()}).
 */
final class VectorGramKernel implements GramKernel {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int TILE_ROWS = 4;
    private static final int TILE_VECTORS = 3;
    private static final int PANEL = TILE_VECTORS * LANES;

    @Override
    public int paddedWidth(int numColumns) {
        int unit = Math.max(LANES, TILE_ROWS);
        return (numColumns + unit - 1) / unit * unit;
    }

    @Override
    public double dot(double[] x, int offset, double[] b, int length) {
        int j = 0;
        double sum = 0;
        if (length >= 2 * LANES) {
            DoubleVector even = DoubleVector.zero(SPECIES);
            DoubleVector odd = DoubleVector.zero(SPECIES);
            for (; j + 2 * LANES <= length; j += 2 * LANES) {
                even = DoubleVector.fromArray(SPECIES, x, offset + j).fma(DoubleVector.fromArray(SPECIES, b, j), even);
                odd = DoubleVector.fromArray(SPECIES, x, offset + j + LANES)
                        .fma(DoubleVector.fromArray(SPECIES, b, j + LANES), odd);
            }
            sum = even.add(odd).reduceLanes(VectorOperators.ADD);
        }
        for (; j < length; j++) {
            sum += x[offset + j] * b[j];
        }
        return sum;
    }

    @Override
    public void addScaled(double scale, double[] x, int offset, double[] target, int length) {
        int j = 0;
        DoubleVector factor = DoubleVector.broadcast(SPECIES, scale);
        for (int upper = SPECIES.loopBound(length); j < upper; j += LANES) {
            DoubleVector.fromArray(SPECIES, x, offset + j)
                    .mul(factor)
                    .add(DoubleVector.fromArray(SPECIES, target, j))
                    .intoArray(target, j);
        }
        for (; j < length; j++) {
            target[j] += scale * x[offset + j];
        }
    }

    @Override
    public void addGram(double[] rows, double[] weightedRows, int count, int width, int numColumns, double[] gram) {
        int k0 = 0;
        for (; k0 + PANEL <= width; k0 += PANEL) {
            for (int j0 = k0 / TILE_ROWS * TILE_ROWS; j0 < numColumns; j0 += TILE_ROWS) {
                int columnEnd = tileColumnEnd(j0, width);
                if (columnEnd >= k0 + PANEL) {
                    addTile4x3(rows, weightedRows, count, width, gram, j0, k0);
                } else {
                    for (int k = k0; k < columnEnd; k += LANES) {
                        addTile4x1(rows, weightedRows, count, width, gram, j0, k);
                    }
                }
            }
        }
        for (; k0 < width; k0 += LANES) {
            for (int j0 = k0 / TILE_ROWS * TILE_ROWS; j0 < numColumns; j0 += TILE_ROWS) {
                addTile4x1(rows, weightedRows, count, width, gram, j0, k0);
            }
        }
    }

    /** Where the columns a tile of rows {@code [j0, j0 + 4)} needs end: past its diagonal, whole vectors. */
    private static int tileColumnEnd(int j0, int width) {
        return Math.min(width, (j0 + TILE_ROWS + LANES - 1) / LANES * LANES);
    }

    private static void addTile4x3(
            double[] rows, double[] weightedRows, int count, int width, double[] gram, int j0, int k0) {
        int g0 = j0 * width + k0;
        int g1 = g0 + width;
        int g2 = g1 + width;
        int g3 = g2 + width;
        DoubleVector s00 = DoubleVector.fromArray(SPECIES, gram, g0);
        DoubleVector s01 = DoubleVector.fromArray(SPECIES, gram, g0 + LANES);
        DoubleVector s02 = DoubleVector.fromArray(SPECIES, gram, g0 + 2 * LANES);
        DoubleVector s10 = DoubleVector.fromArray(SPECIES, gram, g1);
        DoubleVector s11 = DoubleVector.fromArray(SPECIES, gram, g1 + LANES);
        DoubleVector s12 = DoubleVector.fromArray(SPECIES, gram, g1 + 2 * LANES);
        DoubleVector s20 = DoubleVector.fromArray(SPECIES, gram, g2);
        DoubleVector s21 = DoubleVector.fromArray(SPECIES, gram, g2 + LANES);
        DoubleVector s22 = DoubleVector.fromArray(SPECIES, gram, g2 + 2 * LANES);
        DoubleVector s30 = DoubleVector.fromArray(SPECIES, gram, g3);
        DoubleVector s31 = DoubleVector.fromArray(SPECIES, gram, g3 + LANES);
        DoubleVector s32 = DoubleVector.fromArray(SPECIES, gram, g3 + 2 * LANES);
        for (int r = 0, offset = 0; r < count; r++, offset += width) {
            DoubleVector x0 = DoubleVector.fromArray(SPECIES, rows, offset + k0);
            DoubleVector x1 = DoubleVector.fromArray(SPECIES, rows, offset + k0 + LANES);
            DoubleVector x2 = DoubleVector.fromArray(SPECIES, rows, offset + k0 + 2 * LANES);
            DoubleVector a = DoubleVector.broadcast(SPECIES, weightedRows[offset + j0]);
            s00 = x0.fma(a, s00);
            s01 = x1.fma(a, s01);
            s02 = x2.fma(a, s02);
            a = DoubleVector.broadcast(SPECIES, weightedRows[offset + j0 + 1]);
            s10 = x0.fma(a, s10);
            s11 = x1.fma(a, s11);
            s12 = x2.fma(a, s12);
            a = DoubleVector.broadcast(SPECIES, weightedRows[offset + j0 + 2]);
            s20 = x0.fma(a, s20);
            s21 = x1.fma(a, s21);
            s22 = x2.fma(a, s22);
            a = DoubleVector.broadcast(SPECIES, weightedRows[offset + j0 + 3]);
            s30 = x0.fma(a, s30);
            s31 = x1.fma(a, s31);
            s32 = x2.fma(a, s32);
        }
        s00.intoArray(gram, g0);
        s01.intoArray(gram, g0 + LANES);
        s02.intoArray(gram, g0 + 2 * LANES);
        s10.intoArray(gram, g1);
        s11.intoArray(gram, g1 + LANES);
        s12.intoArray(gram, g1 + 2 * LANES);
        s20.intoArray(gram, g2);
        s21.intoArray(gram, g2 + LANES);
        s22.intoArray(gram, g2 + 2 * LANES);
        s30.intoArray(gram, g3);
        s31.intoArray(gram, g3 + LANES);
        s32.intoArray(gram, g3 + 2 * LANES);
    }

    private static void addTile4x1(
            double[] rows, double[] weightedRows, int count, int width, double[] gram, int j0, int k0) {
        int g0 = j0 * width + k0;
        int g1 = g0 + width;
        int g2 = g1 + width;
        int g3 = g2 + width;
        DoubleVector s0 = DoubleVector.fromArray(SPECIES, gram, g0);
        DoubleVector s1 = DoubleVector.fromArray(SPECIES, gram, g1);
        DoubleVector s2 = DoubleVector.fromArray(SPECIES, gram, g2);
        DoubleVector s3 = DoubleVector.fromArray(SPECIES, gram, g3);
        for (int r = 0, offset = 0; r < count; r++, offset += width) {
            DoubleVector x0 = DoubleVector.fromArray(SPECIES, rows, offset + k0);
            s0 = x0.fma(DoubleVector.broadcast(SPECIES, weightedRows[offset + j0]), s0);
            s1 = x0.fma(DoubleVector.broadcast(SPECIES, weightedRows[offset + j0 + 1]), s1);
            s2 = x0.fma(DoubleVector.broadcast(SPECIES, weightedRows[offset + j0 + 2]), s2);
            s3 = x0.fma(DoubleVector.broadcast(SPECIES, weightedRows[offset + j0 + 3]), s3);
        }
        s0.intoArray(gram, g0);
        s1.intoArray(gram, g1);
        s2.intoArray(gram, g2);
        s3.intoArray(gram, g3);
    }

    @Override
    public String description() {
        return "Vector API, " + LANES + " doubles per vector";
    }
}
