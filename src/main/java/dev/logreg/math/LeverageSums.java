package dev.logreg.math;

import dev.logreg.math.kernel.GramKernel;
import dev.logreg.math.kernel.LogisticFunctions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import org.ejml.data.DMatrixRMaj;

/**
 * The sums over rows that need each row's hat value, the diagonal of
 * {@code W^1/2 X C X^T W^1/2} with {@code C = (X^T W X)^-1}:
 *
 * <pre>
 *   h_i = c_i xhat_i^T C xhat_i,   c_i = w_i mu_i (1 - mu_i),   mu_i = sigma(o_i + xhat_i^T b)
 * </pre>
 *
 * Firth's score adjustment {@code sum_i h_i (1/2 - mu_i) xhat_i} and the meat of the sandwich
 * covariances {@code sum_i omega_i xhat_i xhat_i^T} ({@link CovarianceType}). Rows are split into
 * one contiguous range per worker as in {@link LocalRowSums}; each worker owns its accumulators,
 * allocated once, so a pass allocates nothing per row. One instance per fit, not thread-safe.
 */
final class LeverageSums {

    /** Below this many multiply-adds per pass, the fork costs more than it saves. */
    private static final long MIN_WORK_PER_WORKER = 200_000;
    /** {@code 1 - h_i} at or below this leaves HC2 and HC3 undefined (sandwich's own threshold). */
    private static final double UNSTABLE_LEVERAGE = Math.sqrt(Math.ulp(1.0));

    private final Dataset data;
    private final ForkJoinPool pool;
    private final Worker[] workers;

