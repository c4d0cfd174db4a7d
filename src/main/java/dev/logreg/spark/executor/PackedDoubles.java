package dev.logreg.spark.executor;

import java.nio.ByteBuffer;

/** How a partition's result crosses the network: its doubles as big-endian bytes, one element per partition. */
public final class PackedDoubles {

    private PackedDoubles() {}

    /** The doubles as big-endian bytes, which {@link #fromBytes} reads. */
    static byte[] toBytes(double[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(Double.BYTES * values.length);
        bytes.asDoubleBuffer().put(values);
        return bytes.array();
    }

    /** Reads the doubles {@link #toBytes} wrote. */
    public static double[] fromBytes(byte[] bytes) {
        double[] values = new double[bytes.length / Double.BYTES];
        ByteBuffer.wrap(bytes).asDoubleBuffer().get(values);
        return values;
    }
}
