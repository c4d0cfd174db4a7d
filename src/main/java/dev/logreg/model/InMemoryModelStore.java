package dev.logreg.model;

import dev.logreg.problem.StoreFullException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The default store: models in memory, lost on restart. It holds at most {@code maxModels}
 * models taking at most {@code maxBytes} (as {@link ModelFootprint} estimates them); a model that
 * would pass either gets {@link StoreFullException}.
 */
class InMemoryModelStore implements ModelStore {

    private record Entry(long sequence, Model model, long bytes) {}

    private final Map<String, Entry> byId = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, Model> newestFirst =
            new ConcurrentSkipListMap<>(java.util.Comparator.reverseOrder());
    private final AtomicLong sequence = new AtomicLong();
    private final int maxModels;
    private final long maxBytes;
    /** The footprints of the stored models added up; guarded by {@code this}. */
    private long bytes;

    InMemoryModelStore(int maxModels, long maxBytes) {
        this.maxModels = maxModels;
        this.maxBytes = maxBytes;
    }

    @Override
    public synchronized void put(Model model) {
        checkRoomFor(model);
        insert(model);
    }

    /** Throws {@link StoreFullException} unless {@code model} fits beside the models stored. */
    synchronized void checkRoomFor(Model model) {
        Entry previous = byId.get(model.id());
        long count = byId.size() + (previous == null ? 1 : 0);
        long after = bytes - (previous == null ? 0 : previous.bytes()) + ModelFootprint.bytes(model);
        if (count > maxModels) {
            throw new StoreFullException("The store holds its maximum of " + maxModels
                    + " models (logreg.store.max-models); delete some to make room.");
        }
        if (after > maxBytes) {
            throw new StoreFullException("The stored models would take more than the maximum of " + maxBytes
                    + " bytes (logreg.store.max-bytes); delete some to make room.");
        }
    }

    @Override
    public synchronized void requireRoom() {
        if (byId.size() >= maxModels || bytes >= maxBytes) {
            throw new StoreFullException("The store is full (" + byId.size() + " models, about " + bytes
                    + " bytes; logreg.store.max-models = " + maxModels + ", logreg.store.max-bytes = "
                    + maxBytes + "); delete some models to make room.");
        }
    }

    /** Stores {@code model} whether or not it fits: for models that are already stored elsewhere. */
    synchronized void insert(Model model) {
        long next = sequence.incrementAndGet();
        long size = ModelFootprint.bytes(model);
        Entry previous = byId.put(model.id(), new Entry(next, model, size));
        if (previous != null) {
            newestFirst.remove(previous.sequence());
            bytes -= previous.bytes();
        }
        newestFirst.put(next, model);
        bytes += size;
    }

    @Override
    public Optional<Model> find(String id) {
        Entry entry = byId.get(id);
        return entry == null ? Optional.empty() : Optional.of(entry.model());
    }

    @Override
    public ModelPage list(int page, int size) {
        long total = newestFirst.size();
        List<Model> content = new ArrayList<>(size);
        long skip = (long) page * size;
        Iterator<Model> models = newestFirst.values().iterator();
        for (long i = 0; i < skip && models.hasNext(); i++) {
            models.next();
        }
        while (content.size() < size && models.hasNext()) {
            content.add(models.next());
        }
        int totalPages = (int) ((total + size - 1) / size);
        return new ModelPage(content, page, size, total, totalPages);
    }

    @Override
    public synchronized boolean delete(String id) {
        Entry removed = byId.remove(id);
        if (removed == null) {
            return false;
        }
        newestFirst.remove(removed.sequence());
        bytes -= removed.bytes();
        return true;
    }

    @Override
    public int count() {
        return byId.size();
    }
}
