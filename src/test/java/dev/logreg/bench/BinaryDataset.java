package dev.logreg.bench;

import dev.logreg.math.Dataset;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the benchmark's binary datasets (written by {@code bench/bench.py generate}):
 * little-endian int64 N, int64 d, X as N x d float64 row-major, y as N float64. The design is
 * built as the JSON reader builds it, with a leading intercept column, in one array of N (d + 1)
 * doubles: the file is streamed through a 1 MiB buffer.
 */
final class BinaryDataset {

    private BinaryDataset() {}

    /** The rows as the loss reads them, and the arrays the {@link Dataset} holds (not copies). */
    record Rows(Dataset dataset, double[] design, double[] labels, double[] weights) {}

    static Dataset read(Path file) throws IOException {
        return readRows(file).dataset();
    }

    static Rows readRows(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, header);
            header.flip();
            int n = Math.toIntExact(header.getLong());
            int d = Math.toIntExact(header.getLong());
            int p = d + 1;
            double[] design = new double[Math.multiplyExact(n, p)];
            int rowsPerChunk = Math.max(1, (1 << 20) / (8 * d));
            ByteBuffer chunk = ByteBuffer.allocateDirect(rowsPerChunk * d * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (int row = 0; row < n; row += rowsPerChunk) {
                int rows = Math.min(rowsPerChunk, n - row);
                chunk.clear().limit(rows * d * 8);
                readFully(channel, chunk);
                chunk.flip();
                DoubleBuffer values = chunk.asDoubleBuffer();
                for (int r = 0; r < rows; r++) {
                    int offset = (row + r) * p;
                    design[offset] = 1.0;
                    values.get(design, offset + 1, d);
                }
            }
            ByteBuffer labelBytes = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, labelBytes);
            labelBytes.flip();
            double[] labels = new double[n];
            labelBytes.asDoubleBuffer().get(labels);
            double[] weights = new double[n];
            Arrays.fill(weights, 1.0);
            List<String> names = new ArrayList<>();
            for (int j = 1; j <= d; j++) {
                names.add("x" + j);
            }
            return new Rows(new Dataset(design, n, p, true, labels, weights, names), design, labels, weights);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("truncated benchmark file");
            }
        }
    }
}
