package dev.logreg.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.logreg.math.kernel.RowBlockSums;
import dev.logreg.math.kernel.ScoreSums;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * The fit over partitioned rows (as a Spark cluster computes it: each block's sums packed, sent
 * and added) equals the in-memory fit, including aliased columns, separation and the statistics.
 */
class PartitionedFitTest {

    private final LogisticRegression regression = new LogisticRegression(ForkJoinPool.commonPool(), 1);
    private final SolverOptions options = new SolverOptions(100, 1e-10);

    @Test
    void weightedSoftLabelsInFourBlocksGiveTheInMemoryFit() {
        Dataset data = TestData.synthetic(3000, 5, 11, true, true);
        assertSameFit(
                regression.fit(new BlockRows(data, 4), 0, new NewtonSolver(), options),
                regression.fit(data, 0, new NewtonSolver(), options));
    }

    @Test
    void aPenaltyIsAppliedTheSameWay() {
        Dataset data = TestData.synthetic(1000, 3, 5, false, false);
        assertSameFit(
                regression.fit(new BlockRows(data, 3), 0.1, new NewtonSolver(), options),
                regression.fit(data, 0.1, new NewtonSolver(), options));
    }

    @Test
    void aliasedColumnsAreDroppedAsInMemory() {
        double[][] features = new double[200][];
        double[] labels = new double[200];
        for (int i = 0; i < 200; i++) {
            double x = Math.sin(i);
            features[i] = new double[] {x, 2 * x, Math.cos(3 * i)};
            labels[i] = (i * 7 % 5) < 2 ? 1 : 0;
        }
        Dataset data = TestData.of(features, labels);
        Fit partitioned = regression.fit(new BlockRows(data, 4), 0, new NewtonSolver(), options);
        assertThat(partitioned.aliased()).containsExactly(false, false, true, false);
        assertSameFit(partitioned, regression.fit(data, 0, new NewtonSolver(), options));
    }

    @Test
    void separationIsFoundAsInMemory() {
        double[][] features = new double[40][];
        double[] labels = new double[40];
        for (int i = 0; i < 40; i++) {
            features[i] = new double[] {i - 19.5, Math.cos(i)};
            labels[i] = i < 20 ? 0 : 1;
        }
        Dataset data = TestData.of(features, labels);
        Fit partitioned = regression.fit(new BlockRows(data, 4), 0, new NewtonSolver(), options);
        Fit local = regression.fit(data, 0, new NewtonSolver(), options);
        assertThat(local.solverResult().stopReason()).isEqualTo(StopReason.SEPARATION);
        assertThat(partitioned.solverResult().stopReason()).isEqualTo(StopReason.SEPARATION);
        assertThat(partitioned.warnings().stream().map(FitWarning::code)).contains(FitWarning.SEPARATION);
        // Firth's fit needs the rows in memory: suggested for those only.
        assertThat(local.warnings())
                .filteredOn(w -> w.code().equals(FitWarning.SEPARATION))
                .singleElement()
                .satisfies(w -> assertThat(w.message()).contains("\"method\": \"firth\""));
        assertThat(partitioned.warnings())
                .filteredOn(w -> w.code().equals(FitWarning.SEPARATION))
                .singleElement()
                .satisfies(w -> assertThat(w.message()).doesNotContain("firth"));
    }

    private static void assertSameFit(Fit partitioned, Fit local) {
        assertClose(partitioned.coefficients(), local.coefficients());
        Inference a = partitioned.inference();
        Inference b = local.inference();
        assertClose(a.standardErrors(), b.standardErrors());
        assertClose(a.pValues(), b.pValues());
        assertClose(
                new double[] {a.logLikelihood(), a.deviance(), a.nullDeviance(), a.aic(), a.bic(), a.mcFaddenR2()},
                new double[] {b.logLikelihood(), b.deviance(), b.nullDeviance(), b.aic(), b.bic(), b.mcFaddenR2()});
        ClassificationMetrics m = partitioned.metrics();
        ClassificationMetrics n = local.metrics();
        assertClose(
                new double[] {m.accuracy(), m.logLoss(), m.brierScore(), m.truePositives(), m.falseNegatives()},
                new double[] {n.accuracy(), n.logLoss(), n.brierScore(), n.truePositives(), n.falseNegatives()});
        assertThat(m.rocAuc()).isCloseTo(n.rocAuc(), within(1e-12));
        RocCurve remoteCurve = partitioned.diagnostics().roc();
        RocCurve localCurve = local.diagnostics().roc();
        assertThat(remoteCurve.size()).isEqualTo(localCurve.size());
        assertClose(remoteCurve.falsePositiveRates(), localCurve.falsePositiveRates());
        assertClose(remoteCurve.truePositiveRates(), localCurve.truePositiveRates());
        CalibrationBins p = partitioned.diagnostics().calibration();
        CalibrationBins q = local.diagnostics().calibration();
        assertClose(p.meanPredicted(), q.meanPredicted());
        assertClose(p.observedRate(), q.observedRate());
        assertThat(p.rows()).containsExactly(q.rows());
        assertThat(partitioned.diagnostics().samplesWithWeight())
                .isEqualTo(local.diagnostics().samplesWithWeight());
        assertThat(partitioned.solverResult().stopReason())
                .isEqualTo(local.solverResult().stopReason());
    }

