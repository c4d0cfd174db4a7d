package dev.logreg.training;

import java.util.Arrays;

/**
 * An append-only sequence of doubles held in chunks of {@value #CHUNK} values: growing allocates
 * a new chunk and never copies what is already there (a doubling array copies each value about
 * once more and, at its last growth, holds up to three times the data). {@link #moveRows} then
 * makes the one exact-size array the fit uses, releasing each chunk as soon as it is copied, so
 * the data are held about once at any moment.
 */
final class ChunkedDoubleArray {

    /** 2^16 values, 512 KiB per chunk: small next to a dataset, large next to a row. */
    static final int CHUNK_BITS = 16;

    static final int CHUNK = 1 << CHUNK_BITS;

    private double[][] chunks = new double[4][];
    private double[] current;
    private int chunkIndex;
    private int position;
    private long size;

    ChunkedDoubleArray() {
        current = chunks[0] = new double[CHUNK];
    }

    void add(double value) {
        if (position == CHUNK) {
            nextChunk();
        }
        current[position++] = value;
        size++;
    }

    private void nextChunk() {
        chunkIndex++;
        if (chunkIndex == chunks.length) {
            chunks = Arrays.copyOf(chunks, 2 * chunks.length);
        }
        if (chunks[chunkIndex] == null) {
            chunks[chunkIndex] = new double[CHUNK];
        }
        current = chunks[chunkIndex];
        position = 0;
    }

    long size() {
        return size;
    }

    double get(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(Long.toString(index));
        }
        return chunks[(int) (index >>> CHUNK_BITS)][(int) (index & (CHUNK - 1))];
    }

    /** Drops the values from {@code newSize} on; the chunks stay allocated for what comes next. */
    void truncate(long newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IndexOutOfBoundsException(Long.toString(newSize));
        }
        size = newSize;
        if (newSize > 0 && (newSize & (CHUNK - 1)) == 0) {
            chunkIndex = (int) (newSize >>> CHUNK_BITS) - 1;
            position = CHUNK;
        } else {
            chunkIndex = (int) (newSize >>> CHUNK_BITS);
            position = (int) (newSize & (CHUNK - 1));
        }
        current = chunks[chunkIndex];
    }

    /**
     * The values as {@code numRows} rows of {@code stride} values in one new array, each row
     * without its first {@code skipLeading} values: {@code numRows * (stride - skipLeading)}
     * doubles. Leaves this array empty and unusable: its chunks are released while copying.
     *
     * @throws IllegalArgumentException when the size is not {@code numRows * stride}
     */
    double[] moveRows(int numRows, int stride, int skipLeading) {
        if ((long) numRows * stride != size || skipLeading < 0 || skipLeading > stride) {
            throw new IllegalArgumentException("expected " + numRows + " rows of " + stride + " values");
        }
        int width = stride - skipLeading;
        double[] rows = new double[Math.multiplyExact(numRows, width)];
        long source = 0;
        int target = 0;
        for (int row = 0; row < numRows; row++) {
            source += skipLeading;
            int remaining = width;
            while (remaining > 0) {
                int chunk = (int) (source >>> CHUNK_BITS);
                int offset = (int) (source & (CHUNK - 1));
                int count = Math.min(remaining, CHUNK - offset);
                System.arraycopy(chunks[chunk], offset, rows, target, count);
                source += count;
                target += count;
                remaining -= count;
                if (offset + count == CHUNK) {
                    chunks[chunk] = null;
                }
            }
        }
        chunks = null;
        current = null;
        size = 0;
        return rows;
    }
}
