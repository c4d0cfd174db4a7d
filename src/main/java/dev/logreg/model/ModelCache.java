package dev.logreg.model;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Models by id in memory, at most {@code maxBytes} of them as {@link ModelFootprint} estimates:
 * the replica's copy of a shared store, from which it predicts. A Caffeine cache bounded by weight
 * holds them: reads take no lock; past the budget, Caffeine evicts the models least likely to be
 * read again (W-TinyLFU: recency and frequency). Footprints are weighed in whole
 * {@value #WEIGHT_UNIT}-byte units, rounded up (Caffeine weighs with an {@code int}), and the
 * budget rounded down to them, so the models cached never take more than {@code maxBytes}.
 * Maintenance runs on the writing thread, so a {@link #put} returns with the budget kept.
 *
 * <p>{@link #evict} numbers evictions and remembers the number by id, so that a model read from the
 * database while it was being deleted elsewhere is not cached after its deletion was noticed
 * ({@link #putIfNotEvictedSince}). Only that model's eviction counts: deletes of other models
 * (every replica hears all of them) do not keep a model out of the cache. Caffeine's own evictions
 * (for room) are not numbered: the model still exists and may be cached again.
 */
final class ModelCache {

    /** How many evicted ids are told apart; past that, reads begun earlier are not cached. */
    static final int REMEMBERED_EVICTIONS = 10_000;
    /** Bytes per unit of Caffeine's weight. */
    static final long WEIGHT_UNIT = 1024;

    private final Cache<String, Model> byId;
    private final AtomicLong evictions = new AtomicLong();
    /** The number of each remembered id's latest eviction; guarded by {@code this}. */
    private final Map<String, Long> evictedAt = new HashMap<>();
    /** Evictions up to this number are no longer remembered by id; guarded by {@code this}. */
    private long forgottenThrough;

    private final long maxBytes;

    ModelCache(long maxBytes) {
        this.maxBytes = maxBytes;
        this.byId = Caffeine.newBuilder()
                .maximumWeight(maxBytes / WEIGHT_UNIT)
                .weigher((String id, Model model) -> weight(ModelFootprint.bytes(model)))
                .executor(Runnable::run)
                .build();
    }

    /** A footprint in weight units, rounded up. */
    static int weight(long bytes) {
        return (int) Math.min(Integer.MAX_VALUE, (bytes + WEIGHT_UNIT - 1) / WEIGHT_UNIT);
    }

    long maxBytes() {
        return maxBytes;
    }

    /** The cached model, or null. */
    Model get(String id) {
        return byId.getIfPresent(id);
    }

    /** How many evictions there have been: read before loading a model to cache. */
    long evictionCount() {
        return evictions.get();
    }

    /** Caches {@code model}, making room by evicting others; a model larger than the budget is not cached. */
    synchronized void put(Model model) {
        if (ModelFootprint.bytes(model) > maxBytes) {
            return;
        }
        byId.asMap().putIfAbsent(model.id(), model);
        byId.cleanUp();
    }

    /** {@link #put}, unless this model was evicted since {@code evictionCount} was read. */
    synchronized void putIfNotEvictedSince(Model model, long evictionCount) {
        Long evicted = evictedAt.get(model.id());
        if (evictionCount >= forgottenThrough && (evicted == null || evicted <= evictionCount)) {
            put(model);
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
        byId.invalidate(id);
    }

    /** Forgets the models of these ids. */
    synchronized void evictAll(Collection<String> ids) {
        for (String id : ids) {
            evict(id);
        }
    }

    /** The ids cached now. */
    List<String> ids() {
        return List.copyOf(byId.asMap().keySet());
    }
}
