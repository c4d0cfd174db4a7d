package dev.logreg.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logreg.spark.SparkTestServer;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Trainings on files a real Spark Connect server reads ({@code scripts/spark-connect-local.sh},
 * master local-cluster[2,1,1024]: two executor processes), over real HTTP. The files are written
 * by that server from rows generated here, in 4 partitions each, to a temporary directory the
 * executors can read; every model must equal the in-memory fit of the same rows to 1e-9. These
 * fit on the cluster, one Spark job per pass ({@code logreg.spark.local-fit-max-bytes=0}); those of
 * {@link PulledIntoTheService} are pulled into the service and fitted there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "logreg.spark.local-fit-max-bytes=0")
class SourceTrainingIT {

    private static final int PARTITIONS = 4;

    @TempDir
    static Path directory;

    static SparkSession spark;
    /** y (0/1), w, a, b, c, unused: 0/1 labels with weights. */
    static List<double[]> weightedRows;

    static String parquet;
    /** y (0/1), flag (0/1), level (0, 1, 2): six distinct scores, each tied across many rows. */
    static List<double[]> tiedRows;

    static String tied;
    /** y (proportion), n, x1, x2 (null in some rows), tag (a string): soft labels with nulls. */
    static List<Double[]> softRows;

    static String csv;

    @LocalServerPort
    int port;

    HttpTestClient http;

    @DynamicPropertySource
    static void spark(DynamicPropertyRegistry registry) {
        registry.add(
                "logreg.spark.remote",
                () -> System.getenv().getOrDefault("LOGREG_TEST_SPARK_REMOTE", "sc://127.0.0.1:15002"));
        registry.add("logreg.spark.allowed-sources", () -> directory.toUri().toString());
    }

    @BeforeAll
    static void writeSources() {
        String remote = SparkTestServer.remote();
        spark = org.apache.spark.sql.connect.SparkSession.builder()
                .remote(remote)
                .create();
        Random random = new Random(42);
        weightedRows = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian() * 2;
            double c = random.nextDouble();
            double u = -0.4 + 0.8 * a - 0.3 * b + 1.5 * c;
            double y = random.nextDouble() < 1 / (1 + Math.exp(-u)) ? 1 : 0;
            double w = 1 + random.nextInt(3);
            weightedRows.add(new double[] {y, w, a, b, c});
            rows.add(RowFactory.create(y, w, a, b, c, random.nextGaussian()));
        }
        StructType schema = new StructType()
                .add("y", DataTypes.DoubleType)
                .add("w", DataTypes.DoubleType)
                .add("a", DataTypes.DoubleType)
                .add("b", DataTypes.DoubleType)
                .add("c", DataTypes.DoubleType)
                .add("unused", DataTypes.DoubleType);
        parquet = directory.resolve("weighted.parquet").toUri().toString();
        spark.createDataFrame(rows, schema).repartition(PARTITIONS).write().parquet(parquet);