    LeverageSums(Dataset data, int parallelism, ForkJoinPool pool, GramKernel kernel) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        this.data = data;
        this.pool = pool;
        int numSamples = data.numSamples();
        int p = data.numColumns();
        long work = (long) numSamples * p * p;
        int count = (int) Math.max(1, Math.min(parallelism, work / MIN_WORK_PER_WORKER));
        count = Math.min(count, numSamples);
        this.workers = new Worker[count];
        for (int k = 0; k < count; k++) {
            workers[k] = new Worker(
                    (int) ((long) numSamples * k / count), (int) ((long) numSamples * (k + 1) / count), p, kernel);
        }
    }

    /**
     * Writes Firth's adjustment of the score, {@code sum_i h_i (1/2 - mu_i) xhat_i}, into
     * {@code adjustment} (length p; the only argument modified).
     *
     * @param inverseInformation {@code C = (X^T W X)^-1} at {@code b}, symmetric
     */
    void firthAdjustment(double[] b, DMatrixRMaj inverseInformation, double[] adjustment) {
        run(worker -> worker.firthAdjustment(data, b, inverseInformation.data));
        Arrays.fill(adjustment, 0);
        for (Worker worker : workers) {
            for (int j = 0; j < adjustment.length; j++) {
                adjustment[j] += worker.vector[j];
            }
        }
    }

    /**
     * Writes the meat {@code sum_i omega_i xhat_i xhat_i^T} of {@code type} into {@code meat}
     * (p x p, full; the only argument modified), with {@code omega_i} before HC1's factor
     * {@code n / (n - p)}, which the caller applies. A hat value within {@code sqrt(eps)} of 1 (a
     * row the fit reproduces exactly, where R's sandwich warns that HC2 and HC3 are numerically
     * unstable) makes the meat NaN.
     *
     * @param inverseInformation {@code C} at {@code b}, symmetric; read only for HC2 and HC3
     */
    void robustMeat(double[] b, DMatrixRMaj inverseInformation, CovarianceType type, DMatrixRMaj meat) {
        if (type == CovarianceType.MODEL) {
            throw new IllegalArgumentException("the model covariance has no meat");
        }
        run(worker -> worker.robustMeat(data, b, inverseInformation.data, type));
        int p = data.numColumns();
        meat.reshape(p, p);
        meat.zero();
        for (Worker worker : workers) {
            int width = worker.width;
            for (int j = 0; j < p; j++) {
                for (int k = 0; k <= j; k++) {
                    meat.data[j * p + k] += worker.gram[j * width + k];
                }
            }
        }
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < j; k++) {
                meat.data[k * p + j] = meat.data[j * p + k];
            }
        }
    }

    private interface Pass {
        void apply(Worker worker);
    }

    private void run(Pass pass) {
        if (workers.length == 1) {
            pass.apply(workers[0]);
            return;
        }
        List<RecursiveAction> tasks = new ArrayList<>(workers.length);
        for (Worker worker : workers) {
            tasks.add(new RecursiveAction() {
                @Override
                protected void compute() {
                    pass.apply(worker);
                }
            });
        }
        pool.invoke(new RecursiveAction() {
            @Override
            protected void compute() {
                invokeAll(tasks);
            }
        });
    }

    /** {@code x^T C x} for the row at {@code offset}, from C's lower triangle; allocates nothing. */
    private static double quadraticForm(double[] x, int offset, double[] inverse, int p) {
        double sum = 0;
        for (int j = 0; j < p; j++) {
            double xj = x[offset + j];
            int rowStart = j * p;
            double inner = 0;
            for (int k = 0; k < j; k++) {
                inner += inverse[rowStart + k] * x[offset + k];
            }
            sum += xj * (2 * inner + inverse[rowStart + j] * xj);
        }
        return sum;
    }

    /** One range of rows and its accumulators. */
    private static final class Worker {
        private final int from;
        private final int to;
        private final double[] vector;
        private final GramKernel kernel;
        private int width;
        private double[] blockRows;
        private double[] blockWeightedRows;
        private double[] gram;

        Worker(int from, int to, int p, GramKernel kernel) {
            this.kernel = kernel;
            this.from = from;
            this.to = to;
            this.vector = new double[p];
        }

        void firthAdjustment(Dataset data, double[] b, double[] inverse) {
            double[] x = data.designData();
            double[] weights = data.weights();
            int p = vector.length;
            Arrays.fill(vector, 0);
            for (int row = from; row < to; row++) {
                double weight = weights[row];
                if (weight == 0) {
                    continue;
                }
                int offset = row * p;
                double mu = LogisticFunctions.sigmoid(kernel.dot(x, offset, b, p) + data.offset(row));
                double hat = weight * mu * (1 - mu) * quadraticForm(x, offset, inverse, p);
                kernel.addScaled(hat * (0.5 - mu), x, offset, vector, p);
            }
        }

        void robustMeat(Dataset data, double[] b, double[] inverse, CovarianceType type) {
            double[] x = data.designData();
            double[] labels = data.labels();
            double[] weights = data.weights();
            int p = vector.length;
            if (gram == null) {
                width = kernel.paddedWidth(p);
                blockRows = new double[kernel.blockRows(p) * width];
                blockWeightedRows = new double[kernel.blockRows(p) * width];
                gram = new double[width * width];
            } else {
                Arrays.fill(gram, 0);
            }
            int blockCount = 0;
            for (int row = from; row < to; row++) {
                double weight = weights[row];
                if (weight == 0) {
                    continue;
                }
                int offset = row * p;
                double mu = LogisticFunctions.sigmoid(kernel.dot(x, offset, b, p) + data.offset(row));
                double residual = weight * (labels[row] - mu);
                double omega = residual * residual;
                if (type.needsHatValues()) {
                    double leverage = 1 - weight * mu * (1 - mu) * quadraticForm(x, offset, inverse, p);
                    omega = !(leverage > UNSTABLE_LEVERAGE)
                            ? Double.NaN
                            : type == CovarianceType.HC2 ? omega / leverage : omega / (leverage * leverage);
                }
                if (omega == 0) {
                    continue;
                }
                kernel.pack(x, offset, p, omega, blockRows, blockWeightedRows, blockCount * width);
                if (++blockCount == kernel.blockRows(p)) {
                    kernel.addGram(blockRows, blockWeightedRows, blockCount, width, p, gram);
                    blockCount = 0;
                }
            }
            if (blockCount > 0) {
                kernel.addGram(blockRows, blockWeightedRows, blockCount, width, p, gram);
            }
        }
    }
}
