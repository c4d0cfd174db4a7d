package dev.logreg.math.kernel;

/**
 * The inner loops of {@link RowBlockSums}: the margins {@code u_i = xhat_i^T b} and the weighted
 * Gram matrix of a block of rows,
 *
 * <pre>
 *   G[j][k] += sum_{r < count} c_r x_rj x_rk      for k <= j < p,
 * </pre>
 *
 * the block's share of {@code X^T W X}. The rows come packed by the caller: row {@code r} of the
 * block at {@code rows[r * width ..]}, zero beyond column p, and the same row times its curvature
 * {@code c_r} at {@code weightedRows[r * width ..]}; {@code G} is {@code width x width} row-major.
 * Padding to {@link #paddedWidth} lets the kernel work on whole tiles without remainder loops.
 *
 * <p>Here two implementations: {@link VectorGramKernel} (the Vector API, register-blocked tiles) when the
 * {@code jdk.incubator.vector} module is present, otherwise {@link ScalarGramKernel}; {@link #fastest()} decides
 * once per JVM. The service's in-memory fits add OpenBLAS's {@code dsyrk} on blocks of rows scaled by
 * {@code sqrt(c_r)}, which its {@link #pack} writes ({@code dev.logreg.math.BlasGramKernel}). Implementations
 * allocate nothing per call.
 */
public interface GramKernel {

    /** The row stride of the packed buffers for {@code numColumns} columns: p rounded up. */
    int paddedWidth(int numColumns);

    /** {@code sum_{j < length} x[offset + j] b[j]}. */
    double dot(double[] x, int offset, double[] b, int length);

    /**
     * {@code target[j] += scale * x[offset + j]} for {@code j < length}, each a product then a sum
     * (no fused multiply-add), so every kernel gives the scalar loop's results bit for bit.
     */
    void addScaled(double scale, double[] x, int offset, double[] target, int length);

    /**
     * Adds the block's weighted Gram matrix to {@code gram}: exact sums for {@code k <= j < p};
     * entries above the diagonal and in the padding receive unspecified values.
     *
     * @param rows {@code count x width}, the rows zero-padded
     * @param weightedRows {@code count x width}, each row times its curvature
     * @param count the number of rows in the block
     * @param width the padded width, {@link #paddedWidth}{@code (numColumns)}
     * @param numColumns p
     * @param gram {@code width x width}, row-major
     */
    void addGram(double[] rows, double[] weightedRows, int count, int width, int numColumns, double[] gram);

    /** A short name for logs and benchmarks. */
    String description();

    /**
     * Rows per block of {@link #addGram}: a 3-vector column panel of a block (128 x 24 doubles with AVX-512) fits
     * in L1 next to the Java kernels' tiles; 256 measured slower (the panel no longer fits), 64 no faster
     * (BENCHMARKS.md).
     */
    default int blockRows(int numColumns) {
        return 128;
    }

    /**
     * Packs a row of weight {@code weight >= 0} into slot {@code packed} of a block, as {@link #addGram} reads it:
     * {@code rows[packed + j] = x[offset + j]} and {@code weightedRows[packed + j] = weight x[offset + j]} for
     * {@code j < numColumns}. Modifies only the two buffers.
     */
    default void pack(
            double[] x, int offset, int numColumns, double weight, double[] rows, double[] weightedRows, int packed) {
        for (int j = 0; j < numColumns; j++) {
            double value = x[offset + j];
            rows[packed + j] = value;
            weightedRows[packed + j] = weight * value;
        }
    }

    /**
     * The Vector API kernel when {@code jdk.incubator.vector} can be loaded, else the scalar one: the kernel every
     * JVM can run, a Spark executor's included. The service's in-memory fits may use OpenBLAS instead
     * ({@code dev.logreg.math.FitKernel}), which stays out of this package and so out of the executors' jar.
     */
    static GramKernel fastest() {
        return Detected.KERNEL;
    }

    /** The plain Java kernel, which every JVM can run (tests compare the kernels). */
    static GramKernel scalar() {
        return new ScalarGramKernel();
    }

    /** Detection runs once, on first use, and never fails: a missing module means the scalar kernel. */
    final class Detected {
        static final GramKernel KERNEL = detect();

        private Detected() {}

        private static GramKernel detect() {
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
                try {
                    // Reflection keeps this class loadable when the module is absent.
                    return (GramKernel) Class.forName(GramKernel.class.getPackageName() + ".VectorGramKernel")
                            .getDeclaredConstructor()
                            .newInstance();
                } catch (ReflectiveOperationException | LinkageError unavailable) {
                    return new ScalarGramKernel();
                }
            }
            return new ScalarGramKernel();
        }
    }
}
