package dev.logreg.model;

import java.util.Collection;
import java.util.HashMap;
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
 * <p>{@link #evict} numbers evictions and remembers the number by id, so that a model read from the
 * database while it was being deleted elsewhere is not cached after its deletion was noticed
 * ({@link #putIfNotEvictedSince}). Only that model's eviction counts: deletes of other models
 * (every replica hears all of them) do not keep a model out of the cache.
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

    /** How many evicted ids are told apart; past that, reads begun earlier are not cached. */
    static final int REMEMBERED_EVICTIONS = 10_000;

    private final Map<String, Entry> byId = new ConcurrentHashMap<>();
    private final AtomicLong evictions = new AtomicLong();
    /** The number of each remembered id's latest eviction; guarded by {@code this}. */
    private final Map<String, Long> evictedAt = new HashMap<>();
    /** Evictions up to this number are no longer remembered by id; guarded by {@code this}. */
    private long forgottenThrough;

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

    /** {@link #put}, unless this model was evicted since {@code evictionCount} was read. */
    synchronized void putIfNotEvictedSince(Model model, long evictionCount) {
        Long evicted = evictedAt.get(model.id());
        if (evictionCount >= forgottenThrough && (evicted == null || evicted <= evictionCount)) {
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
        long number = evictions.incrementAndGet();
        if (evictedAt.size() >= REMEMBERED_EVICTIONS && !evictedAt.containsKey(id)) {
            evictedAt.clear();
            forgottenThrough = number - 1;
        }
        evictedAt.put(id, number);
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
