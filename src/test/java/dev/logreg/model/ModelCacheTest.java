package dev.logreg.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelCacheTest {

    private final ModelCache cache = new ModelCache(1L << 30);

    @Test
    void aModelEvictedWhileItWasReadIsNotCached() {
        long before = cache.evictionCount();
        cache.evict("m1");
        cache.putIfNotEvictedSince(TestModels.example("m1"), before);
        assertThat(cache.get("m1")).isNull();
    }

    @Test
    void otherModelsEvictedMeanwhileDoNotKeepItOut() {
        long before = cache.evictionCount();
        cache.evict("other");
        cache.evict("another");
        cache.putIfNotEvictedSince(TestModels.example("m1"), before);
        assertThat(cache.get("m1")).isNotNull();
    }

    @Test
    void anEvictionBeforeTheReadDoesNotCount() {
        cache.evict("m1");
        long before = cache.evictionCount();
        cache.putIfNotEvictedSince(TestModels.example("m1"), before);
        assertThat(cache.get("m1")).isNotNull();
    }

    @Test
    void pastTheRememberedEvictionsAReadBegunEarlierIsNotCached() {
        long before = cache.evictionCount();
        for (int i = 0; i <= ModelCache.REMEMBERED_EVICTIONS; i++) {
            cache.evict("other-" + i);
        }
        cache.putIfNotEvictedSince(TestModels.example("m1"), before);
        assertThat(cache.get("m1")).isNull();
        long after = cache.evictionCount();
        cache.putIfNotEvictedSince(TestModels.example("m2"), after);
        assertThat(cache.get("m2")).isNotNull();
    }
}
