package dev.logreg.model;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Models by id in memory, at most {@code maxBytes} of them as {@link ModelFootprint} estimates:
 * the replica's copy of a shared store, from which it predicts. Reads take no lock; past the
 * budget, the least recently used models go first, as the CLOCK algorithm approximates it (a read
 * marks its model used; eviction sweeps the models, sparing each used one once).
 *
 * <p>{@link #evict} counts evictions, so that a model read from the database while it was being
 * deleted elsewhere is not cached after its deletion was noticed ({@link #putIfNoEvictionSince}).
 */
final class ModelCache {

    private static final class Entry {
        final Model model;
        final long bytes;
        /** Set by reads, cleared by the eviction sweep; racy on purpose: a hint, not a count. */
        volatile boolean used = true;

        Entry(Model model, long bytes) {
            this.model = model;
            this.bytes = bytes;
        }
    }

    private final Map<String, Entry> byId = new ConcurrentHashMap<>();
    private final AtomicLong evictions = new AtomicLong();
    private final long maxBytes;
    /** The footprints of the cached models added up; guarded by {@code this}. */
    private long bytes;

    ModelCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    long maxBytes() {
        return maxBytes;
    }

    /** The cached model, or null. */
    Model get(String id) {
        Entry entry = byId.get(id);
        if (entry == null) {
            return null;
        }
        if (!entry.used) {
            entry.used = true;
        }
        return entry.model;
    }

    /** How many evictions there have been: read before loading a model to cache. */
    long evictionCount() {
        return evictions.get();
    }

    /** Caches {@code model}, making room by evicting others; a model larger than the budget is not cached. */
    synchronized void put(Model model) {
        long size = ModelFootprint.bytes(model);
        if (size > maxBytes || byId.containsKey(model.id())) {
            return;
        }
        byId.put(model.id(), new Entry(model, size));
        bytes += size;
        makeRoom();
    }

    /** {@link #put}, unless a model was evicted since {@code evictionCount} was read. */
    synchronized void putIfNoEvictionSince(Model model, long evictionCount) {
        if (evictions.get() == evictionCount) {
            put(model);
        }
    }

    /** Sweeps the models, sparing a used one once and clearing its mark, until they fit. */
    private void makeRoom() {
        for (int pass = 0; bytes > maxBytes && pass < 3; pass++) {
            Iterator<Entry> entries = byId.values().iterator();
            while (bytes > maxBytes && entries.hasNext()) {
                Entry entry = entries.next();
                if (entry.used && pass < 2) {
                    entry.used = false;
                } else {
                    entries.remove();
                    bytes -= entry.bytes;
                }
            }
        }
    }

    /** Forgets the model, if cached: it was deleted, or may have been. */
    synchronized void evict(String id) {
        evictions.incrementAndGet();
        Entry removed = byId.remove(id);
        if (removed != null) {
            bytes -= removed.bytes;
        }
    }

    /** Forgets the models of these ids. */
    synchronized void evictAll(Collection<String> ids) {
        for (String id : ids) {
            evict(id);
        }
    }

    /** The ids cached now. */
    List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    synchronized long bytes() {
        return bytes;
    }

    int size() {
        return byId.size();
    }
}
