package dev.logreg.math;

import dev.logreg.math.kernel.GramKernel;
import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@link GramKernel} on the system's OpenBLAS, through {@code dev.ludovic.netlib}'s JNI binding: each block's
 * rows are packed scaled by the square root of their weight, {@code z_r = sqrt(c_r) x_r}, and one {@code dsyrk}
 * adds {@code Z^T Z = X_b^T diag(c) X_b} to the Gram matrix. The packed block, row-major {@code count x width}, is
 * column-major {@code width x count} to BLAS; the column-major upper triangle it updates is the row-major lower
 * triangle the other kernels fill. The margins and the gradient ({@link #dot}, {@link #addScaled}) are those of the
 * Java kernel it is given, so they round as that kernel does.
 *
 * <p>Blocks are larger than the Java kernels' ({@link #blockRows}): a call into BLAS costs a JNI transition and
 * OpenBLAS's packing, which a {@code k} of a few hundred rows amortises. OpenBLAS runs each call on
 * {@code OPENBLAS_NUM_THREADS} threads, read when the library loads; the fit already splits the rows across its
 * workers, so the service sets it to 1 (the Dockerfile, {@code bench/run.sh}, Surefire). The results are bit for bit
 * the same for the same library, CPU and thread count, like the other kernels'; they differ from them by rounding.
 *
 * <p>Chosen by {@link FitKernel} for the service's in-memory fits. It lives outside {@code dev.logreg.math.kernel}, so
 * the executor jar of a Spark source holds neither it nor netlib: executors sum with {@link GramKernel#fastest()}.
 */
final class BlasGramKernel implements GramKernel {

    /** Where netlib's JNI library looks for the BLAS to load. */
    static final String LIBRARY_PROPERTY = "dev.ludovic.netlib.blas.nativeLibPath";

    /** Debian's OpenBLAS variants, under {@code /usr/lib/<multiarch>/}: each ships a {@code libblas.so.3}. */
    private static final List<String> OPENBLAS_DIRECTORIES =
            List.of("openblas-pthread", "openblas-openmp", "openblas-serial");

    /** At least this many rows per {@code dsyrk}, and blocks of about {@link #BLOCK_DOUBLES} doubles beyond. */
    private static final int MIN_BLOCK_ROWS = 256;

    private static final int MAX_BLOCK_ROWS = 2048;
    private static final int BLOCK_DOUBLES = 1 << 16;

    private final BLAS blas;
    private final GramKernel margins;
    private final String library;

    private BlasGramKernel(BLAS blas, GramKernel margins, String library) {
        this.blas = blas;
        this.margins = margins;
        this.library = library;
    }

    /**
     * The kernel on the system's OpenBLAS, with {@code margins} for the margins and the gradient; empty when no
     * OpenBLAS library is found or netlib cannot load it. Points netlib at the library found unless
     * {@value #LIBRARY_PROPERTY} is already set (then that library is used, whatever it is). Never throws.
     */
    static Optional<GramKernel> load(GramKernel margins) {
        try {
            String library = System.getProperty(LIBRARY_PROPERTY);
            if (library == null) {
                Optional<Path> openBlas = systemOpenBlas();
                if (openBlas.isEmpty()) {
                    return Optional.empty();
                }
                library = openBlas.get().toString();
                System.setProperty(LIBRARY_PROPERTY, library);
            }
            return Optional.of(new BlasGramKernel(NativeBLAS.getInstance(), margins, library));
        } catch (RuntimeException | LinkageError unavailable) {
            // netlib throws RuntimeException("Unable to load native implementation") when dlopen fails.
            return Optional.empty();
        }
    }

    /** The first of Debian's OpenBLAS {@code libblas.so.3} for this machine's architecture that exists. */
    private static Optional<Path> systemOpenBlas() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String multiarch = switch (arch) {
            case "amd64", "x86_64" -> "x86_64-linux-gnu";
            case "aarch64", "arm64" -> "aarch64-linux-gnu";
            default -> null;
        };
        if (multiarch == null) {
            return Optional.empty();
        }
        for (String directory : OPENBLAS_DIRECTORIES) {
            Path candidate = Path.of("/usr/lib", multiarch, directory, "libblas.so.3");
            if (Files.isReadable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Override
    public int paddedWidth(int numColumns) {
        return numColumns;
    }

    @Override
    public int blockRows(int numColumns) {
        return Math.max(MIN_BLOCK_ROWS, Math.min(MAX_BLOCK_ROWS, BLOCK_DOUBLES / numColumns));
    }

    @Override
    public double dot(double[] x, int offset, double[] b, int length) {
        return margins.dot(x, offset, b, length);
    }

    @Override
    public void addScaled(double scale, double[] x, int offset, double[] target, int length) {
        margins.addScaled(scale, x, offset, target, length);
    }

    /** Writes {@code sqrt(weight) x} to {@code rows}; {@code weightedRows} is not used. */
    @Override
    public void pack(
            double[] x, int offset, int numColumns, double weight, double[] rows, double[] weightedRows, int packed) {
        double scale = Math.sqrt(weight);
        for (int j = 0; j < numColumns; j++) {
            rows[packed + j] = scale * x[offset + j];
        }
    }

    /** One {@code dsyrk}: {@code gram += Z^T Z} on the lower triangle (row-major), Z the packed rows. */
    @Override
    public void addGram(double[] rows, double[] weightedRows, int count, int width, int numColumns, double[] gram) {
        if (count > 0) {
            blas.dsyrk("U", "N", numColumns, count, 1.0, rows, 0, width, 1.0, gram, 0, width);
        }
    }

    @Override
    public String description() {
        String threads = System.getenv("OPENBLAS_NUM_THREADS");
        return "OpenBLAS dsyrk (" + library + ", OPENBLAS_NUM_THREADS=" + (threads == null ? "unset" : threads)
                + "); margins: " + margins.description();
    }
}
