package dev.logreg.math;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The references of {@code src/test/resources/interpretation} (made by
 * {@code scripts/reference/make-interpretation-reference.R} and {@code make-margeff-reference.py}).
 */
final class InterpretationCases {

    /** The bundled cases; {@code -Dinterpretation.cases=DIR} runs the same tests on cases made elsewhere. */
    static final Path DIRECTORY =
            Path.of(System.getProperty("interpretation.cases", "src/test/resources/interpretation"));

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /**
     * A case: its rows, its terms (design column groups, the intercept being column 0), R's answers
     * and statsmodels' marginal effects (null for a separated case), and the service's fit.
     */
    record Case(
            String name,
            Dataset dataset,
            List<String> termLabels,
            List<int[]> terms,
            JsonNode expected,
            JsonNode margeff,
            Fit fit) {
        @Override
        public String toString() {
            return name;
        }

        boolean separated() {
            return expected.get("separated").asBoolean();
        }
    }

    private InterpretationCases() {}

    static List<Case> all() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json"))
                    .filter(f -> !f.toString().endsWith("-margeff.json"))
                    .sorted()
                    .toList()) {
                JsonNode root = MAPPER.readTree(file.toFile());
                Path margeffFile = file.resolveSibling(root.get("name").asString() + "-margeff.json");
                JsonNode margeff = Files.exists(margeffFile) ? MAPPER.readTree(margeffFile.toFile()) : null;
                Dataset data = dataset(root);
                List<String> labels = new ArrayList<>();
                List<int[]> terms = new ArrayList<>();
                for (JsonNode term : root.get("terms")) {
                    labels.add(term.get("label").asString());
                    terms.add(ints(term.get("columns")));
                }
                Fit fit = new LogisticRegression(ForkJoinPool.commonPool(), 2)
                        .fit(data, 0, new NewtonSolver(), new SolverOptions(100, 1e-14));
                cases.add(new Case(root.get("name").asString(), data, labels, terms, root, margeff, fit));
            }
        }
        return cases;
    }

    /** The rows of a request (features, labels, optional weights) with an intercept column. */
    static Dataset dataset(JsonNode request) {
        JsonNode rows = request.get("features");
        int n = rows.size();
        int d = rows.get(0).size();
        double[][] features = new double[n][d];
        for (int i = 0; i < n; i++) {
            features[i] = doubles(rows.get(i));
        }
        JsonNode weights = request.get("weights");
        Dataset data = TestData.of(
                features,
                doubles(request.get("labels")),
                weights == null || weights.isNull() ? null : doubles(weights),
                true);
        List<String> names = new ArrayList<>();
        request.get("featureNames").forEach(name -> names.add(name.asString()));
        return new Dataset(data.designData(), n, d + 1, true, data.labels(), data.weights(), names);
    }

    static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).isNull() ? Double.NaN : array.get(i).asDouble();
        }
        return values;
    }

    static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }
}
