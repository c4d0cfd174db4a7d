package dev.logreg.math;

import dev.logreg.math.kernel.GramKernel;
import dev.logreg.math.kernel.ScoreSums;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Tells whether the minimum of an unpenalised loss lies at infinity, i.e. the classes are
 * completely or quasi-completely separated (one class only is the simplest case).
 *
 * <p>The test looks at the Newton step {@code delta = -H^-1 g} at the point where the solver
 * stopped. Near a finite minimum both {@code g} and {@code delta} vanish. When the data are
 * separated, the loss decays like {@code e^-t} along a direction {@code d} with
 * {@code s_i xhat_i^T d >= 0} for every row ({@code s_i = +1} for {@code y_i = 1}, {@code -1}
 * for {@code y_i = 0}, and {@code xhat_i^T d = 0} for a soft label): gradient and Hessian shrink
 * together, and the Newton step stays of order one along {@code d}. So: separation when the step
 * moves some logit {@code u_i} by more than {@link #MIN_LOGIT_SHIFT} while moving no row against
 * its own label.
 */
public final class SeparationCheck {

    static final double MIN_LOGIT_SHIFT = 0.1;
    private static final double AGAINST_LABEL_FRACTION = 0.01;
    private static final double FEATURE_SHARE = 0.01;

    private SeparationCheck() {}

    /**
     * The Newton step {@code -H^-1 g} of {@code loss} at {@code b}, or null when the Hessian is not
     * numerically positive definite (then there is no separation to report).
     */
    public static double[] newtonStep(Objective loss, double[] b) {
        int p = b.length;
        double[] gradient = new double[p];
        DMatrixRMaj hessian = new DMatrixRMaj(p, p);
        loss.evaluate(b, gradient, hessian);
        DampedCholesky cholesky = new DampedCholesky(p);
        if (Double.isNaN(cholesky.factor(hessian))) {
            return null;
        }
        double[] step = new double[p];
        cholesky.solveNegated(gradient, step);
        return step;
    }

    /**
     * The columns along which the estimates run off, empty when the minimum is finite.
     *
     * @param loss the loss of {@code data}; with a ridge penalty only unpenalised directions (the
     *     intercept: one class only) can run off
     * @param b where the solver stopped (not modified)
     */
    public static List<Integer> divergingColumns(Dataset data, Objective loss, double[] b) {
        int p = data.numColumns();
        double[] step = newtonStep(loss, b);
        if (step == null) {
            return List.of();
        }
        double[] x = data.designData();
        double[] labels = data.labels();
        double[] weights = data.weights();
        double maxShift = 0;
        double worstAgainstLabel = 0;
        double[] columnReach = new double[p];
        GramKernel kernel = GramKernel.fastest();
        for (int row = 0; row < data.numSamples(); row++) {
            if (weights[row] == 0) {
                continue;
            }
            int offset = row * p;
            double shift = kernel.dot(x, offset, step, p);
            for (int j = 0; j < p; j++) {
                columnReach[j] = Math.max(columnReach[j], Math.abs(x[offset + j] * step[j]));
            }
            maxShift = Math.max(maxShift, Math.abs(shift));
            double y = labels[row];
            double againstLabel = y == 1 ? -shift : y == 0 ? shift : Math.abs(shift);
            worstAgainstLabel = Math.max(worstAgainstLabel, againstLabel);
        }
        return divergingColumns(maxShift, worstAgainstLabel, columnReach);
    }

    /**
     * The decision from the step's extremes over the rows of positive weight (computed by {@link ScoreSums}: in
     * memory within {@link SolutionPass}, on a cluster in its partitions): {@code maxShift = max |xhat_i^T delta|},
     * the largest shift against a row's own label, and {@code max_i |x_ij delta_j|} per column.
     */
    public static List<Integer> divergingColumns(double maxShift, double worstAgainstLabel, double[] columnReach) {
        if (!(maxShift > MIN_LOGIT_SHIFT) || worstAgainstLabel > AGAINST_LABEL_FRACTION * maxShift) {
            return List.of();
        }
        List<Integer> columns = new ArrayList<>();
        for (int j = 0; j < columnReach.length; j++) {
            if (columnReach[j] >= FEATURE_SHARE * maxShift) {
                columns.add(j);
            }
        }
        return columns;
    }
}
