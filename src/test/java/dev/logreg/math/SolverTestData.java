package dev.logreg.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real datasets for the solver tests, from {@code solver-datasets.json} next to this class on the
 * test classpath (copies of R's {@code MASS::Pima.tr}, {@code mtcars} ({@code am ~ hp + wt}),
 * {@code MASS::birthwt} and {@code infert}, unweighted 0/1 labels), with every feature centred and
 * scaled to unit variance and an intercept column in front; and Newton's optimum to compare with.
 */
final class SolverTestData {

    static final String PIMA = "pima-tr";
    static final String MTCARS = "mtcars-am";
    static final String BIRTHWT = "birthwt";
    static final String INFERT = "infert";

    private static final JsonNode DATASETS = read();
    private static final Map<String, Double> NEWTON_LOSSES = new ConcurrentHashMap<>();

    private SolverTestData() {}

    private static JsonNode read() {
        try (InputStream in = SolverTestData.class.getResourceAsStream("solver-datasets.json")) {
            if (in == null) {
                throw new IllegalStateException("solver-datasets.json is not on the test classpath");
            }
            return JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The dataset called {@code name}, standardised, with an intercept. */
    static Dataset standardised(String name) {
        JsonNode node = DATASETS.get(name);
        if (node == null) {
            throw new IllegalArgumentException("no dataset " + name);
        }
        JsonNode rows = node.get("features");
        int n = rows.size();
        int d = rows.get(0).size();
        int p = d + 1;
        double[] design = new double[n * p];
        double[] labels = new double[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            design[i * p] = 1;
            for (int j = 0; j < d; j++) {
                design[i * p + j + 1] = rows.get(i).get(j).asDouble();
            }
            labels[i] = node.get("labels").get(i).asDouble();
            weights[i] = 1;
        }
        for (int j = 1; j < p; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += design[i * p + j];
            }
            mean /= n;
            double variance = 0;
            for (int i = 0; i < n; i++) {
                double centred = design[i * p + j] - mean;
                variance += centred * centred;
            }
            double scale = 1 / Math.sqrt(variance / n);
            for (int i = 0; i < n; i++) {
                design[i * p + j] = (design[i * p + j] - mean) * scale;
            }
        }
        List<String> names = new ArrayList<>();
        node.get("featureNames").forEach(feature -> names.add(feature.asString()));
        return new Dataset(design, n, p, true, labels, weights, names);
    }

    /** A fresh loss over {@code data} with ridge penalty {@code l2} (the intercept unpenalised). */
    static LogisticLoss loss(Dataset data, double l2) {
        return new LogisticLoss(new LocalRowSums(data), l2, true);
    }

    /** Newton's loss at its optimum on the standardised dataset {@code name}, to 1e-12 in the gradient. */
    static double newtonLoss(String name, double l2) {
        return NEWTON_LOSSES.computeIfAbsent(name + "/" + l2, key -> {
            Dataset data = standardised(name);
            FitResult newton = new NewtonSolver()
                    .minimize(loss(data, l2), new double[data.numColumns()], new SolverOptions(100, 1e-12));
            assertThat(newton.converged()).as("Newton on %s", key).isTrue();
            return newton.loss();
        });
    }

    /** {@code (loss - optimum) / optimum}. */
    static double relativeGap(double loss, double optimum) {
        return (loss - optimum) / optimum;
    }

    /** Minimises the loss of the standardised dataset {@code name} from 0. */
    static FitResult fit(Solver solver, String name, double l2, SolverOptions options) {
        Dataset data = standardised(name);
        return solver.minimize(loss(data, l2), new double[data.numColumns()], options);
    }

    static void assertNeverIncreases(double[] history) {
        for (int k = 1; k < history.length; k++) {
            assertThat(history[k]).as("loss after iteration %d", k).isLessThanOrEqualTo(history[k - 1]);
        }
    }
}
