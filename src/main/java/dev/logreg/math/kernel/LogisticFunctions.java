package dev.logreg.math.kernel;

/** The logistic sigmoid and softplus, computed stably for every finite {@code u}. */
public final class LogisticFunctions {

    private LogisticFunctions() {}

    /**
     * {@code sigma(u) = 1 / (1 + e^-u)}, evaluated so that {@code e^x} is only taken of a
     * non-positive {@code x}: no overflow for any {@code u}, and exact 0 or 1 only where the
     * true value rounds to it.
     */
    public static double sigmoid(double u) {
        if (u >= 0) {
            return 1.0 / (1.0 + Math.exp(-u));
        }
        double e = Math.exp(u);
        return e / (1.0 + e);
    }

    /** {@code softplus(u) = log(1 + e^u) = max(u, 0) + log1p(e^-|u|)}. */
    public static double softplus(double u) {
        return Math.max(u, 0.0) + Math.log1p(Math.exp(-Math.abs(u)));
    }

    /**
     * The cross-entropy of one sample, {@code h(u) = softplus(u) - y u}, written so that the two
     * large terms never cancel: for {@code u > 0} it is {@code (1 - y) u + log1p(e^-u)}, otherwise
     * {@code -y u + log1p(e^u)}. Finite for every finite {@code u} and {@code y} in [0, 1].
     */
    public static double crossEntropy(double u, double y) {
        if (u > 0) {
            return (1.0 - y) * u + Math.log1p(Math.exp(-u));
        }
        return -y * u + Math.log1p(Math.exp(u));
    }

    /** {@code log(sigma(u)) = -softplus(-u)}. */
    public static double logSigmoid(double u) {
        return -softplus(-u);
    }

    /** {@code -y log y - (1 - y) log(1 - y)}, with {@code 0 log 0 = 0}: the least cross-entropy a label allows. */
    public static double entropy(double y) {
        double value = 0;
        if (y > 0) {
            value -= y * Math.log(y);
        }
        if (y < 1) {
            value -= (1 - y) * Math.log1p(-y);
        }
        return value;
    }
}
