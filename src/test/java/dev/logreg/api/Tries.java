package dev.logreg.api;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A small property-based testing harness: a check runs on inputs drawn by a generator from
 * seeded random streams, try {@code i} from seed {@code base + i}, so that a failure names the
 * seed (and shows the input) and can be replayed. The base seed is fixed, so CI runs the same
 * tries every time; {@code -Dlogreg.tries.seed=N} explores others.
 * <p>Not jqwik, which would otherwise be the tool: from 1.10 on its authors ask that AI coding
 * agents not use it, and this code is written with one. Unlike jqwik, the harness does not shrink
 * a failing input: it prints it, abbreviated, with its seed.
 */
final class Tries {

    private static final long BASE_SEED = Long.getLong("logreg.tries.seed", 20261124L);

    private Tries() {}

    static <T> void forAll(int tries, Function<SplittableRandom, T> generator, Consumer<T> check) {
        for (int i = 0; i < tries; i++) {
            long seed = BASE_SEED + i;
            T input = generator.apply(new SplittableRandom(seed));
            try {
                check.accept(input);
            } catch (AssertionError | RuntimeException failure) {
                throw new AssertionError(
                        "try " + i + " (seed " + seed + ") failed for input:\n" + abbreviate(String.valueOf(input))
                                + "\n" + failure.getMessage(),
                        failure);
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 4000 ? text : text.substring(0, 4000) + "... (" + text.length() + " characters)";
    }

    /** One of {@code choices}, uniformly. */
    @SafeVarargs
    static <T> T oneOf(SplittableRandom random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
