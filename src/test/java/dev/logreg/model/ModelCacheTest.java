package dev.logreg.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
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

    @Test
    void theCachedModelsNeverTakeMoreThanTheBudget() {
        long footprint = ModelFootprint.bytes(TestModels.example("m0"));
        long budget = 3 * footprint + footprint / 2;
        ModelCache small = new ModelCache(budget);
        for (int i = 0; i < 20; i++) {
            small.put(TestModels.example("m" + i));
            long cached = small.ids().stream()
                    .mapToLong(id -> ModelFootprint.bytes(small.get(id)))
                    .sum();
            assertThat(cached).isLessThanOrEqualTo(budget);
        }
        assertThat(small.ids()).hasSizeBetween(1, 3);
    }

    @Test
    void aModelLargerThanTheBudgetIsNotCached() {
        ModelCache small = new ModelCache(ModelFootprint.bytes(TestModels.example("m0")) - 1);
        small.put(TestModels.example("m0"));
        assertThat(small.get("m0")).isNull();
    }

    @Test
    void aModelReadOftenOutlastsModelsReadOnce() {
        long footprint = ModelFootprint.bytes(TestModels.example("m0"));
        ModelCache small = new ModelCache(4 * footprint);
        small.put(TestModels.example("often"));
        for (int i = 0; i < 50; i++) {
            assertThat(small.get("often")).isNotNull();
            small.put(TestModels.example("once-" + i));
        }
        assertThat(small.get("often")).isNotNull();
        assertThat(IntStream.range(0, 50).filter(i -> small.get("once-" + i) != null))
                .hasSizeLessThan(4);
    }
}
