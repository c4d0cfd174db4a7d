package dev.logreg.model;

import dev.logreg.problem.StoreFullException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
 * cannot be read as a sound model of a known format version ({@link StoredModelCheck}), a link out
 * of the directory and any other stray entry are logged and skipped, never fatal.
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
        Path realDirectory = directory.toRealPath();
        List<Model> models = new ArrayList<>();
        int skipped = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                try {
                    Optional<Model> model = loadEntry(entry, realDirectory);
                    if (model.isPresent()) {
                        models.add(model.get());
                    } else if (entry.getFileName().toString().endsWith(SUFFIX)) {
                        skipped++;
                    }
                } catch (IOException | RuntimeException failure) {
                    // One entry that cannot be looked at (permissions, a race with another process) never stops
                    // the start; the message is the file system's, about the entry, not its content.
                    log.warn("Skipping {}: {}", entry, failure.toString());
                    skipped++;
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
                skipped == 0 ? "" : " (" + skipped + " files skipped)");
        try {
            memory.requireRoom();
        } catch (StoreFullException full) {
            log.warn(
                    "The stored models fill the configured capacity; new models get 503 until some are deleted: {}",
                    full.getMessage());
        }
    }

    /**
     * The model in one directory entry, or empty for an entry that holds none. A leftover temporary
     * file is removed; anything else that is not a sound model file is logged and left alone: a
     * directory (whatever its name), a link that leads out of the directory (its target is not
     * read, so nothing of it reaches the log), a file that does not parse or fails
     * {@link StoredModelCheck}.
     */
    private Optional<Model> loadEntry(Path entry, Path realDirectory) throws IOException {
        String name = entry.getFileName().toString();
        boolean link = Files.isSymbolicLink(entry);
        if (name.startsWith(TEMPORARY_PREFIX)) {
            if (!link && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                log.warn("Removing {}: a model write that never finished (the service stopped during it)", entry);
                Files.deleteIfExists(entry);
            } else {
                log.warn("Leaving {} alone: named as a temporary file, but not one this service writes", entry);
            }
            return Optional.empty();
        }
        if (!name.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        Path file = entry;
        if (link) {
            Path target = entry.toRealPath();
            if (!target.getParent().equals(realDirectory)) {
                log.warn("Skipping {}: a link that leads out of the model directory", entry);
                return Optional.empty();
            }
            file = target;
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            log.warn("Skipping {}: not a regular file", entry);
            return Optional.empty();
        }
        return read(file, entry, name.substring(0, name.length() - SUFFIX.length()));
    }

    private Optional<Model> read(Path file, Path entry, String id) throws IOException {
        ModelJson.StoredModel stored;
        // NOFOLLOW_LINKS: a file swapped for a link since it was looked at is not opened.
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            stored = ModelJson.read(in);
        } catch (JacksonException unreadable) {
            log.warn(
                    "Skipping {}: not a readable model file (corrupt or cut short): {}",
                    entry,
                    unreadable.getOriginalMessage());
            return Optional.empty();
        }
        if (stored.formatVersion() != ModelJson.FORMAT_VERSION) {
            log.warn(
                    "Skipping {}: format version {}, this service reads {}",
                    entry,
                    stored.formatVersion(),
                    ModelJson.FORMAT_VERSION);
            return Optional.empty();
        }
        if (stored.model() == null || !stored.model().id().equals(id)) {
            log.warn("Skipping {}: it does not hold the model its name says", entry);
            return Optional.empty();
        }
        String problem = StoredModelCheck.firstProblem(stored.model());
        if (problem != null) {
            log.warn("Skipping {}: not a model this service could have written ({})", entry, problem);
            return Optional.empty();
        }
        return Optional.of(stored.model());
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
