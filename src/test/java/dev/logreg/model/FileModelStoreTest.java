package dev.logreg.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logreg.problem.StoreFullException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@ExtendWith(OutputCaptureExtension.class)
class FileModelStoreTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path directory;

    private FileModelStore open() {
        return FileModelStore.open(directory, new InMemoryModelStore(100, 1L << 30));
    }

    /** A model whose numbers are awkward to print: they must come back bit for bit. */
    static Model awkward(String id, Instant createdAt) {
        Model base = TestModels.example(id);
        double[] coefficients = {0.1 + 0.2, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Math.PI, 1e-310, -1.0 / 3};
        List<String> names = List.of("a", "b", "c", "d", "pi", "subnormal", "third");
        double[][] covariance = {{Math.E, 1 / 3.0}, {1 / 3.0, 2.0 / 3}};
        List<CoefficientStatistics> rows = new ArrayList<>();
        rows.add(new CoefficientStatistics(
                "(intercept)", 0.1 + 0.7, null, Double.MIN_NORMAL, 0.05, -0.0, 1.9999999999999998));
        rows.add(new CoefficientStatistics("a", 0.1 + 0.2, 1e-310, 3.0, 4.9e-324, -1.0 / 3, 1.0 / 3));
        for (String aliased : names.subList(1, names.size())) {
            rows.add(new CoefficientStatistics(aliased, null, null, null, null, null, null));
        }
        Statistics statistics =
                new Statistics(rows, null, 8.000000000000002, 13.0, null, 15.0, 0.38, 4.9e-324, 2, covariance);
        TrainingSummary training = new TrainingSummary(
                "newton",
                false,
                3,
                0.30000000000000004,
                1.1102230246251565e-16,
                new double[] {Math.log(2), 0.4, 0.3},
                "TIME_LIMIT",
                1.5,
                10,
                7,
                10.5,
                List.of(new ModelWarning("NOT_CONVERGED", "stopped \"early\" \u2014 ü")));
        return new Model(
                id,
                "awkward \u00e9\u4e2d",
                createdAt,
                names,
                18.866298717204112,
                coefficients,
                base.options(),
                training,
                statistics,
                base.metrics(),
                base.diagnostics(),
                base.provenance());
    }

    private static void assertSameBits(Model actual, Model expected) {
        assertThat(actual)
                .usingRecursiveComparison()
                .withComparatorForType(Double::compare, Double.class)
                .isEqualTo(expected);
        assertThat(JSON.writeValueAsString(actual)).isEqualTo(JSON.writeValueAsString(expected));
        double[] a = actual.coefficients();
        double[] e = expected.coefficients();
        for (int j = 0; j < e.length; j++) {
            assertThat(Double.doubleToRawLongBits(a[j]))
                    .as("coefficient %d", j)
                    .isEqualTo(Double.doubleToRawLongBits(e[j]));
        }
    }

    @Test
    void aModelComesBackBitForBitAfterAReopenInTheVersionedFormat() throws IOException {
        Model model = awkward("m-1", Instant.parse("2026-11-24T10:15:30.123456Z"));
        open().put(model);

        JsonNode file = JSON.readTree(Files.readString(directory.resolve("m-1.json")));
        assertThat(file.get("formatVersion").asInt()).isEqualTo(1);
        assertThat(file.get("model").get("id").asString()).isEqualTo("m-1");

        FileModelStore reopened = open();
        assertThat(reopened.count()).isEqualTo(1);
        assertSameBits(reopened.find("m-1").orElseThrow(), model);
    }

    /** Files written before options.method and options.covariance existed read as ml with the model covariance. */
    @Test
    void aModelStoredWithoutMethodAndCovarianceReadsWithTheDefaults() throws IOException {
        open().put(awkward("m-old", Instant.parse("2026-11-24T10:15:30Z")));
        Path file = directory.resolve("m-old.json");
        String stored = Files.readString(file);
        String old = stored.replace(",\"method\":\"ml\"", "").replace(",\"covariance\":\"model\"", "");
        assertThat(old).isNotEqualTo(stored).doesNotContain("\"method\"");
        Files.writeString(file, old);
        TrainingOptions options = open().find("m-old").orElseThrow().options();
        assertThat(options.method()).isEqualTo("ml");
        assertThat(options.covariance()).isEqualTo("model");
    }

    @Test
    void aModelStoredBeforeProvenanceLoadsWithoutIt() throws IOException {
        open().put(TestModels.example("old"));
        ObjectNode file = (ObjectNode) JSON.readTree(Files.readString(directory.resolve("old.json")));
        ((ObjectNode) file.get("model")).remove("provenance");
        Files.writeString(directory.resolve("old.json"), JSON.writeValueAsString(file));

        Model loaded = open().find("old").orElseThrow();
        assertThat(loaded.provenance()).isNull();
        assertThat(loaded.coefficients()).containsExactly(2.0, -3.0);
    }

    @Test
    void theListingKeepsNewestFirstAcrossAReopen() {
        FileModelStore store = open();
        for (int i = 0; i < 4; i++) {
            store.put(TestModelsAt.at(
                    "m" + i, Instant.parse("2026-11-24T10:00:00Z").plusSeconds(i)));
        }
        assertThat(open().list(0, 10).content()).extracting(Model::id).containsExactly("m3", "m2", "m1", "m0");
    }

    @Test
    void corruptHalfWrittenForeignAndLeftoverFilesAreSkippedNeverFatal() throws IOException {
        FileModelStore store = open();
        store.put(TestModels.example("good"));
        String good = Files.readString(directory.resolve("good.json"));
        Files.writeString(
                directory.resolve("cut.json"),
                good.substring(0, good.length() / 2).replace("\"good\"", "\"cut\""));
        Files.writeString(directory.resolve("garbage.json"), "\u0000\u0001 not json");
        Files.writeString(directory.resolve("empty.json"), "");
        Files.writeString(
                directory.resolve("future.json"),
                good.replace("\"formatVersion\":1", "\"formatVersion\":2").replace("\"good\"", "\"future\""));
        Files.writeString(directory.resolve("renamed.json"), good);
        Files.writeString(
                directory.resolve("invalid.json"),
                good.replace("\"good\"", "\"invalid\"")
                        .replace("\"coefficients\":[2.0,-3.0]", "\"coefficients\":[2.0]"));
        Files.writeString(directory.resolve(".tmp-half-123.part"), good.substring(0, 10));
        Files.writeString(directory.resolve("notes.txt"), "not a model");

        FileModelStore reopened = open();

        assertThat(reopened.count()).isEqualTo(1);
        assertThat(reopened.find("good")).isPresent();
        assertThat(directory.resolve(".tmp-half-123.part")).doesNotExist();
        assertThat(directory.resolve("notes.txt")).exists();
        assertThat(directory.resolve("cut.json")).exists();
    }

    @Test
    void deleteRemovesTheFileAndAnUnknownIdTouchesNothing() throws IOException {
        FileModelStore store = open();
        store.put(TestModels.example("gone"));
        store.put(TestModels.example("kept"));
        assertThat(store.delete("gone")).isTrue();
        assertThat(directory.resolve("gone.json")).doesNotExist();
        assertThat(store.delete("gone")).isFalse();
        assertThat(store.delete("../kept")).isFalse();
        assertThat(directory.resolve("kept.json")).exists();
        assertThat(open().find("gone")).isEmpty();
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("kept.json");
        }
    }

    @Test
    void aModelPastTheCapacityWritesNoFile() throws IOException {
        FileModelStore store = FileModelStore.open(directory, new InMemoryModelStore(1, 1L << 30));
        store.put(TestModels.example("first"));
        assertThatThrownBy(() -> store.put(TestModels.example("second"))).isInstanceOf(StoreFullException.class);
        assertThatThrownBy(store::requireRoom).isInstanceOf(StoreFullException.class);
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("first.json");
        }
    }

    @Test
    void idsThatAreNotFileNamesAreRefused() {
        FileModelStore store = open();
        assertThatThrownBy(() -> store.put(TestModels.example("../escape")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.count()).isZero();
    }

    /** A non-empty directory named as a temporary file, or as a model file, is left alone and logged. */
    @Test
    void strayDirectoriesDoNotStopTheStart(CapturedOutput output) throws IOException {
        open().put(TestModels.example("good"));
        Files.createDirectories(directory.resolve(".tmp-x"));
        Files.writeString(directory.resolve(".tmp-x").resolve("inside"), "someone's files");
        Files.createDirectories(directory.resolve("folder.json"));

        FileModelStore reopened = open();

        assertThat(reopened.count()).isEqualTo(1);
        assertThat(directory.resolve(".tmp-x").resolve("inside")).exists();
        assertThat(output.getOut()).contains(".tmp-x").contains("folder.json: not a regular file");
    }

    /** A link out of the directory is not followed: neither a model nor a secret behind it is read. */
    @Test
    void linksOutOfTheDirectoryAreNotFollowedAndTheirTargetsNeverLogged(@TempDir Path elsewhere, CapturedOutput output)
            throws IOException {
        FileModelStore store = open();
        store.put(TestModels.example("good"));
        Path secret = elsewhere.resolve("passwd");
        Files.writeString(secret, "rootsecret:x:0:0:root:/root:/bin/bash\n");
        Files.createSymbolicLink(directory.resolve("passwd.json"), secret);
        Path outsideModel = elsewhere.resolve("outside.json");
        Files.copy(directory.resolve("good.json"), outsideModel);
        Files.writeString(outsideModel, Files.readString(outsideModel).replace("\"good\"", "\"outside\""));
        Files.createSymbolicLink(directory.resolve("outside.json"), outsideModel);
        Files.createSymbolicLink(directory.resolve("dangling.json"), elsewhere.resolve("missing"));

        FileModelStore reopened = open();

        assertThat(reopened.count()).isEqualTo(1);
        assertThat(reopened.find("outside")).isEmpty();
        assertThat(output.getOut())
                .contains("passwd.json: a link that leads out of the model directory")
                .doesNotContain("rootsecret")
                .doesNotContain(elsewhere.toString());
    }

    /**
     * Files that parse as a model but that this service could not have written are skipped: a
     * covariance of the wrong size (which answered 500 to an interval), a coefficient table of the
     * wrong length, non-finite numbers.
     */
    @Test
    void tamperedModelsAreSkippedSoThatNoneCanFailAPrediction(CapturedOutput output) throws IOException {
        FileModelStore store = open();
        store.put(TestModels.example("good"));
        String good = Files.readString(directory.resolve("good.json"));
        Map<String, String> tampered = Map.of(
                "covariance",
                good.replace("\"covariance\":[[0.25,0.0,0.0],[0.0,1.0,0.0],[0.0,0.0,2.25]]", "\"covariance\":[[0.25]]"),
                "ragged",
                good.replace("[0.0,1.0,0.0]", "[0.0,1.0]"),
                "rank",
                good.replace("\"rank\":3", "\"rank\":2"),
                "rows",
                good.replaceFirst("\\{\"name\":\"wt\"[^}]*},?", "").replace("},]", "}]"),
                "nan",
                good.replace("\"coefficients\":[2.0,-3.0]", "\"coefficients\":[\"NaN\",-3.0]"),
                "infinite",
                good.replace("\"covariance\":[[0.25,", "\"covariance\":[[\"Infinity\","),
                "duplicate",
                good.replace("\"featureNames\":[\"hp\",\"wt\"]", "\"featureNames\":[\"hp\",\"hp\"]"));
        for (Map.Entry<String, String> entry : tampered.entrySet()) {
            assertThat(entry.getValue()).as(entry.getKey()).isNotEqualTo(good);
            Files.writeString(
                    directory.resolve(entry.getKey() + ".json"),
                    entry.getValue().replace("\"good\"", "\"" + entry.getKey() + "\""));
        }

        FileModelStore reopened = open();

        assertThat(reopened.count()).isEqualTo(1);
        assertThat(reopened.find("good")).isPresent();
        assertThat(output.getOut())
                .contains("covariance.json: not a model this service could have written"
                        + " (statistics.covariance: 1 rows for 3 estimates)")
                .contains("statistics.covariance: a row that is not 3 long")
                .contains("statistics.rank: 2 with 3 estimated coefficients")
                .contains("statistics.coefficients: 2 rows for 3 coefficients")
                .contains("coefficients: NaN is not a finite number")
                .contains("statistics.covariance: Infinity is not a finite number")
                .contains("featureNames: a null or repeated name");
    }

    /** {@link TestModels#example} at a given time. */
    private static final class TestModelsAt {
        static Model at(String id, Instant createdAt) {
            Model m = TestModels.example(id);
            return new Model(
                    id,
                    m.name(),
                    createdAt,
                    m.featureNames(),
                    m.intercept(),
                    m.coefficients(),
                    m.options(),
                    m.training(),
                    m.statistics(),
                    m.metrics(),
                    m.diagnostics(),
                    m.provenance());
        }
    }
}
