package dev.logreg.math;

/** Small dense-vector helpers shared by the solvers. */
final class Vectors {

    private Vectors() {}

    /** {@code max_j |v_j|}. */
    static double maxAbs(double[] v) {
        double max = 0;
        for (double value : v) {
            max = Math.max(max, Math.abs(value));
        }
        return max;
    }

    /** {@code a^T b}. */
    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += a[j] * b[j];
        }
        return sum;
    }
}