        softRows = new ArrayList<>();
        List<Row> soft = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            double x1 = random.nextGaussian();
            double x2 = random.nextGaussian();
            int trials = 1 + random.nextInt(5);
            double p = 1 / (1 + Math.exp(-(0.2 + x1 - 0.7 * x2)));
            int successes = 0;
            for (int t = 0; t < trials; t++) {
                successes += random.nextDouble() < p ? 1 : 0;
            }
            Double label = i % 97 == 5 ? null : (double) successes / trials;
            Double second = i % 31 == 3 ? null : x2;
            softRows.add(new Double[] {label, (double) trials, x1, second});
            soft.add(RowFactory.create(label, (double) trials, x1, second, "t" + (i % 3)));
        }
        StructType softSchema = new StructType()
                .add("share", DataTypes.DoubleType)
                .add("n", DataTypes.DoubleType)
                .add("x1", DataTypes.DoubleType)
                .add("x2", DataTypes.DoubleType)
                .add("tag", DataTypes.StringType);
        csv = directory.resolve("soft.csv").toUri().toString();
        spark.createDataFrame(soft, softSchema)
                .repartition(PARTITIONS)
                .write()
                .option("header", "true")
                .csv(csv);

        tiedRows = new ArrayList<>();
        List<Row> levels = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            double flag = random.nextInt(2);
            double level = random.nextInt(3);
            double y = random.nextDouble() < 1 / (1 + Math.exp(-(-0.5 + flag + 0.4 * level))) ? 1 : 0;
            tiedRows.add(new double[] {y, flag, level});
            levels.add(RowFactory.create(y, flag, level));
        }
        StructType tiedSchema = new StructType()
                .add("y", DataTypes.DoubleType)
                .add("flag", DataTypes.DoubleType)
                .add("level", DataTypes.DoubleType);
        tied = directory.resolve("tied.parquet").toUri().toString();
        spark.createDataFrame(levels, tiedSchema)
                .repartition(PARTITIONS)
                .write()
                .parquet(tied);
    }

    @AfterAll
    static void closeSession() throws Exception {
        if (spark != null) {
            spark.close();
        }
    }

    @BeforeEach
    void client() {
        http = new HttpTestClient(port);
    }

    @Test
    void parquetWithWeightsEqualsTheInMemoryFit() {
        String request = """
                {"name":"weighted","source":{"uri":"%s","format":"parquet","label":"y","weight":"w",\
                "features":["a","b","c"]},"options":{"tolerance":1e-10}}""".formatted(parquet);
        JsonNode job = finish(submit(request));
        assertThat(job.path("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("iteration").asInt()).isPositive();
        assertThat(job.path("rowsRead").asLong()).isEqualTo(1500);
        assertThat(job.path("rowsWithNulls").asLong()).isZero();
        JsonNode model = http.get(job.path("links").path("model").asString()).json();
        assertThat(model.path("featureNames").toString()).isEqualTo("[\"a\",\"b\",\"c\"]");
        JsonNode provenance = model.path("provenance");
        assertThat(provenance.path("source").asString()).isEqualTo(parquet);
        assertThat(provenance.path("numSamples").asInt()).isEqualTo(1500);
        assertThat(provenance.path("datasetSha256").isNull()).isTrue();
        assertThat(provenance.path("fitParallelism").asInt()).isEqualTo(PARTITIONS);
        assertThat(http.get("/models/" + model.path("id").asString() + "/report")
                        .status())
                .isEqualTo(200);

        ObjectNode inline = HttpTestClient.JSON.createObjectNode();
        ArrayNode features = inline.putArray("features");
        ArrayNode labels = inline.putArray("labels");
        ArrayNode weights = inline.putArray("weights");
        for (double[] row : weightedRows) {
            features.addArray().add(row[2]).add(row[3]).add(row[4]);
            labels.add(row[0]);
            weights.add(row[1]);
        }
        inline.putArray("featureNames").add("a").add("b").add("c");
        inline.putObject("options").put("tolerance", 1e-10);
        JsonNode local =
                http.post("/models", "application/json", inline.toString()).json();
        assertSameFit(model, local);
    }

    @Test
    void csvWithSoftLabelsAndNullsEqualsTheInMemoryFitOfTheRowsWithoutNulls() {
        String request = """
                {"source":{"uri":"%s","format":"csv","label":"share","weight":"n"}}""".formatted(csv);
        JsonNode job = finish(submit(request));
        assertThat(job.path("state").asString()).isEqualTo("SUCCEEDED");
        long withNulls = softRows.stream()
                .filter(row -> row[0] == null || row[3] == null)
                .count();
        assertThat(withNulls).isPositive();
        assertThat(job.path("rowsWithNulls").asLong()).isEqualTo(withNulls);
        assertThat(job.path("nullsPerColumn").toString())
                .contains("\"column\":\"share\"")
                .contains("\"column\":\"x2\"");
        JsonNode model = http.get("/models/" + job.path("modelId").asString()).json();
        // Every numeric column but the label and the weight: the string column is no feature.
        assertThat(model.path("featureNames").toString()).isEqualTo("[\"x1\",\"x2\"]");
        assertThat(model.path("training").path("warnings").toString()).contains("ROWS_WITH_NULLS");
        assertThat(model.path("training").path("warnings").toString()).contains(withNulls + " of 1200 rows");
        assertThat(model.path("provenance").path("numSamples").asLong()).isEqualTo(1200 - withNulls);

        ObjectNode inline = HttpTestClient.JSON.createObjectNode();
        ArrayNode features = inline.putArray("features");
        ArrayNode labels = inline.putArray("labels");
        ArrayNode weights = inline.putArray("weights");
        for (Double[] row : softRows) {
            if (row[0] != null && row[3] != null) {
                features.addArray().add(row[2]).add(row[3]);
                labels.add(row[0]);
                weights.add(row[1]);
            }
        }
        inline.putArray("featureNames").add("x1").add("x2");
        JsonNode local =
                http.post("/models", "application/json", inline.toString()).json();
        assertSameFit(model, local);
    }

    @Test
    void fewDistinctScoresTiedAcrossPartitionsGiveTheInMemoryAucAndCurve() {
        JsonNode job = finish(submit("""
                {"source":{"uri":"%s","format":"parquet","label":"y"}}""".formatted(tied)));
        assertThat(job.path("state").asString()).isEqualTo("SUCCEEDED");
        JsonNode model = http.get("/models/" + job.path("modelId").asString()).json();

        ObjectNode inline = HttpTestClient.JSON.createObjectNode();
        ArrayNode features = inline.putArray("features");
        ArrayNode labels = inline.putArray("labels");
        for (double[] row : tiedRows) {
            features.addArray().add(row[1]).add(row[2]);
            labels.add(row[0]);
        }
        inline.putArray("featureNames").add("flag").add("level");
        JsonNode local =
                http.post("/models", "application/json", inline.toString()).json();
        assertSameFit(model, local);
        // Six scores: the curve has every vertex, (0, 0) and one per score.
        assertThat(model.path("diagnostics")
                        .path("roc")
                        .path("truePositiveRates")
                        .size())
                .isEqualTo(7);
    }

    @Test
    void aMissingFileAndAnUnreadableOneFailAlikeAndStoreNothing() throws java.io.IOException {
        int models = http.get("/models?size=1").json().path("totalElements").asInt();
        String missing = directory.resolve("no-such.parquet").toUri().toString();
        Path notParquet = java.nio.file.Files.writeString(directory.resolve("not.parquet"), "root:x:0:0:root\n");
        JsonNode missingJob = finish(submit("""
                {"source":{"uri":"%s","format":"parquet","label":"y"}}""".formatted(missing)));
        JsonNode unreadableJob = finish(submit("""
                {"source":{"uri":"%s","format":"parquet","label":"y"}}""".formatted(notParquet.toUri())));
        for (JsonNode job : List.of(missingJob, unreadableJob)) {
            assertThat(job.path("state").asString()).isEqualTo("FAILED");
            assertThat(job.path("error").path("type").asString()).isEqualTo("urn:logreg:problem:invalid-request");
            assertThat(job.path("error").path("errors").get(0).path("field").asString())
                    .isEqualTo("source.uri");
            assertThat(job.path("error").path("detail").asString())
                    .contains("cannot be read")
                    .doesNotContain("root:x")
                    .doesNotContain("exist:");
            assertThat(job.path("modelId").isNull()).isTrue();
        }
        assertThat(unreadableJob.path("error").path("detail").asString())
                .isEqualTo(missingJob.path("error").path("detail").asString());
        assertThat(http.get("/models?size=1").json().path("totalElements").asInt())
                .isEqualTo(models);
    }

    /** A file's first line is its column names: no error quotes them, it names the column asked for and counts. */
    @Test
    void aSourcesColumnNamesAreNeverEchoedInAnError() throws java.io.IOException {
        Path passwd = java.nio.file.Files.writeString(
                directory.resolve("passwd.csv"), "root:x:0:0:root:/root:/bin/bash\n1\n0\n");
        JsonNode missingLabel = finish(submit("""
                {"source":{"uri":"%s","format":"csv","label":"x"}}""".formatted(passwd.toUri())));
        Path secrets = java.nio.file.Files.writeString(
                directory.resolve("secrets.csv"), "label,secret_a,secret_b\nyes,1,2\nno,3,4\n");
        String secretsRequest = """
                {"source":{"uri":"%s","format":"csv","label":"secret_a","weight":"secret_b"}}""";
        JsonNode noNumericColumn = finish(submit(secretsRequest.formatted(secrets.toUri())));
        for (JsonNode job : List.of(missingLabel, noNumericColumn)) {
            assertThat(job.path("state").asString()).isEqualTo("FAILED");
            assertThat(job.path("error").path("type").asString()).isEqualTo("urn:logreg:problem:invalid-request");
            assertThat(job.toString())
                    .doesNotContain("root:x")
                    .doesNotContain("/bin/bash")
                    .doesNotContain("label (");
        }
        assertThat(missingLabel.path("error").path("detail").asString())
                .isEqualTo("no column 'x' among the source's 1 columns");
        assertThat(noNumericColumn.path("error").path("detail").asString()).contains("among its 3 columns");
    }

    @Test
    void aMissingColumnFailsTheJobNamingIt() {
        JsonNode job = finish(submit("""
                {"source":{"uri":"%s","format":"parquet","label":"clicked"}}""".formatted(parquet)));
        assertThat(job.path("state").asString()).isEqualTo("FAILED");
        JsonNode error = job.path("error");
        assertThat(error.path("type").asString()).isEqualTo("urn:logreg:problem:invalid-request");
        assertThat(error.path("errors").get(0).path("field").asString()).isEqualTo("source.label");
        assertThat(error.path("errors").get(0).path("message").asString())
                .isEqualTo("no column 'clicked' among the source's 6 columns");
    }

    @Test
    void aCancelledJobInterruptsSparkAndStoresNothing() throws InterruptedException {
        int models = http.get("/models?size=1").json().path("totalElements").asInt();
        String id = submit("""
                {"source":{"uri":"%s","format":"parquet","label":"y","weight":"w"}}""".formatted(parquet));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!http.get("/jobs/" + id).json().path("phase").asString().equals("fitting")) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(50);
        }
        HttpTestClient.Response cancel = http.delete("/jobs/" + id);
        assertThat(cancel.status()).isEqualTo(202);
        JsonNode job = finish(id);
        assertThat(job.path("state").asString()).isEqualTo("CANCELLED");
        assertThat(job.path("modelId").isNull()).isTrue();
        assertThat(http.get("/models?size=1").json().path("totalElements").asInt())
                .isEqualTo(models);
        assertThat(http.delete("/jobs/" + id).status()).isEqualTo(200);
    }

    /** Sources within the default logreg.spark.local-fit-max-bytes: one Spark job pulls their rows. */
    @Nested
    @TestPropertySource(properties = "logreg.spark.local-fit-max-bytes=64MB")
    class PulledIntoTheService {

        @LocalServerPort
        int pulledPort;

        @BeforeEach
        void pulledClient() {
            http = new HttpTestClient(pulledPort);
        }

        /**
         * The medium CSV source of issue 21 (120,000 rows, 6 features, written as a user would: one
         * file with a header) gives the in-memory fit of the same rows. Its time is printed, not
         * asserted (BENCHMARKS.md has the measurement).
         */
        @Test
        void aMediumCsvEqualsTheInMemoryFit() throws IOException {
            int numRows = 120_000;
            int numFeatures = 6;
            Random random = new Random(7);
            Path file = directory.resolve("medium.csv");
            ObjectNode inline = HttpTestClient.JSON.createObjectNode();
            ArrayNode features = inline.putArray("features");
            ArrayNode labels = inline.putArray("labels");
            try (Writer out = Files.newBufferedWriter(file)) {
                out.write("y,x1,x2,x3,x4,x5,x6\n");
                double[] x = new double[numFeatures];
                for (int i = 0; i < numRows; i++) {
                    double u = -0.3;
                    for (int j = 0; j < numFeatures; j++) {
                        x[j] = random.nextGaussian() * (1 + j);
                        u += (j % 2 == 0 ? 0.4 : -0.25) * x[j] / (1 + j);
                    }
                    double y = random.nextDouble() < 1 / (1 + Math.exp(-u)) ? 1 : 0;
                    out.write(Double.toString(y));
                    labels.add(y);
                    ArrayNode row = features.addArray();
                    for (double value : x) {
                        out.write(',');
                        out.write(Double.toString(value));
                        row.add(value);
                    }
                    out.write('\n');
                }
            }
            long start = System.nanoTime();
            JsonNode job = finish(submit("""
                    {"source":{"uri":"%s","format":"csv","label":"y"}}""".formatted(file.toUri())));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(job.path("state").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
            System.out.printf(
                    "%d x %d CSV source trained in %.1f s (pulled into the service)%n", numRows, numFeatures, seconds);
            JsonNode model =
                    http.get("/models/" + job.path("modelId").asString()).json();
            assertThat(model.path("provenance").path("numSamples").asInt()).isEqualTo(numRows);

            inline.putArray("featureNames")
                    .add("x1")
                    .add("x2")
                    .add("x3")
                    .add("x4")
                    .add("x5")
                    .add("x6");
            JsonNode local =
                    http.post("/models", "application/json", inline.toString()).json();
            assertSameFit(model, local);
        }

        @Test
        void csvWithNullsEqualsTheInMemoryFitOfTheRowsWithoutNulls() {
            SourceTrainingIT.this.csvWithSoftLabelsAndNullsEqualsTheInMemoryFitOfTheRowsWithoutNulls();
        }

        @Test
        void parquetWithWeightsEqualsTheInMemoryFit() {
            SourceTrainingIT.this.parquetWithWeightsEqualsTheInMemoryFit();
        }
    }

    private String submit(String body) {
        HttpTestClient.Response response = http.post("/models", "application/json", body);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/jobs/");
        return location.substring("/jobs/".length());
    }

    private JsonNode finish(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (true) {
            JsonNode job = http.get("/jobs/" + id).json();
            String state = job.path("state").asString();
            if (!state.equals("QUEUED") && !state.equals("RUNNING")) {
                return job;
            }
            assertThat(System.nanoTime()).as("job %s still %s", id, state).isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }
    }

    /** Statistics that need every row in memory at training time, which a source's model does not have. */
    private static final List<String> IN_MEMORY_ONLY_STATISTICS = List.of("goodnessOfFit", "vif", "marginalEffects");

    /**
     * Every number of the two models' results agrees to 1e-9 relative, and the ROC curves (from
     * the rows ranked across partitions) have the same points to 1e-12.
     */
    private static void assertSameFit(JsonNode remote, JsonNode local) {
        assertClose("intercept", remote.path("intercept"), local.path("intercept"));
        assertClose("coefficients", remote.path("coefficients"), local.path("coefficients"));
        for (Map.Entry<String, JsonNode> field : local.path("statistics").properties()) {
            JsonNode remoteField = remote.path("statistics").path(field.getKey());
            if (IN_MEMORY_ONLY_STATISTICS.contains(field.getKey())) {
                assertThat(remoteField.isNull() || remoteField.isMissingNode())
                        .as("statistics." + field.getKey() + " of a source")
                        .isTrue();
            } else {
                assertClose("statistics." + field.getKey(), remoteField, field.getValue());
            }
        }
        for (String metric : List.of("accuracy", "logLoss", "brierScore", "confusionMatrix")) {
            assertClose(
                    "metrics." + metric,
                    remote.path("metrics").path(metric),
                    local.path("metrics").path(metric));
        }
        assertClose(
                "calibration",
                remote.path("diagnostics").path("calibration"),
                local.path("diagnostics").path("calibration"));
        for (String field : List.of("loss", "numSamples", "totalWeight")) {
            assertClose(
                    "training." + field,
                    remote.path("training").path(field),
                    local.path("training").path(field));
        }
        assertThat(remote.path("training").path("converged").asBoolean()).isTrue();
        assertThat(local.path("metrics").path("rocAuc").isNumber()).isTrue();
        assertClose(
                "metrics.rocAuc",
                remote.path("metrics").path("rocAuc"),
                local.path("metrics").path("rocAuc"));
        for (String rates : List.of("falsePositiveRates", "truePositiveRates")) {
            JsonNode expected = local.path("diagnostics").path("roc").path(rates);
            JsonNode actual = remote.path("diagnostics").path("roc").path(rates);
            assertThat(expected.size()).as(rates).isGreaterThan(1);
            assertThat(actual.size()).as(rates).isEqualTo(expected.size());
            for (int k = 0; k < expected.size(); k++) {
                assertThat(Math.abs(actual.get(k).asDouble() - expected.get(k).asDouble()))
                        .as("diagnostics.roc.%s[%d]: %s vs %s", rates, k, actual.get(k), expected.get(k))
                        .isLessThanOrEqualTo(1e-12);
            }
        }
    }

    private static void assertClose(String where, JsonNode remote, JsonNode local) {
        if (local.isNumber()) {
            assertThat(remote.isNumber()).as(where).isTrue();
            double expected = local.asDouble();
            double actual = remote.asDouble();
            assertThat(Math.abs(actual - expected))
                    .as("%s: %s vs %s", where, actual, expected)
                    .isLessThanOrEqualTo(1e-9 * Math.max(Math.abs(expected), Math.abs(actual)) + 1e-13);
        } else if (local.isArray()) {
            assertThat(remote.size()).as(where).isEqualTo(local.size());
            for (int k = 0; k < local.size(); k++) {
                assertClose(where + "[" + k + "]", remote.get(k), local.get(k));
            }
        } else if (local.isObject()) {
            for (Map.Entry<String, JsonNode> field : local.properties()) {
                assertClose(where + "." + field.getKey(), remote.path(field.getKey()), field.getValue());
            }
        } else {
            assertThat(remote).as(where).isEqualTo(local);
        }
    }
}
