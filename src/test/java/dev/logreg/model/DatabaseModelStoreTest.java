package dev.logreg.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.logreg.problem.ServiceUnavailableException;
import dev.logreg.problem.StoreFullException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The PostgreSQL store against a real PostgreSQL server, with two stores on one database
 * standing for two replicas.
 */
class DatabaseModelStoreTest {

    @TempDir
    static Path work;

    static PostgresServer postgres;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void startDatabase() {
        postgres = PostgresServer.start(work);
        Flyway.configure().dataSource(postgres.jdbcUrl(), null, null).load().migrate();
    }

    @AfterAll
    static void stopDatabase() {
        postgres.close();
    }

    @BeforeEach
    void emptyTheTable() {
        try (HikariDataSource dataSource = dataSource()) {
            JdbcClient.create(dataSource).sql("truncate models").update();
        }
    }

    @AfterEach
    void closeStores() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private static HikariDataSource dataSource() {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.jdbcUrl());
        dataSource.setConnectionTimeout(1000);
        dataSource.setMaximumPoolSize(4);
        return dataSource;
    }

    private DatabaseModelStore store(int maxModels, long maxBytes) {
        HikariDataSource dataSource = dataSource();
        opened.add(dataSource);
        DatabaseModelStore store = DatabaseModelStore.open(
                dataSource,
                JdbcClient.create(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                new ModelCache(maxBytes),
                maxModels,
                Duration.ofSeconds(10));
        opened.add(store);
        // A store caches what it reads only once its listener hears deletes: wait for that, as a
        // loaded machine may take a while to connect it.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!store.isListening()) {
            assertThat(System.nanoTime()).as("listening within 30 s").isLessThan(deadline);
            sleepQuietly();
        }
        return store;
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private DatabaseModelStore store() {
        return store(1000, 1L << 30);
    }

    /** The example model with other coefficients: values whose decimal form must round-trip exactly. */
    private static Model withCoefficients(String id, double intercept, double... coefficients) {
        Model example = TestModels.example(id);
        List<String> names = new ArrayList<>();
        for (int j = 0; j < coefficients.length; j++) {
            names.add("x" + j);
        }
        return new Model(
                id,
                "awkward numbers",
                example.createdAt(),
                names,
                intercept,
                coefficients,
                example.options(),
                example.training(),
                example.statistics(),
                example.metrics(),
                example.diagnostics(),
                example.provenance());
    }

    @Test
    void aModelStoredByOneReplicaIsReadByAnotherAsTheSameJson() {
        DatabaseModelStore a = store();
        DatabaseModelStore b = store();
        Model model = withCoefficients(
                "m1", 0.1, 1e300, -4.9e-324, Double.MIN_NORMAL, 1 / 3.0, -123456.789e-7, Double.MAX_VALUE);
        a.put(model);

        Optional<Model> read = b.find("m1");
        assertThat(read).isPresent();
        assertThat(read.get()).isNotSameAs(model);
        assertThat(ModelJson.writeString(read.get())).isEqualTo(ModelJson.writeString(model));
        assertThat(read.get().coefficients()).containsExactly(model.coefficients());
        assertThat(b.find("m1")).containsSame(read.get());
        assertThat(a.find("m1")).containsSame(model);
    }

    @Test
    void listingReadsTheDatabaseNewestFirst() {
        DatabaseModelStore a = store();
        DatabaseModelStore b = store();
        for (int i = 0; i < 5; i++) {
            (i % 2 == 0 ? a : b).put(TestModels.example("m" + i));
        }
        ModelPage first = b.list(0, 2);
        assertThat(first.content()).extracting(Model::id).containsExactly("m4", "m3");
        assertThat(first.totalElements()).isEqualTo(5);
        assertThat(first.totalPages()).isEqualTo(3);
        assertThat(a.list(2, 2).content()).extracting(Model::id).containsExactly("m0");
        assertThat(a.list(3, 2).content()).isEmpty();
        assertThat(a.count()).isEqualTo(5);
    }

    @Test
    void aDeleteOnOneReplicaReachesTheOtherWithinASecond() throws Exception {
        DatabaseModelStore a = store();
        DatabaseModelStore b = store();
        a.put(TestModels.example("m1"));
        assertThat(b.find("m1")).isPresent();

        assertThat(a.delete("m1")).isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (b.find("m1").isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(b.find("m1")).isEmpty();
        assertThat(a.find("m1")).isEmpty();
        assertThat(b.delete("m1")).isFalse();
    }

    @Test
    void theModelCountIsALimitAcrossReplicasAndAFullStoreStoresNothing() {
        DatabaseModelStore a = store(3, 1L << 30);
        DatabaseModelStore b = store(3, 1L << 30);
        a.put(TestModels.example("m1"));
        b.put(TestModels.example("m2"));
        b.requireRoom();
        a.put(TestModels.example("m3"));
        assertThatThrownBy(a::requireRoom).isInstanceOf(StoreFullException.class);
        assertThatThrownBy(() -> b.put(TestModels.example("m4")))
                .isInstanceOf(StoreFullException.class)
                .hasMessageContaining("logreg.store.max-models");
        assertThat(a.count()).isEqualTo(3);
        assertThat(b.find("m4")).isEmpty();
    }

    @Test
    void theCacheKeepsToItsBytesAndEvictedModelsAreReadAgain() {
        long one = ModelFootprint.bytes(TestModels.example("m0"));
        DatabaseModelStore a = store();
        DatabaseModelStore b = store(1000, 2 * one + one / 2);
        for (int i = 0; i < 6; i++) {
            a.put(TestModels.example("m" + i));
        }
        for (int i = 0; i < 6; i++) {
            assertThat(b.find("m" + i)).isPresent();
        }
        assertThatThrownBy(() -> b.put(withCoefficients("wide", 0, new double[100_000])))
                .isInstanceOf(StoreFullException.class)
                .hasMessageContaining("logreg.store.max-bytes");
        for (int i = 0; i < 6; i++) {
            assertThat(b.find("m" + i)).map(Model::id).contains("m" + i);
        }
    }

    @Test
    void withTheDatabaseDownCachedModelsAreServedWritesFailWholeAndItRecovers() throws Exception {
        DatabaseModelStore a = store();
        DatabaseModelStore b = store();
        a.put(TestModels.example("cached"));
        a.put(TestModels.example("stale"));
        assertThat(b.find("cached")).isPresent();
        assertThat(b.find("stale")).isPresent();

        postgres.stop();
        try {
            assertThat(a.find("cached")).isPresent();
            assertThat(b.find("cached")).isPresent();
            assertThatThrownBy(() -> a.put(TestModels.example("lost")))
                    .isInstanceOf(ServiceUnavailableException.class)
                    .satisfies(failure -> assertThat(((ServiceUnavailableException) failure).retryAfterSeconds())
                            .isPositive());
            assertThatThrownBy(() -> a.list(0, 10)).isInstanceOf(ServiceUnavailableException.class);
            assertThatThrownBy(() -> a.delete("cached")).isInstanceOf(ServiceUnavailableException.class);
            assertThatThrownBy(() -> a.find("never-cached")).isInstanceOf(ServiceUnavailableException.class);
        } finally {
            postgres.restart();
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                a.put(TestModels.example("after"));
                break;
            } catch (ServiceUnavailableException stillDown) {
                Thread.sleep(100);
            }
        }
        assertThat(a.list(0, 10).content()).extracting(Model::id).containsExactly("after", "stale", "cached");
        // b's listener is back once a delete on a reaches it.
        deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        a.delete("stale");
        while (b.find("stale").isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(b.find("stale")).isEmpty();
        assertThat(b.find("cached")).isPresent();
    }
}
