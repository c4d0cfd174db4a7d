package dev.logreg.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryModelStoreTest {

    private final InMemoryModelStore store = new InMemoryModelStore(Integer.MAX_VALUE, Long.MAX_VALUE);

    @Test
    void listsNewestFirstInPages() {
        for (int i = 0; i < 5; i++) {
            store.put(TestModels.example("m" + i));
        }
        ModelPage first = store.list(0, 2);
        assertThat(first.content()).extracting(Model::id).containsExactly("m4", "m3");
        assertThat(first.totalElements()).isEqualTo(5);
        assertThat(first.totalPages()).isEqualTo(3);
        assertThat(store.list(2, 2).content()).extracting(Model::id).containsExactly("m0");
        assertThat(store.list(3, 2).content()).isEmpty();
    }

    @Test
    void deleteForgetsAndReportsWhetherItWasThere() {
        store.put(TestModels.example("a"));
        assertThat(store.delete("a")).isTrue();
        assertThat(store.delete("a")).isFalse();
        assertThat(store.find("a")).isEmpty();
        assertThat(store.count()).isZero();
        assertThat(store.list(0, 10).content()).isEmpty();
    }

    @Test
    void concurrentPutsAndDeletesKeepTheIndexesConsistent() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        String id = thread + "-" + i;
                        store.put(TestModels.example(id));
                        if (i % 2 == 0) {
                            store.delete(id);
                        }
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.count()).isEqualTo(8 * 250);
        assertThat(store.list(0, 1000).totalElements()).isEqualTo(8 * 250);
        assertThat(store.list(0, 1000).content()).extracting(Model::id).doesNotHaveDuplicates();
    }

    @Test
    void modelsAreImmutableValues() {
        Model model = TestModels.example("x");
        double[] coefficients = model.coefficients();
        coefficients[0] = 99;
        assertThat(model.coefficients()[0]).isEqualTo(2.0);
        assertThat(model.logit(new double[] {1, 1})).isEqualTo(0.0);
    }
}
