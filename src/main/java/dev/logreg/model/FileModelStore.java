package dev.logreg.model;

import dev.logreg.problem.StoreFullException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Models on disk, one file {@code <id>.json} per model in one directory, as versioned JSON
 * ({@link ModelJson}), and in memory for reading: an
 * {@link InMemoryModelStore} that also keeps the capacity.
 *
 * <p>A model is written atomically: to a temporary file in the same directory, forced to the
 * disk, renamed over its final name (an atomic {@code rename(2)}), and the directory forced so
 * the rename survives a crash. {@link #put} returns only then, so a model acknowledged to a client
 * is on disk, and a crash at any point leaves either the whole file or none (at worst a
 * temporary file, removed at the next start). At start-up every model file is loaded; a file that
 * cannot be read as a model of a known format version is logged and skipped, never fatal.
 */
final class FileModelStore implements ModelStore {

    private static final Logger log = LoggerFactory.getLogger(FileModelStore.class);
    private static final String SUFFIX = ".json";
    private static final String TEMPORARY_PREFIX = ".tmp-";
    /** Ids become file names: letters, digits, '-' and '_' only (the service issues UUIDs). */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,200}");

    private final Path directory;
    private final InMemoryModelStore memory;
    /** Puts and deletes one at a time, so that the capacity checked is the capacity used. */
    private final Object writeLock = new Object();

    private FileModelStore(Path directory, InMemoryModelStore memory) {
        this.directory = directory;
        this.memory = memory;
    }

    /**
     * Opens the store in {@code directory} (created if missing) and loads every model in it into
     * {@code memory}, oldest first, whatever the capacity: they were acknowledged once.
     */
    static FileModelStore open(Path directory, InMemoryModelStore memory) {
        FileModelStore store = new FileModelStore(directory.toAbsolutePath(), memory);
        try {
            Files.createDirectories(store.directory);
            store.load();
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot open the model store in " + store.directory, failure);
        }
        return store;
    }

    private void load() throws IOException {
        List<Model> models = new ArrayList<>();
        int skipped = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(TEMPORARY_PREFIX)) {
                    log.warn("Removing {}: a model write that never finished (the service stopped during it)", file);
                    Files.deleteIfExists(file);
                } else if (name.endsWith(SUFFIX) && Files.isRegularFile(file)) {
                    Optional<Model> model = read(file, name.substring(0, name.length() - SUFFIX.length()));
                    if (model.isPresent()) {
                        models.add(model.get());
                    } else {
                        skipped++;
                    }
                }
            }
        }
        models.sort(Comparator.comparing(Model::createdAt).thenComparing(Model::id));
        for (Model model : models) {
            memory.insert(model);
        }
        log.info(
                "Loaded {} models from {}{}",
                models.size(),
                directory,
                skipped == 0 ? "" : " (" + skipped + " unreadable files skipped)");
        try {
            memory.requireRoom();
        } catch (StoreFullException full) {
            log.warn(
                    "The stored models fill the configured capacity; new models get 503 until some are deleted: {}",
                    full.getMessage());
        }
    }

    private Optional<Model> read(Path file, String id) {
        try {
            ModelJson.StoredModel stored = ModelJson.read(file.toFile());
            if (stored.formatVersion() != ModelJson.FORMAT_VERSION) {
                log.warn(
                        "Skipping {}: format version {}, this service reads {}",
                        file,
                        stored.formatVersion(),
                        ModelJson.FORMAT_VERSION);
            } else if (stored.model() == null || !stored.model().id().equals(id)) {
                log.warn("Skipping {}: it does not hold the model its name says", file);
            } else {
                return Optional.of(stored.model());
            }
        } catch (JacksonException unreadable) {
            log.warn(
                    "Skipping {}: not a readable model file (corrupt or cut short): {}", file, unreadable.getMessage());
        }
        return Optional.empty();
    }

    @Override
    public void put(Model model) {
        if (!SAFE_ID.matcher(model.id()).matches()) {
            throw new IllegalArgumentException("model ids must be letters, digits, '-' and '_': " + model.id());
        }
        synchronized (writeLock) {
            memory.checkRoomFor(model);
            try {
                write(model);
            } catch (IOException failure) {
                throw new UncheckedIOException("cannot write model " + model.id() + " to " + directory, failure);
            }
            memory.insert(model);
        }
    }

    private void write(Model model) throws IOException {
        byte[] json = ModelJson.write(model);
        Path temporary = Files.createTempFile(directory, TEMPORARY_PREFIX + model.id() + "-", ".part");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(json);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, file(model.id()), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException failure) {
            Files.deleteIfExists(temporary);
            throw failure;
        }
        forceDirectory();
    }

    /** Makes the directory's entries (a rename, a delete) durable. */
    private void forceDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private Path file(String id) {
        return directory.resolve(id + SUFFIX);
    }

    @Override
    public void requireRoom() {
        memory.requireRoom();
    }

    @Override
    public Optional<Model> find(String id) {
        return memory.find(id);
    }

    @Override
    public ModelPage list(int page, int size) {
        return memory.list(page, size);
    }

    /** Removes the file, then the model; a model that is not stored touches no file. */
    @Override
    public boolean delete(String id) {
        synchronized (writeLock) {
            if (memory.find(id).isEmpty()) {
                return false;
            }
            try {
                Files.deleteIfExists(file(id));
                forceDirectory();
            } catch (IOException failure) {
                throw new UncheckedIOException("cannot delete model " + id + " from " + directory, failure);
            }
            return memory.delete(id);
        }
    }

    @Override
    public int count() {
        return memory.count();
    }
}
