package dev.logreg.model;

import dev.logreg.problem.ServiceUnavailableException;
import dev.logreg.problem.StoreFullException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Models in PostgreSQL, shared by every replica of the service: the table {@code models} (Flyway
 * migrations in {@code db/migration}) holds each model as versioned JSON ({@link ModelJson}) in a
 * {@code jsonb} column, beside its id, name, creation time and estimated size.
 *
 * <p>A model is stored when its transaction has committed: {@link #put} returns only then. The
 * count capacity ({@code logreg.store.max-models}) is checked in that transaction under a
 * transaction-level advisory lock, so that replicas storing at once cannot pass it together.
 *
 * <p>Models never change, so each replica caches those it reads ({@link ModelCache}, bounded by
 * {@code logreg.store.max-bytes}) and predicts from memory. A delete sends {@code NOTIFY} on the
 * channel {@value #DELETED_CHANNEL} in its transaction; a listener thread on its own connection
 * evicts the model on every replica as the notification comes. Whenever the listener (re)connects,
 * and at least every {@code logreg.store.cache-lifetime} while connected, it also asks the
 * database which cached models still exist and evicts the others: the fallback for a
 * notification missed while it was not connected.
 *
 * <p>The database being unreachable is {@link ServiceUnavailableException} (503 with
 * {@code Retry-After}) for everything that needs it: training, listing, deleting, and reading a
 * model that is not cached. Cached models keep being served: they cannot change, and deleting one
 * needs the database. The service reconnects by itself (the connection pool validates its
 * connections; the listener retries every second).
 */
final class DatabaseModelStore implements ModelStore, AutoCloseable {

    /** The notification channel of deletes; the payload is the model's id. */
    static final String DELETED_CHANNEL = "logreg_model_deleted";
    /** When a client may try again after the database failed. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(DatabaseModelStore.class);
    /** The advisory lock key that serialises the capacity check of puts (arbitrary, fixed). */
    private static final long PUT_LOCK = 0x6c6f6772_65670001L;

    private static final long RECONNECT_MILLIS = 1000;
    private static final int POLL_MILLIS = 250;
    private static final long NETWORK_TIMEOUT_MILLIS = 10_000;
    /** For statements run for their effect whose result is one row of {@code void}. */
    private static final RowCallbackHandler IGNORE_ROWS = row -> {};

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ModelCache cache;
    private final int maxModels;
    private final Duration cacheLifetime;
    private final Thread listener;
    private volatile boolean running = true;
    private volatile boolean listening;

    private DatabaseModelStore(
            DataSource dataSource,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            ModelCache cache,
            int maxModels,
            Duration cacheLifetime) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.cache = cache;
        this.maxModels = maxModels;
        this.cacheLifetime = cacheLifetime;
        this.listener = new Thread(this::listen, "model-delete-listener");
        this.listener.setDaemon(true);
    }

    /**
     * A store on the migrated database behind {@code dataSource}, its delete listener started.
     *
     * @param cacheLifetime how long a cached model may go unchecked against the database while
     *     the database is reachable
     */
    static DatabaseModelStore open(
            DataSource dataSource,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            ModelCache cache,
            int maxModels,
            Duration cacheLifetime) {
        DatabaseModelStore store =
                new DatabaseModelStore(dataSource, jdbc, transactions, cache, maxModels, cacheLifetime);
        store.listener.start();
        return store;
    }

    @Override
    public void put(Model model) {
        long size = ModelFootprint.bytes(model);
        if (size > cache.maxBytes()) {
            throw new StoreFullException("The model would take about " + size + " bytes, more than the "
                    + cache.maxBytes() + " bytes all cached models may take (logreg.store.max-bytes).");
        }
        String json = ModelJson.writeString(model);
        database(
                "store the model",
                () -> transactions.execute(status -> {
                    jdbc.sql("select pg_advisory_xact_lock(?)").param(PUT_LOCK).query(IGNORE_ROWS);
                    long stored = jdbc.sql("select count(*) from models")
                            .query(Long.class)
                            .single();
                    if (stored >= maxModels) {
                        throw new StoreFullException("The store holds its maximum of " + maxModels
                                + " models (logreg.store.max-models); delete some to make room.");
                    }
                    jdbc.sql("insert into models (id, name, created_at,"
                                    + " size_bytes, model) values (?, ?, ?, ?, ?::jsonb)")
                            .param(model.id())
                            .param(model.name())
                            .param(OffsetDateTime.ofInstant(model.createdAt(), ZoneOffset.UTC))
                            .param(size)
                            .param(json)
                            .update();
                    return null;
                }));
        cache.put(model);
    }

    @Override
    public void requireRoom() {
        int stored = count();
        if (stored >= maxModels) {
            throw new StoreFullException("The store is full (" + stored + " models; logreg.store.max-models = "
                    + maxModels + "); delete some models to make room.");
        }
    }

    /** Whether deletes are heard now, so that models read are cached. */
    boolean isListening() {
        return listening;
    }

    /** From the cache; a model not cached is read from the database and cached. */
    @Override
    public Optional<Model> find(String id) {
        Model cached = cache.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        long evictions = cache.evictionCount();
        Optional<String> json = database(
                "read the model",
                () -> jdbc.sql("select model::text from models where id = ?")
                        .param(id)
                        .query(String.class)
                        .optional());
        Optional<Model> model = json.map(ModelJson::readModel);
        // Cached only while deletes are heard, and unless one was heard during the read.
        if (model.isPresent() && listening) {
            cache.putIfNotEvictedSince(model.get(), evictions);
        }
        return model;
    }

    /** One page, newest first, read from the database (not the cache): every replica lists the same. */
    @Override
    public ModelPage list(int page, int size) {
        return database(
                "list the models",
                () -> transactions.execute(status -> {
                    long total = jdbc.sql("select count(*) from models")
                            .query(Long.class)
                            .single();
                    List<Model> content = jdbc.sql("select model::text from models order by seq desc limit ? offset ?")
                            .param(size)
                            .param((long) page * size)
                            .query((row, number) -> ModelJson.readModel(row.getString(1)))
                            .list();
                    int totalPages = (int) ((total + size - 1) / size);
                    return new ModelPage(content, page, size, total, totalPages);
                }));
    }

    /** Deletes the row and tells every replica, in one transaction; evicts here once committed. */
    @Override
    public boolean delete(String id) {
        Boolean deleted = database(
                "delete the model",
                () -> transactions.execute(status -> {
                    if (jdbc.sql("delete from models where id = ?").param(id).update() == 0) {
                        return false;
                    }
                    jdbc.sql("select pg_notify(?, ?)")
                            .param(DELETED_CHANNEL)
                            .param(id)
                            .query(IGNORE_ROWS);
                    return true;
                }));
        cache.evict(id);
        return Boolean.TRUE.equals(deleted);
    }

    @Override
    public int count() {
        return database(
                "count the models",
                () -> jdbc.sql("select count(*) from models")
                        .query(Integer.class)
                        .single());
    }

    /** Runs {@code work}; a database failure becomes 503 with {@code Retry-After}. */
    private <T> T database(String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException | TransactionException failure) {
            log.warn("Cannot {}: the database failed: {}", what, failure.getMessage());
            throw new ServiceUnavailableException(
                    "The model database cannot be reached, so the service cannot " + what
                            + " now; nothing was changed. Try again shortly.",
                    RETRY_AFTER);
        }
    }

    /**
     * The listener thread: {@code LISTEN} on its own connection, evict each deleted model as its
     * notification comes, and check the whole cache against the database on every (re)connection
     * and every {@code cacheLifetime}. A failed connection is retried every second.
     */
    private void listen() {
        boolean failing = false;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                // A connection cut off without a word (no RST) fails the next check instead of hanging.
                connection.setNetworkTimeout(Runnable::run, (int)
                        Math.min(Integer.MAX_VALUE, Math.max(NETWORK_TIMEOUT_MILLIS, 2 * cacheLifetime.toMillis())));
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + DELETED_CHANNEL);
                }
                PGConnection notifications = connection.unwrap(PGConnection.class);
                listening = true;
                evictDeleted(connection);
                if (failing) {
                    log.info("Listening for model deletes again; the cache is checked against the database");
                    failing = false;
                }
                long nextCheck = System.nanoTime() + cacheLifetime.toNanos();
                while (running) {
                    PGNotification[] received = notifications.getNotifications(POLL_MILLIS);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            cache.evict(notification.getParameter());
                        }
                    }
                    if (System.nanoTime() - nextCheck >= 0) {
                        evictDeleted(connection);
                        nextCheck = System.nanoTime() + cacheLifetime.toNanos();
                    }
                }
            } catch (SQLException | RuntimeException failure) {
                listening = false;
                if (running && !failing) {
                    log.warn(
                            "Not listening for model deletes (retrying every second; cached models are"
                                    + " served meanwhile): {}",
                            failure.getMessage());
                    failing = true;
                }
                pause();
            } finally {
                listening = false;
            }
        }
    }

    /** Evicts every cached model that is no longer in the database. */
    private void evictDeleted(Connection connection) throws SQLException {
        List<String> cached = cache.ids();
        if (cached.isEmpty()) {
            return;
        }
        Set<String> present = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement("select id from models where id = any(?)")) {
            Array ids = connection.createArrayOf("text", cached.toArray());
            query.setArray(1, ids);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    present.add(rows.getString(1));
                }
            }
        }
        List<String> gone = new ArrayList<>();
        for (String id : cached) {
            if (!present.contains(id)) {
                gone.add(id);
            }
        }
        cache.evictAll(gone);
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_MILLIS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops the listener and waits for it to let go of its connection. */
    @Override
    public void close() {
        running = false;
        listener.interrupt();
        try {
            listener.join(5000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
