package dev.logreg.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** The interpretation of whole fits: aliased columns, Wald intervals at a level, VIF's terms. */
class InterpretationTest {

    private static InterpretationCases.Case mtcars() throws IOException {
        return InterpretationCases.all().stream()
                .filter(c -> c.name().equals("mtcars"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void anAliasedColumnHasNoIntervalAndTheOthersAreUnchanged() throws IOException {
        Dataset data = mtcars().dataset();
        int n = data.numSamples();
        double[] design = new double[n * 4];
        double[] x = data.designData();
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, i * 3, design, i * 4, 3);
            design[i * 4 + 3] = x[i * 3 + 1] + 2 * x[i * 3 + 2]; // hp + 2 wt: aliased
        }
        Dataset aliased = new Dataset(design, n, 4, true, data.labels(), data.weights(), List.of("hp", "wt", "hpwt"));
        LogisticRegression regression = new LogisticRegression(ForkJoinPool.commonPool(), 2);
        Fit fit = regression.fit(aliased, 0, new NewtonSolver(), new SolverOptions(100, 1e-12));
        Interpretation interpretation = Interpretation.of(
                aliased,
                fit,
                0,
                Interpretation.Request.forColumns(
                        aliased, Interpretation.IntervalType.PROFILE, 0.95, MarginalEffects.At.AVERAGE),
                ForkJoinPool.commonPool(),
                2);
        double[] expectedLower = InterpretationCases.doubles(
                mtcars().expected().get("profile").get(0).get("lower"));
        assertThat(interpretation.lower()[3]).isNaN();
        assertThat(interpretation.upper()[3]).isNaN();
        for (int j = 0; j < 3; j++) {
            assertThat(interpretation.lower()[j])
                    .isCloseTo(expectedLower[j], within(1e-6 * Math.abs(expectedLower[j])));
        }
        assertThat(interpretation.marginalEffects().columns()).containsExactly(1, 2);
        assertThat(interpretation.vif()).extracting(VarianceInflation::term).containsExactly("hp", "wt");
    }

    @Test
    void waldIntervalsFollowTheLevel() throws IOException {
        InterpretationCases.Case reference = mtcars();
        Fit fit = reference.fit();
        Interpretation interpretation = Interpretation.of(
                reference.dataset(),
                fit,
                0,
                new Interpretation.Request(
                        Interpretation.IntervalType.WALD, 0.8, null, List.of(), new ArrayList<>(), null),
                ForkJoinPool.commonPool(),
                1);
        double z = 1.2815515655446004; // qnorm(0.9)
        for (int j = 0; j < 3; j++) {
            double se = fit.inference().standardErrors()[j];
            assertThat(interpretation.lower()[j]).isCloseTo(fit.coefficients()[j] - z * se, within(1e-12));
        }
        assertThat(interpretation.marginalEffects()).isNull();
        assertThat(interpretation.vif()).isNull();
    }
}
