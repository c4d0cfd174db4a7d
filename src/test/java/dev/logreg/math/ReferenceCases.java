package dev.logreg.math;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * R's answers for real datasets, read from the test classpath: the cases in {@code reference} (made by
 * {@code scripts/reference/make-reference.R}) and the contract's in {@code reference-contract} (checked by
 * {@code scripts/reference/check-contract-reference.R}).
 */
final class ReferenceCases {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** A request and R's answer; {@code expected} holds null numbers for aliased coefficients. */
    record Case(String name, Dataset dataset, JsonNode expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private ReferenceCases() {}

    static List<Case> bundled() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(resourceDirectory("reference"))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode root = MAPPER.readTree(file.toFile());
                cases.add(new Case(root.get("case").asString(), dataset(root.get("request")), root.get("expected")));
            }
        }
        return cases;
    }

    /** The contract's cases, with R's answers in the contract's format (estimate and standardError arrays). */
    static List<Case> contract() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(resourceDirectory("reference-contract"))) {
            for (Path request : files.filter(f -> f.toString().endsWith(".request.json"))
                    .sorted()
                    .toList()) {
                String name = request.getFileName().toString().replace(".request.json", "");
                JsonNode expected = MAPPER.readTree(
                        request.resolveSibling(name + ".expected.json").toFile());
                cases.add(new Case(name, dataset(MAPPER.readTree(request.toFile())), expected));
            }
        }
        return cases;
    }

    /** A directory of the test classpath (Maven's target/test-classes): missing is a failure, not no cases. */
    private static Path resourceDirectory(String name) {
        URL url = ReferenceCases.class.getResource("/" + name);
        if (url == null) {
            throw new UncheckedIOException(new IOException(name + " is not on the test classpath"));
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Dataset dataset(JsonNode request) {
        JsonNode rows = request.get("features");
        int n = rows.size();
        int d = rows.get(0).size();
        boolean intercept = !request.has("options")
                || !request.get("options").has("fitIntercept")
                || request.get("options").get("fitIntercept").asBoolean();
        double[][] features = new double[n][d];
        double[] labels = new double[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                features[i][j] = rows.get(i).get(j).asDouble();
            }
            labels[i] = request.get("labels").get(i).asDouble();
            weights[i] = request.has("weights") ? request.get("weights").get(i).asDouble() : 1.0;
        }
        Dataset data = TestData.of(features, labels, weights, intercept);
        if (request.has("featureNames")) {
            List<String> names = new ArrayList<>();
            request.get("featureNames").forEach(name -> names.add(name.asString()));
            int p = data.numColumns();
            double[] design = data.designData();
            return new Dataset(design, n, p, intercept, labels, weights, names);
        }
        return data;
    }
}
