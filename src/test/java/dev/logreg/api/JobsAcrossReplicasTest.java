package dev.logreg.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.logreg.LogregApplication;
import dev.logreg.model.PostgresServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Training jobs with a database (issue 22 item 13): two replicas of the service in this JVM share
 * one real PostgreSQL server, as behind the replicas' round-robin proxy. A job submitted to one is
 * shown alike by the other, from its first state to its last, and the other can cancel it; a job
 * whose replica died reads as FAILED. The "Spark Connect server" accepts connections and never
 * answers, so a job stays RUNNING until its time limit and grace period (2 s each) pass: no Spark
 * is needed.
 */
class JobsAcrossReplicasTest {

    static final String SOURCE =
            "{\"source\":{\"uri\":\"file:///tmp/clicks.parquet\",\"format\":\"parquet\"," + "\"label\":\"y\"}}";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    static Path work;

    static PostgresServer postgres;
    static ServerSocket silent;
    static final List<Socket> accepted = new CopyOnWriteArrayList<>();
    static ConfigurableApplicationContext replicaA;
    static ConfigurableApplicationContext replicaB;
    static HttpTestClient a;
    static HttpTestClient b;

    @BeforeAll
    static void start() throws IOException {
        postgres = PostgresServer.start(work.resolve("postgres"));
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(
                () -> {
                    while (!silent.isClosed()) {
                        try {
                            accepted.add(silent.accept());
                        } catch (IOException closed) {
                            return;
                        }
                    }
                },
                "silent-spark-server");
        acceptor.setDaemon(true);
        acceptor.start();
        replicaA = replica();
        replicaB = replica();
        a = new HttpTestClient(port(replicaA));
        b = new HttpTestClient(port(replicaB));
    }

    static ConfigurableApplicationContext replica() {
        // Arguments, which override application.properties (default properties would not).
        return new SpringApplicationBuilder(LogregApplication.class)
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--spring.main.banner-mode=off",
                        "--spring.datasource.url=" + postgres.jdbcUrl(),
                        "--logreg.spark.remote=sc://127.0.0.1:" + silent.getLocalPort(),
                        "--logreg.spark.allowed-sources=file:///tmp/",
                        "--logreg.spark.time-limit=2s",
                        "--logreg.spark.grace-period=2s",
                        "--logreg.spark.max-concurrent-jobs=1");
    }

    static int port(ConfigurableApplicationContext replica) {
        return ((WebServerApplicationContext) replica).getWebServer().getPort();
    }

    @AfterAll
    static void stop() throws IOException {
        for (ConfigurableApplicationContext replica : new ConfigurableApplicationContext[] {replicaA, replicaB}) {
            if (replica != null) {
                replica.close();
            }
        }
        silent.close();
        for (Socket socket : accepted) {
            socket.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    static String submit(HttpTestClient replica) {
        HttpTestClient.Response accepted = replica.post("/models", "application/json", SOURCE);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        return accepted.headers().firstValue("Location").orElseThrow();
    }

    static JsonNode awaitState(HttpTestClient replica, String location, Predicate<String> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        JsonNode job = replica.get(location).json();
        while (!done.test(job.path("state").asString())) {
            assertThat(System.nanoTime())
                    .as("job still %s", job.path("state").asString())
                    .isLessThan(deadline);
            Thread.sleep(100);
            job = replica.get(location).json();
        }
        return job;
    }

    @Test
    void everyReplicaShowsAndCancelsTheJobsOfEvery() throws InterruptedException {
        String first = submit(a);
        HttpTestClient.Response onB = b.get(first);
        assertThat(onB.status()).as("the other replica, at once").isEqualTo(200);
        assertThat(onB.json().path("state").asString()).isIn("QUEUED", "RUNNING");
        assertThat(onB.json().path("source").path("uri").asString()).isEqualTo("file:///tmp/clicks.parquet");
        assertThat(onB.json().path("links").path("self").asString()).isEqualTo(first);

        // Queued behind the first (one job at a time); cancelled through the other replica.
        String second = submit(a);
        HttpTestClient.Response cancel = b.delete(second);
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(202);
        assertThat(awaitState(a, second, "CANCELLED"::equals).path("modelId").isNull())
                .isTrue();
        assertThat(awaitState(b, second, "CANCELLED"::equals).path("finishedAt").isNull())
                .isFalse();

        // The first ends FAILED past its time limit and grace period: alike on both, to the byte.
        JsonNode ended = awaitState(a, first, state -> !state.matches("QUEUED|RUNNING"));
        assertThat(ended.path("state").asString()).isEqualTo("FAILED");
        awaitState(b, first, state -> !state.matches("QUEUED|RUNNING"));
        assertThat(b.get(first).body()).isEqualTo(a.get(first).body());
        assertThat(b.delete(first).status()).as("finished: nothing to cancel").isEqualTo(200);

        ApiEndToEndTest.assertProblem(b.get("/jobs/no-such-job"), 404, "urn:logreg:problem:job-not-found");
    }

    /** A job left unfinished by a replica that died (nothing marks it alive any more) reads as FAILED. */
    @Test
    void aJobWhoseReplicaDiedReadsAsFailed() throws InterruptedException {
        String location = submit(a);
        JsonNode running = awaitState(b, location, "RUNNING"::equals);
        ObjectNode orphan = (ObjectNode) running.deepCopy();
        orphan.put("id", "orphan-job");
        ((ObjectNode) orphan.get("links")).put("self", "/jobs/orphan-job");
        try (HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setJdbcUrl(postgres.jdbcUrl());
            JdbcClient.create(dataSource)
                    .sql("insert into training_jobs (id, updated_at, status) values"
                            + " ('orphan-job', now() - interval '1 minute', ?::jsonb)")
                    .param(orphan.toString())
                    .update();
        }
        for (HttpTestClient replica : List.of(a, b)) {
            JsonNode lost = replica.get("/jobs/orphan-job").json();
            assertThat(lost.path("state").asString()).isEqualTo("FAILED");
            assertThat(lost.path("error").path("title").asString()).isEqualTo("Job lost");
            assertThat(lost.path("error").path("detail").asString()).contains("replica that ran this job stopped");
        }
        awaitState(a, location, state -> !state.matches("QUEUED|RUNNING"));
    }
}
