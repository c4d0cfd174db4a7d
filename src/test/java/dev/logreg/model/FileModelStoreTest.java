package dev.logreg.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logreg.problem.StoreFullException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

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
        Statistics statistics = new Statistics(
                List.of(new CoefficientStatistics(
                        "(intercept)", 0.1 + 0.7, null, Double.MIN_NORMAL, 0.05, -0.0, 1.9999999999999998)),
                null,
                8.000000000000002,
                13.0,
                null,
                15.0,
                0.38,
                4.9e-324,
                2,
                covariance);
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
