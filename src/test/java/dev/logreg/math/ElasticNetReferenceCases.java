package dev.logreg.math;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** glmnet's answers on real data, made by {@code scripts/reference/make-elastic-net-reference.R}. */
final class ElasticNetReferenceCases {

    static final Path DIRECTORY = Path.of("src/test/resources/elasticnet");
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** A dataset, the options glmnet was called with and its answers. */
    record Case(String name, Dataset dataset, ElasticNetOptions options, JsonNode expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private ElasticNetReferenceCases() {}

    static List<Case> all() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode root = MAPPER.readTree(file.toFile());
                JsonNode options = root.get("options");
                boolean intercept = options.get("fitIntercept").asBoolean();
                Dataset data = dataset(root.get("request"), intercept);
                cases.add(new Case(root.get("case").asString(), data, options(options), root.get("expected")));
            }
        }
        return cases;
    }

    static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    private static ElasticNetOptions options(JsonNode options) {
        return new ElasticNetOptions(
                options.get("alpha").asDouble(),
                options.has("lambdas") ? doubles(options.get("lambdas")) : null,
                options.has("nLambda") ? options.get("nLambda").asInt() : ElasticNetOptions.DEFAULT_NUM_LAMBDAS,
                options.has("lambdaMinRatio") ? options.get("lambdaMinRatio").asDouble() : Double.NaN,
                options.get("standardize").asBoolean(),
                options.has("penaltyFactors") ? doubles(options.get("penaltyFactors")) : null,
                ElasticNetOptions.DEFAULT_THRESHOLD,
                ElasticNetOptions.DEFAULT_MAX_PASSES);
    }

    private static Dataset dataset(JsonNode request, boolean intercept) {
        JsonNode rows = request.get("features");
        int n = rows.size();
        int d = rows.get(0).size();
        double[][] features = new double[n][d];
        for (int i = 0; i < n; i++) {
            features[i] = doubles(rows.get(i));
        }
        double[] labels = doubles(request.get("labels"));
        double[] weights = doubles(request.get("weights"));
        Dataset data = TestData.of(features, labels, weights, intercept);
        List<String> names = new ArrayList<>();
        request.get("featureNames").forEach(name -> names.add(name.asString()));
        return new Dataset(data.designData(), n, data.numColumns(), intercept, labels, weights, names);
    }
}
