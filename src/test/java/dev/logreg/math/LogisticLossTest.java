package dev.logreg.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.logreg.math.kernel.LogisticFunctions;
import dev.logreg.math.kernel.RowBlockSums;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogisticLossTest {

    @ParameterizedTest(name = "soft={0} weights={1} l2={2} intercept={3}")
    @CsvSource({"false,false,0,true", "true,false,0,true", "false,true,0.1,true", "true,true,0.05,false"})
    void gradientAndHessianEqualCentralDifferences(boolean soft, boolean weighted, double l2, boolean intercept) {
        Dataset base = TestData.synthetic(200, 4, 7, soft, weighted);
        Dataset data = intercept ? base : base.selectColumns(new int[] {1, 2, 3, 4});
        LogisticLoss loss = new LogisticLoss(new LocalRowSums(data), l2, intercept);
        int p = data.numColumns();
        double[] b = new double[p];
        SplittableRandom random = new SplittableRandom(3);
        for (int j = 0; j < p; j++) {
            b[j] = random.nextDouble(-1, 1);
        }
        double[] gradient = new double[p];
        DMatrixRMaj hessian = new DMatrixRMaj(p, p);
        loss.evaluate(b, gradient, hessian);
        double h = 1e-5;
        for (int j = 0; j < p; j++) {
            double[] plus = b.clone();
            double[] minus = b.clone();
            plus[j] += h;
            minus[j] -= h;
            double numeric = (loss.value(plus) - loss.value(minus)) / (2 * h);
            assertThat(gradient[j]).as("gradient %d", j).isCloseTo(numeric, within(1e-8));
            double[] gradientPlus = new double[p];
            double[] gradientMinus = new double[p];
            loss.evaluate(plus, gradientPlus, null);
            loss.evaluate(minus, gradientMinus, null);
            for (int k = 0; k < p; k++) {
                double second = (gradientPlus[k] - gradientMinus[k]) / (2 * h);
                assertThat(hessian.get(k, j)).as("hessian %d,%d", k, j).isCloseTo(second, within(1e-8));
                assertThat(hessian.get(k, j)).isEqualTo(hessian.get(j, k));
            }
        }
    }

    @Test
    void atZeroTheLossIsLogTwoAndTheGradientIsTheMeanResidual() {
        Dataset data = TestData.synthetic(100, 3, 11, false, false);
        LogisticLoss loss = new LogisticLoss(new LocalRowSums(data), 0, true);
        double[] gradient = new double[4];
        assertThat(loss.evaluate(new double[4], gradient, null)).isEqualTo(Math.log(2), within(1e-15));
        double meanLabel = 0;
        for (double y : data.labels()) {
            meanLabel += y / 100;
        }
        assertThat(gradient[0]).isCloseTo(0.5 - meanLabel, within(1e-15));
    }

    @Test
    void interceptIsNeverPenalised() {
        Dataset data = TestData.synthetic(50, 2, 5, false, false);
        double[] b = {3, 0, 0};
        double unpenalised = new LogisticLoss(new LocalRowSums(data), 0, true).value(b);
        double penalised = new LogisticLoss(new LocalRowSums(data), 10, true).value(b);
        assertThat(penalised).isEqualTo(unpenalised);
        double[] b2 = {0, 2, 0};
        double withPenalty = new LogisticLoss(new LocalRowSums(data), 10, true).value(b2);
        double without = new LogisticLoss(new LocalRowSums(data), 0, true).value(b2);
        assertThat(withPenalty - without).isCloseTo(0.5 * 10 * 4, within(1e-12));
    }

    @Test
    void hessianEqualsTheEjmlProductXtWxOverTheWeightSum() {
        Dataset data = TestData.synthetic(300, 5, 13, true, true);
        int p = data.numColumns();
        double[] b = {0.1, -0.2, 0.3, 0.05, -0.4, 0.2};
        DMatrixRMaj hessian = new DMatrixRMaj(p, p);
        new LogisticLoss(new LocalRowSums(data), 0, true).evaluate(b, null, hessian);

        DMatrixRMaj x = data.design();
        DMatrixRMaj weighted = x.copy();
        for (int i = 0; i < data.numSamples(); i++) {
            double u = 0;
            for (int j = 0; j < p; j++) {
                u += x.get(i, j) * b[j];
            }
            double mu = LogisticFunctions.sigmoid(u);
            double w = data.weight(i) * mu * (1 - mu) / data.totalWeight();
            for (int j = 0; j < p; j++) {
                weighted.set(i, j, x.get(i, j) * w);
            }
        }
        DMatrixRMaj reference = new DMatrixRMaj(p, p);
        CommonOps_DDRM.multTransA(x, weighted, reference);
        for (int k = 0; k < p * p; k++) {
            assertThat(hessian.data[k]).isCloseTo(reference.data[k], within(1e-14));
        }
    }

    @Test
    void parallelSumsEqualSingleThreadedSums() {
        Dataset data = TestData.synthetic(20_000, 6, 17, false, true);
        double[] b = {0.2, 0.1, -0.1, 0.3, 0, 0.05, -0.2};
        ForkJoinPool pool = new ForkJoinPool(4);
        try {
            LogisticLoss serial = new LogisticLoss(new LocalRowSums(data), 0.01, true);
            LogisticLoss parallel = new LogisticLoss(new LocalRowSums(data, 4, pool), 0.01, true);
            double[] g1 = new double[7];
            double[] g2 = new double[7];
            DMatrixRMaj h1 = new DMatrixRMaj(7, 7);
            DMatrixRMaj h2 = new DMatrixRMaj(7, 7);
            double l1 = serial.evaluate(b, g1, h1);
            double l2 = parallel.evaluate(b, g2, h2);
            assertThat(l2).isCloseTo(l1, within(1e-13));
            for (int j = 0; j < 7; j++) {
                assertThat(g2[j]).isCloseTo(g1[j], within(1e-13));
            }
            for (int k = 0; k < 49; k++) {
                assertThat(h2.data[k]).isCloseTo(h1.data[k], within(1e-13));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void zeroWeightRowsChangeNothing() {
        double[][] features = {{1}, {2}, {3}, {4}, {1e6}};
        double[] labels = {0, 1, 0, 1, 1};
        Dataset withExtra = TestData.of(features, labels, new double[] {1, 1, 1, 1, 0}, true);
        Dataset without = TestData.of(new double[][] {{1}, {2}, {3}, {4}}, new double[] {0, 1, 0, 1});
        double[] b = {0.3, -0.2};
        assertThat(new LogisticLoss(new LocalRowSums(withExtra), 0, true).value(b))
                .isEqualTo(new LogisticLoss(new LocalRowSums(without), 0, true).value(b), within(1e-15));
    }

    @Test
    void extremeLogitsGiveFiniteLossGradientAndHessian() {
        Dataset data = TestData.of(new double[][] {{1e300}, {-1e300}, {1}}, new double[] {0, 1, 0.5});
        LogisticLoss loss = new LogisticLoss(new LocalRowSums(data), 0, true);
        double[] gradient = new double[2];
        DMatrixRMaj hessian = new DMatrixRMaj(2, 2);
        double value = loss.evaluate(new double[] {0, 1}, gradient, hessian);
        assertThat(value).isFinite();
        assertThat(java.util.Arrays.stream(gradient).allMatch(Double::isFinite)).isTrue();
        assertThat(java.util.Arrays.stream(hessian.data).allMatch(Double::isFinite))
                .isTrue();
    }

    @Test
    void asksAgainAtTheSameCoefficientsAreAnsweredWithoutAnotherPassOverTheRows() {
        Dataset data = TestData.synthetic(500, 4, 13, false, true);
        int[] passes = new int[1];
        LocalRowSums rows = new LocalRowSums(data);
        RowSums counting = new RowSums() {
            @Override
            public int numColumns() {
                return rows.numColumns();
            }

            @Override
            public double totalWeight() {
                return rows.totalWeight();
            }

            @Override
            public void compute(double[] b, RowBlockSums.Content content, RowBlockSums result) {
                passes[0]++;
                rows.compute(b, content, result);
            }
        };
        LogisticLoss reusing = new LogisticLoss(counting, 0.1, true);
        LogisticLoss fresh = new LogisticLoss(new LocalRowSums(data), 0.1, true);
        double[] b1 = {0.1, 0.2, -0.3, 0.4, 0.05};
        double[] b2 = {0.1, 0.2, -0.3, 0.4, 0.06};

        DMatrixRMaj hessian = new DMatrixRMaj(5, 5);
        double[] gradient = new double[5];
        reusing.evaluate(b1, gradient, hessian);
        double again = reusing.evaluate(b1.clone(), gradient, hessian);
        assertThat(passes[0]).isEqualTo(1);
        assertThat(reusing.value(b1)).isEqualTo(again).isEqualTo(fresh.value(b1));
        assertThat(passes[0]).isEqualTo(1);

        double atB2 = reusing.value(b2);
        assertThat(atB2).isEqualTo(fresh.value(b2));
        reusing.evaluate(b2, gradient, null);
        assertThat(passes[0]).as("the loss alone does not hold the gradient").isEqualTo(3);
        reusing.evaluate(b1, gradient, hessian);
        assertThat(passes[0]).isEqualTo(4);
        DMatrixRMaj expected = new DMatrixRMaj(5, 5);
        double[] expectedGradient = new double[5];
        fresh.evaluate(b1, expectedGradient, expected);
        assertThat(gradient).containsExactly(expectedGradient);
        assertThat(hessian.data).containsExactly(expected.data);
    }
}
