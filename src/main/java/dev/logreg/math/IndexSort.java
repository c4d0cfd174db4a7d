package dev.logreg.math;

/** Sorts indices by a {@code double[]} key without boxing: a stable bottom-up merge sort. */
final class IndexSort {

    private IndexSort() {
    }

    /** The permutation that puts {@code keys} (not modified) in ascending order. */
    static int[] ascending(double[] keys) {
        int n = keys.length;
        int[] order = new int[n];
        int[] buffer = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int width = 1; width < n; width *= 2) {
            for (int left = 0; left < n; left += 2 * width) {
                int middle = Math.min(left + width, n);
                int right = Math.min(left + 2 * width, n);
                int i = left;
                int j = middle;
                int k = left;
                while (i < middle && j < right) {
                    buffer[k++] = Double.compare(keys[order[j]], keys[order[i]]) < 0 ? order[j++] : order[i++];
                }
                while (i < middle) {
                    buffer[k++] = order[i++];
                }
                while (j < right) {
                    buffer[k++] = order[j++];
                }
            }
            int[] swap = order;
            order = buffer;
            buffer = swap;
        }
        return order;
    }
}
