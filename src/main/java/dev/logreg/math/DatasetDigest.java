package dev.logreg.math;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The SHA-256 of a dataset's canonical numeric content, so that the same data give the same hash
 * however they were sent (JSON or CSV, weights given as 1 or left out, any number formatting).
 *
 * <p>The canonical form, version 1, is this byte sequence, every integer a big-endian 32-bit two's
 * complement and every number the 8 big-endian bytes of its IEEE 754 binary64 bits
 * ({@code Double.doubleToRawLongBits(v + 0.0)}, which writes -0.0 as 0.0):
 * <ol>
 *   <li>the ASCII bytes {@code logreg-dataset-v1};</li>
 *   <li>N, the number of rows, and d, the number of features;</li>
 *   <li>for each of the d feature names: the length of its UTF-8 bytes, then those bytes;</li>
 *   <li>the N x d feature values row by row (no intercept column, whether or not the model has one);</li>
 *   <li>the N labels;</li>
 *   <li>the N weights (1 for every row when none were given).</li>
 * </ol>
 * The options (the intercept among them) are not part of the data and are recorded beside the hash.
 */
public final class DatasetDigest {

    /** The name of the canonical form hashed. */
    public static final String CANONICAL_FORM = "logreg-dataset-v1";

    private static final int BUFFER_DOUBLES = 1024;

    private DatasetDigest() {}

    /**
     * The lowercase hexadecimal SHA-256 of {@code data}'s canonical form, in one pass over its arrays
     * through an 8 KiB buffer (no copy of the data). Nothing is modified.
     */
    public static String sha256(Dataset data) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every Java platform has SHA-256", missing);
        }
        int numSamples = data.numSamples();
        int numColumns = data.numColumns();
        int offset = data.hasIntercept() ? 1 : 0;
        List<String> names = data.featureNames();
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_DOUBLES * Double.BYTES);
        buffer.put(CANONICAL_FORM.getBytes(StandardCharsets.US_ASCII));
        buffer.putInt(numSamples).putInt(names.size());
        for (String name : names) {
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            flushIfFull(digest, buffer, Integer.BYTES);
            buffer.putInt(bytes.length);
            for (byte b : bytes) {
                flushIfFull(digest, buffer, 1);
                buffer.put(b);
            }
        }
        double[] design = data.designData();
        for (int row = 0; row < numSamples; row++) {
            int start = row * numColumns;
            for (int column = start + offset; column < start + numColumns; column++) {
                putDouble(digest, buffer, design[column]);
            }
        }
        double[] labels = data.labels();
        for (int row = 0; row < numSamples; row++) {
            putDouble(digest, buffer, labels[row]);
        }
        double[] weights = data.weights();
        for (int row = 0; row < numSamples; row++) {
            putDouble(digest, buffer, weights[row]);
        }
        buffer.flip();
        digest.update(buffer);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void putDouble(MessageDigest digest, ByteBuffer buffer, double value) {
        flushIfFull(digest, buffer, Double.BYTES);
        buffer.putLong(Double.doubleToRawLongBits(value + 0.0));
    }

    private static void flushIfFull(MessageDigest digest, ByteBuffer buffer, int needed) {
        if (buffer.remaining() < needed) {
            buffer.flip();
            digest.update(buffer);
            buffer.clear();
        }
    }
}
