package dev.logreg.math;

import java.util.Arrays;

/** An append-only {@code double[]} that doubles its capacity as it fills: no boxing. */
public final class GrowableDoubleArray {

    private double[] values;
    private int size;

    public GrowableDoubleArray(int initialCapacity) {
        values = new double[Math.max(1, initialCapacity)];
    }

    public void add(double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, Math.max(16, (int) Math.min(Integer.MAX_VALUE - 8, 2L * size)));
        }
        values[size++] = value;
    }

    public int size() {
        return size;
    }

    public double get(int index) {
        if (index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return values[index];
    }

    /** Drops the values from {@code newSize} on; {@code newSize} must not exceed the size. */
    public void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IndexOutOfBoundsException(newSize);
        }
        size = newSize;
    }

    /** The backing array, possibly longer than {@link #size()}; later adds may replace it. */
    public double[] buffer() {
        return values;
    }

    /** A copy holding exactly the values added. */
    public double[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
