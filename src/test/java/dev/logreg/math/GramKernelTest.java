package dev.logreg.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.logreg.math.kernel.GramKernel;
import dev.logreg.math.kernel.LogisticFunctions;
import dev.logreg.math.kernel.RowBlockSums;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The blocked {@code X^T W X} kernels of {@link RowBlockSums} against the plain EJML product
 * {@code multTransA(W X, X)} on shapes that exercise every edge of the tiling (p = 1, 2, p not a
 * multiple of the vector width; N = 1, N below one block, N not a multiple of a block; zero
 * weights; with and without intercept), and whole Newton fits against a plain objective.
 */
class GramKernelTest {

    private static ForkJoinPool pool;

    @BeforeAll
    static void startPool() {
        pool = new ForkJoinPool(2);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdown();
    }

    static Stream<Arguments> shapes() {
        List<Arguments> shapes = new ArrayList<>();
        int[] columns = {1, 2, 3, 7, 17, 101};
        // One block of the Java kernels and a few more; OpenBLAS's blocks are larger (2,048 rows below p = 32).
        int[] rows = {1, 5, 128, 3 * 128 + 37, 2 * 2048 + 37};
        for (int p : columns) {
            for (int n : rows) {
                for (boolean intercept : new boolean[] {true, false}) {
                    if (p == 1 && intercept) {
                        continue; // covered by intercept-only below
                    }
                    shapes.add(Arguments.of(n, p, intercept, false));
                    shapes.add(Arguments.of(n, p, intercept, true));
                }
            }
        }
        shapes.add(Arguments.of(300, 1, true, true));
        return shapes.stream();
    }

    /**
     * Every kernel this JVM can run: the Vector API one only when its module is loaded, OpenBLAS's only where the
     * system has it (CI installs it, see {@link #theBuildRunsTestsWithOpenBlasWhereItIsRequired}).
     */
    static List<GramKernel> kernels() {
        List<GramKernel> kernels = new ArrayList<>();
        kernels.add(GramKernel.scalar());
        if (GramKernel.fastest().getClass() != GramKernel.scalar().getClass()) {
            kernels.add(GramKernel.fastest());
        }
        BlasGramKernel.load(GramKernel.fastest()).ifPresent(kernels::add);
        return kernels;
    }

    private static Optional<GramKernel> openBlas() {
        return BlasGramKernel.load(GramKernel.fastest());
    }

    @Test
    void theBuildRunsTestsWithOpenBlasWhereItIsRequired() {
        assumeTrue(
                "true".equals(System.getenv("LOGREG_TEST_BLAS_REQUIRED")),
                "OpenBLAS not required here (.ci/run installs it and sets LOGREG_TEST_BLAS_REQUIRED=true)");
        assertThat(openBlas())
                .as("Debian's libopenblas0-pthread loaded through netlib")
                .isPresent();
        assertThat(FitKernel.description()).startsWith("OpenBLAS dsyrk");
    }

    /** The two fast kernels on the same rows: every sum within 1e-12 of the other's, relative to its scale. */
    @ParameterizedTest(name = "N={0} p={1}")
    @MethodSource("wideShapes")
    void openBlasAndTheVectorApiKernelAgree(int n, int p) {
        Optional<GramKernel> blas = openBlas();
        assumeTrue(blas.isPresent(), "no OpenBLAS on this machine");
        Dataset data = dataset(n, p, true, true, 31L * p + n);
        double[] b = coefficients(p, 13);
        RowBlockSums vector = new RowBlockSums(p, GramKernel.fastest());
        RowBlockSums native_ = new RowBlockSums(p, blas.get());
        LocalRowSums.addRows(vector, data, null, 0, n, b, RowBlockSums.Content.LOSS_GRADIENT_AND_HESSIAN);
        LocalRowSums.addRows(native_, data, null, 0, n, b, RowBlockSums.Content.LOSS_GRADIENT_AND_HESSIAN);
        assertThat(native_.loss()).isEqualTo(vector.loss());
        assertThat(native_.gradient()).isEqualTo(vector.gradient());
        double[] h = vector.hessianLowerTriangle();
        double[] g = native_.hessianLowerTriangle();
        for (int j = 0; j < p; j++) {
            for (int k = 0; k <= j; k++) {
                double scale = Math.sqrt(h[j * p + j] * h[k * p + k]);
                assertThat(g[j * p + k]).as("hessian %d,%d", j, k).isCloseTo(h[j * p + k], within(1e-12 * scale));
            }
        }
    }

