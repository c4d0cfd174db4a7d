package dev.logreg.math;

import dev.logreg.math.kernel.GramKernel;

/**
 * The {@link GramKernel} of the service's in-memory fits, chosen once per JVM: OpenBLAS's {@code dsyrk}
 * ({@link BlasGramKernel}) when the system has OpenBLAS (Debian's {@code libopenblas0-pthread}, which the container
 * image installs), otherwise the Java kernel, {@link GramKernel#fastest()} (the Vector API, or scalar Java without
 * the {@code jdk.incubator.vector} module). The system property {@value #CHOICE_PROPERTY}{@code =java} keeps to the
 * Java kernel. Each kernel gives the same bits for the same data, options and thread count; the two differ by
 * rounding, which is why the provenance of a model names its kernel.
 */
public final class FitKernel {

    /** {@code java} keeps the fits on the Java kernel even where OpenBLAS is installed. */
    public static final String CHOICE_PROPERTY = "logreg.gram-kernel";

    private static final GramKernel KERNEL = choose();

    private FitKernel() {}

    /** The kernel; its choice never fails: a missing or unloadable OpenBLAS means the Java kernel. */
    static GramKernel get() {
        return KERNEL;
    }

    /** Which kernel computes the fits' {@code X^T W X} in this JVM, for logs, benchmarks and provenance. */
    public static String description() {
        return KERNEL.description();
    }

    private static GramKernel choose() {
        GramKernel java = GramKernel.fastest();
        if ("java".equals(System.getProperty(CHOICE_PROPERTY))) {
            return java;
        }
        return BlasGramKernel.load(java).orElse(java);
    }
}
