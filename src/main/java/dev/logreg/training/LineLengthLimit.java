package dev.logreg.training;

import dev.logreg.problem.InvalidRequestException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses a CSV body with a line longer than {@code maxLineBytes}: the parser holds a field whole
 * in its buffer, so without this a body of one 256 MB field would take several times that in the
 * heap before a single value is checked. Counting is a scan of each buffer read for line ends (LF
 * or CR); a line break inside double quotes (a quoted field that spans lines) does not end the
 * count, so a field never outgrows the limit.
 */
final class LineLengthLimit extends FilterInputStream {

    /** Room for a value: digits, sign, exponent and spaces, with a wide margin. */
    static final int BYTES_PER_VALUE = 1000;

    private final long maxLineBytes;
    private final String limitName;
    private long lineBytes;
    /** Inside a quoted field: an odd number of quotes since the line began ({@code ""} toggles twice). */
    private boolean quoted;

    /**
     * @param limitName the setting the limit derives from, named in the error
     */
    LineLengthLimit(InputStream body, long maxLineBytes, String limitName) {
        super(body);
        this.maxLineBytes = maxLineBytes;
        this.limitName = limitName;
    }

    /** The longest line of a row of at most {@code maxValues} values. */
    static long forValues(int maxValues) {
        return (long) maxValues * BYTES_PER_VALUE;
    }

    @Override
    public int read() throws IOException {
        int value = super.read();
        if (value >= 0) {
            count((byte) value);
        }
        return value;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        for (int i = offset; i < offset + read; i++) {
            count(buffer[i]);
        }
        return read;
    }

    private void count(byte value) {
        if (value == '"') {
            quoted = !quoted;
        }
        if ((value == '\n' || value == '\r') && !quoted) {
            lineBytes = 0;
        } else if (++lineBytes > maxLineBytes) {
            throw new InvalidRequestException(
                    "body",
                    "has a line longer than " + maxLineBytes + " bytes, more than a row within " + limitName
                            + " needs");
        }
    }
}