    static Stream<Arguments> wideShapes() {
        return Stream.of(Arguments.of(3000, 41), Arguments.of(2500, 101), Arguments.of(1200, 501));
    }

    /**
     * Whole fits (rank check, Newton, the pass after it, the statistics) on every reference fixture with OpenBLAS
     * equal those with the Vector API kernel to 1e-12 relative: coefficients, standard errors, deviance, AUC.
     */
    @Test
    void fitsOnTheReferenceFixturesAgreeAcrossKernels() throws Exception {
        Optional<GramKernel> blas = openBlas();
        assumeTrue(blas.isPresent(), "no OpenBLAS on this machine");
        SolverOptions options = new SolverOptions(100, 1e-10);
        for (ReferenceCases.Case reference : ReferenceCases.bundled()) {
            Fit vector = new LogisticRegression(pool, 2, GramKernel.fastest())
                    .fit(reference.dataset(), 0, new NewtonSolver(), options);
            Fit native_ = new LogisticRegression(pool, 2, blas.get())
                    .fit(reference.dataset(), 0, new NewtonSolver(), options);
            String what = reference.name();
            assertRelativelyClose(what + " coefficients", native_.coefficients(), vector.coefficients());
            assertRelativelyClose(
                    what + " standard errors",
                    native_.inference().standardErrors(),
                    vector.inference().standardErrors());
            assertRelativelyClose(
                    what + " deviance, AUC",
                    new double[] {
                        native_.inference().deviance(), native_.metrics().rocAuc()
                    },
                    new double[] {
                        vector.inference().deviance(), vector.metrics().rocAuc()
                    });
        }
    }

