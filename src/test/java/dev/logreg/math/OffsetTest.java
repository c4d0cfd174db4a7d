package dev.logreg.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.logreg.math.kernel.RowBlockSums;
import org.junit.jupiter.api.Test;

/**
 * An offset {@code o_i = c x_ik} on the design without column k gives the sums, metrics and
 * diagnostics of the full design at {@code b_k = c}: the offset is a column whose coefficient is
 * fixed.
 */
class OffsetTest {

    /** 300 rows, 6 columns, frequency weights 0..3, soft labels. */
    private static final Dataset FULL = TestData.synthetic(300, 5, 17, true, true);

    private static final double[] B = {0.2, -0.4, 0.7, 0.1, -1.3, 0.5};
    private static final int FIXED = 3;

    private static Dataset reduced() {
        int[] kept = {0, 1, 2, 4, 5};
        double[] offset = new double[FULL.numSamples()];
        for (int i = 0; i < offset.length; i++) {
            offset[i] = B[FIXED] * FULL.designData()[i * FULL.numColumns() + FIXED];
        }
        return FULL.selectColumns(kept).withOffset(offset);
    }

    private static double[] reducedB() {
        return new double[] {B[0], B[1], B[2], B[4], B[5]};
    }

    @Test
    void sumsEqualThoseOfTheFullDesignWithTheCoefficientFixed() {
        RowBlockSums full = new RowBlockSums(6);
        LocalRowSums.addRows(full, FULL, null, 0, FULL.numSamples(), B, RowBlockSums.Content.LOSS_GRADIENT_AND_HESSIAN);
        Dataset reduced = reduced();
        RowBlockSums withOffset = new RowBlockSums(5);
        LocalRowSums.addRows(
                withOffset,
                reduced,
                null,
                0,
                reduced.numSamples(),
                reducedB(),
                RowBlockSums.Content.LOSS_GRADIENT_AND_HESSIAN);

        assertThat(withOffset.loss()).isCloseTo(full.loss(), within(1e-12 * full.loss()));
        int[] kept = {0, 1, 2, 4, 5};
        for (int a = 0; a < 5; a++) {
            assertThat(withOffset.gradient()[a]).isCloseTo(full.gradient()[kept[a]], within(1e-12));
            for (int c = 0; c <= a; c++) {
                assertThat(withOffset.hessianLowerTriangle()[a * 5 + c])
                        .isCloseTo(full.hessianLowerTriangle()[kept[a] * 6 + kept[c]], within(1e-12));
            }
        }
    }

    @Test
    void metricsAndDiagnosticsSeeTheOffset() {
        ClassificationMetrics full = ClassificationMetrics.of(FULL, B, 0.5);
        ClassificationMetrics withOffset = ClassificationMetrics.of(reduced(), reducedB(), 0.5);
        assertThat(withOffset.logLoss()).isCloseTo(full.logLoss(), within(1e-14));
        assertThat(withOffset.brierScore()).isCloseTo(full.brierScore(), within(1e-14));
        assertThat(withOffset.rocAuc()).isEqualTo(full.rocAuc());
        assertThat(withOffset.truePositives()).isEqualTo(full.truePositives());

        TrainingDiagnostics fullDiagnostics = TrainingDiagnostics.of(FULL, B);
        TrainingDiagnostics offsetDiagnostics = TrainingDiagnostics.of(reduced(), reducedB());
        assertThat(offsetDiagnostics.calibration().rows())
                .containsExactly(fullDiagnostics.calibration().rows());
        assertThat(offsetDiagnostics.calibration().meanPredicted())
                .containsExactly(fullDiagnostics.calibration().meanPredicted(), within(1e-14));
    }

    @Test
    void withoutAnOffsetNothingChanges() {
        Dataset same = FULL.withOffset(null);
        assertThat(same.hasOffset()).isFalse();
        RowBlockSums a = new RowBlockSums(6);
        LocalRowSums.addRows(a, FULL, null, 0, FULL.numSamples(), B, RowBlockSums.Content.LOSS_GRADIENT_AND_HESSIAN);
        RowBlockSums b = new RowBlockSums(6);
        LocalRowSums.addRows(b, same, null, 0, same.numSamples(), B, RowBlockSums.Content.LOSS_GRADIENT_AND_HESSIAN);
        assertThat(b.loss()).isEqualTo(a.loss());
        assertThat(b.hessianLowerTriangle()).containsExactly(a.hessianLowerTriangle());
    }

    @Test
    void anOffsetMustHaveOneFiniteValuePerRow() {
        assertThatThrownBy(() -> FULL.withOffset(new double[3])).isInstanceOf(IllegalArgumentException.class);
        double[] bad = new double[FULL.numSamples()];
        bad[7] = Double.NaN;
        assertThatThrownBy(() -> FULL.withOffset(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset 7");
    }
}