    private static void assertClose(double[] actual, double[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int j = 0; j < expected.length; j++) {
            assertThat(Math.abs(actual[j] - expected[j]))
                    .as("entry %d: %s vs %s", j, actual[j], expected[j])
                    .isLessThanOrEqualTo(1e-9 * Math.max(Math.abs(expected[j]), Math.abs(actual[j])) + 1e-13);
        }
    }

    /** Rows cut into blocks, each block's sums packed and added as the Spark executors' are. */
    private static final class BlockRows implements PartitionedRows {

        private final Dataset data;
        private final int[] starts;

        BlockRows(Dataset data, int blocks) {
            this.data = data;
            this.starts = new int[blocks + 1];
            for (int k = 0; k <= blocks; k++) {
                starts[k] = (int) ((long) data.numSamples() * k / blocks);
            }
        }

        @Override
        public int numColumns() {
            return data.numColumns();
        }

        @Override
        public boolean hasIntercept() {
            return data.hasIntercept();
        }

        @Override
        public List<String> featureNames() {
            return data.featureNames();
        }

        @Override
        public LabelTotals labelTotals() {
            return LabelTotals.of(data);
        }

        /** The rows of block {@code k} over the columns {@code kept}, as an executor's batch holds them. */
        private double[][] block(int k, int[] kept) {
            int from = starts[k];
            int rows = starts[k + 1] - from;
            double[] design = new double[rows * kept.length];
            double[] labels = new double[rows];
            double[] weights = new double[rows];
            int p = data.numColumns();
            for (int i = 0; i < rows; i++) {
                for (int c = 0; c < kept.length; c++) {
                    design[i * kept.length + c] = data.designData()[(from + i) * p + kept[c]];
                }
                labels[i] = data.label(from + i);
                weights[i] = data.weight(from + i);
            }
            return new double[][] {design, labels, weights};
        }

        @Override
        public RowSums rowSums(int[] keptColumns) {
            return new RowSums() {
                @Override
                public int numColumns() {
                    return keptColumns.length;
                }

                @Override
                public double totalWeight() {
                    return data.totalWeight();
                }

                @Override
                public void compute(double[] b, RowBlockSums.Content content, RowBlockSums result) {
                    result.clear();
                    for (int k = 0; k + 1 < starts.length; k++) {
                        double[][] block = block(k, keptColumns);
                        RowBlockSums partial = new RowBlockSums(keptColumns.length);
                        partial.addRows(block[0], block[1], block[2], block[1].length, b, content);
                        double[] packed = new double[partial.packedLength()];
                        partial.pack(packed, 0);
                        result.addPacked(packed, 0);
                    }
                }
            };
        }

        @Override
        public ScoreSums scoreSums(int[] keptColumns, double[] b, double[] step, int numBins, double threshold) {
            ScoreSums total = new ScoreSums(keptColumns.length, numBins, threshold);
            List<ScoreSums> partials = new ArrayList<>();
            for (int k = 0; k + 1 < starts.length; k++) {
                double[][] block = block(k, keptColumns);
                ScoreSums partial = new ScoreSums(keptColumns.length, numBins, threshold);
                partial.addRows(block[0], block[1], block[2], block[1].length, b, step);
                partials.add(partial);
            }
            partials.forEach(total::add);
            return total;
        }

        /** The logits of all rows, re-cut by score range into as many blocks as there are row blocks. */
        @Override
        public RocMerge.Result roc(int[] keptColumns, double[] b, int maxPoints) {
            int n = data.numSamples();
            int p = keptColumns.length;
            double[] design = new double[n * p];
            double[] labels = new double[n];
            double[] weights = new double[n];
            double[] logits = new double[n];
            for (int k = 0; k + 1 < starts.length; k++) {
                double[][] all = block(k, keptColumns);
                System.arraycopy(all[0], 0, design, starts[k] * p, all[0].length);
                System.arraycopy(all[1], 0, labels, starts[k], all[1].length);
                System.arraycopy(all[2], 0, weights, starts[k], all[2].length);
            }
            ScoreSums.logits(design, n, b, logits);
            RocMergeTest.Merged merged =
                    RocMergeTest.ofBlocks(logits, labels, weights, starts.length - 1, maxPoints, 3);
            return new RocMerge.Result(merged.auc(), merged.curve());
        }
    }
}