    private static void assertRelativelyClose(String what, double[] actual, double[] expected) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int j = 0; j < expected.length; j++) {
            if (Double.isNaN(expected[j])) {
                assertThat(actual[j]).as(what).isNaN();
                continue;
            }
            assertThat(actual[j])
                    .as("%s [%d]", what, j)
                    .isCloseTo(expected[j], within(1e-12 * Math.max(1e-300, Math.abs(expected[j]))));
        }
    }

    @ParameterizedTest(name = "N={0} p={1} intercept={2} zeroWeights={3}")
    @MethodSource("shapes")
    void sumsEqualThePlainEjmlProduct(int n, int p, boolean intercept, boolean zeroWeights) {
        Dataset data = dataset(n, p, intercept, zeroWeights, 17L * n + p);
        double[] b = coefficients(p, 5);
        Reference reference = new Reference(data, b);
        for (GramKernel kernel : kernels()) {
            RowBlockSums sums = new RowBlockSums(p, kernel);
            LocalRowSums.addRows(sums, data, null, 0, n, b, RowBlockSums.Content.LOSS_GRADIENT_AND_HESSIAN);
            String what = kernel.description();
            assertThat(sums.loss()).as(what).isCloseTo(reference.loss, within(1e-12 * reference.loss));
            for (int j = 0; j < p; j++) {
                double scale = reference.gradientScale[j] + Double.MIN_NORMAL;
                assertThat(sums.gradient()[j])
                        .as("%s gradient %d", what, j)
                        .isCloseTo(reference.gradient[j], within(1e-12 * scale));
            }
            double[] lower = sums.hessianLowerTriangle();
            for (int j = 0; j < p; j++) {
                for (int k = 0; k < p; k++) {
                    if (k > j) {
                        assertThat(lower[j * p + k])
                                .as("%s above the diagonal", what)
                                .isZero();
                        continue;
                    }
                    // |sum c x_j x_k| <= sqrt(H_jj H_kk) bounds the size of every term's sum.
                    double scale =
                            Math.sqrt(reference.hessian.get(j, j) * reference.hessian.get(k, k)) + Double.MIN_NORMAL;
                    assertThat(lower[j * p + k])
                            .as("%s hessian %d,%d", what, j, k)
                            .isCloseTo(reference.hessian.get(j, k), within(1e-12 * scale));
                }
            }
        }
    }

    @ParameterizedTest(name = "p={0}")
    @ValueSource(ints = {3, 17, 101})
    void repeatedCallsReuseTheBuffersAndAccumulate(int p) {
        Dataset data = dataset(700, p, true, true, 3);
        double[] b = coefficients(p, 9);
        RowBlockSums once = new RowBlockSums(p);
        LocalRowSums.addRows(once, data, null, 0, 700, b, RowBlockSums.Content.LOSS_GRADIENT_AND_HESSIAN);
        RowBlockSums pieces = new RowBlockSums(p);
        LocalRowSums.addRows(pieces, data, null, 0, 250, b, RowBlockSums.Content.LOSS_GRADIENT_AND_HESSIAN);
        LocalRowSums.addRows(pieces, data, null, 250, 251, b, RowBlockSums.Content.LOSS);
        LocalRowSums.addRows(pieces, data, null, 250, 700, b, RowBlockSums.Content.LOSS_GRADIENT_AND_HESSIAN);
        LocalRowSums.addRows(pieces, data, null, 0, 0, b, RowBlockSums.Content.LOSS_GRADIENT_AND_HESSIAN);
        RowBlockSums row250 = new RowBlockSums(p);
        LocalRowSums.addRows(row250, data, null, 250, 251, b, RowBlockSums.Content.LOSS);

        assertThat(pieces.loss() - row250.loss()).isCloseTo(once.loss(), within(1e-12 * once.loss()));
        for (int j = 0; j < p; j++) {
            assertThat(pieces.gradient()[j]).isCloseTo(once.gradient()[j], within(1e-12 * 700));
        }
        for (int j = 0; j < p * p; j++) {
            assertThat(pieces.hessianLowerTriangle()[j]).isCloseTo(once.hessianLowerTriangle()[j], within(1e-12 * 700));
        }
    }

    @ParameterizedTest(name = "d={0} intercept={1}")
    @MethodSource("fits")
    void newtonFitsEqualThoseOnThePlainObjective(int d, boolean intercept, double l2) {
        int n = 4000;
        Dataset data = dataset(n, d + (intercept ? 1 : 0), intercept, true, 23L + d);
        NewtonSolver solver = new NewtonSolver();
        SolverOptions options = new SolverOptions(100, 1e-10);
        FitResult fast = solver.minimize(
                new LogisticLoss(new LocalRowSums(data, 2, pool), l2, intercept),
                new double[data.numColumns()],
                options);
        FitResult plain = solver.minimize(new PlainObjective(data, l2), new double[data.numColumns()], options);

        assertThat(fast.converged()).isTrue();
        assertThat(plain.converged()).isTrue();
        for (int j = 0; j < data.numColumns(); j++) {
            double expected = plain.coefficients()[j];
            assertThat(fast.coefficients()[j])
                    .as("coefficient %d", j)
                    .isCloseTo(expected, within(1e-10 * Math.max(1, Math.abs(expected))));
        }
        assertThat(fast.loss()).isCloseTo(plain.loss(), within(1e-12));
    }

    static Stream<Arguments> fits() {
        return Stream.of(Arguments.of(6, true, 0.0), Arguments.of(16, false, 0.0), Arguments.of(40, true, 0.01));
    }

    /** N x p rows: standard normal features, 0/1 labels from a logistic model, weights 0..3 or 1. */
    private static Dataset dataset(int n, int p, boolean intercept, boolean zeroWeights, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int d = p - (intercept ? 1 : 0);
        double[][] features = new double[n][d];
        double[] labels = new double[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            double u = intercept ? 0.2 : 0;
            for (int j = 0; j < d; j++) {
                features[i][j] = TestData.gaussian(random) * (1 + j % 3);
                u += features[i][j] * (j % 2 == 0 ? 0.4 : -0.3) / Math.sqrt(1 + j);
            }
            labels[i] = random.nextDouble() < LogisticFunctions.sigmoid(u) ? 1 : 0;
            weights[i] = zeroWeights ? random.nextInt(4) : 1;
        }
        weights[0] = Math.max(weights[0], 1);
        return TestData.of(features, labels, weights, intercept);
    }

    private static double[] coefficients(int p, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] b = new double[p];
        for (int j = 0; j < p; j++) {
            b[j] = random.nextDouble(-0.5, 0.5);
        }
        return b;
    }

    /**
     * The sums written out plainly, the Hessian as EJML's {@code (W X)^T X}; the loss compensated
     * as {@link RowBlockSums} documents, or Newton's machine-precision stop would differ.
     */
    private static final class Reference {
        final double loss;
        final double[] gradient;
        /** {@code sum_i w_i |x_ij|}, a bound on the size of gradient j's terms. */
        final double[] gradientScale;

        final DMatrixRMaj hessian;

        Reference(Dataset data, double[] b) {
            int n = data.numSamples();
            int p = data.numColumns();
            DMatrixRMaj x = data.design();
            DMatrixRMaj weighted = new DMatrixRMaj(n, p);
            double total = 0;
            double compensation = 0;
            gradient = new double[p];
            gradientScale = new double[p];
            for (int i = 0; i < n; i++) {
                double u = 0;
                for (int j = 0; j < p; j++) {
                    u += x.get(i, j) * b[j];
                }
                double w = data.weight(i);
                double y = data.label(i);
                double mu = LogisticFunctions.sigmoid(u);
                double term = w * LogisticFunctions.crossEntropy(u, y) - compensation;
                double next = total + term;
                compensation = (next - total) - term;
                total = next;
                for (int j = 0; j < p; j++) {
                    gradient[j] += w * (mu - y) * x.get(i, j);
                    gradientScale[j] += w * Math.abs(x.get(i, j));
                    weighted.set(i, j, w * mu * (1 - mu) * x.get(i, j));
                }
            }
            loss = total;
            hessian = new DMatrixRMaj(p, p);
            CommonOps_DDRM.multTransA(weighted, x, hessian);
        }
    }

    /** {@link LogisticLoss}'s objective computed by {@link Reference}: no blocks, no kernels. */
    private static final class PlainObjective implements Objective {
        private final Dataset data;
        private final double l2;

        PlainObjective(Dataset data, double l2) {
            this.data = data;
            this.l2 = l2;
        }

        @Override
        public int dimension() {
            return data.numColumns();
        }

        @Override
        public double value(double[] b) {
            return evaluate(b, null, null);
        }

        @Override
        public double evaluate(double[] b, double[] gradient, DMatrixRMaj hessian) {
            Reference sums = new Reference(data, b);
            int p = b.length;
            int first = data.hasIntercept() ? 1 : 0;
            double scale = 1.0 / data.totalWeight();
            double penalty = 0;
            for (int j = first; j < p; j++) {
                penalty += b[j] * b[j];
            }
            if (gradient != null) {
                for (int j = 0; j < p; j++) {
                    gradient[j] = scale * sums.gradient[j] + (j >= first ? l2 * b[j] : 0);
                }
            }
            if (hessian != null) {
                hessian.reshape(p, p);
                CommonOps_DDRM.scale(scale, sums.hessian, hessian);
                for (int j = first; j < p; j++) {
                    hessian.add(j, j, l2);
                }
            }
            return scale * sums.loss + 0.5 * l2 * penalty;
        }
    }
}
