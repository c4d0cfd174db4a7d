package dev.logreg.training;

import dev.logreg.problem.MalformedBodyException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses a body that is not UTF-8 (RFC 3629: no overlong forms, surrogates or code points past
 * U+10FFFF), naming the line of the first bad byte. A decoder would refuse it too, but it reads
 * ahead and could not say where; replacing the byte with U+FFFD, as a lenient decoder does, puts
 * it in a feature's name. Each buffer read is scanned once: an ASCII byte costs two comparisons.
 */
final class Utf8Validation extends FilterInputStream {

    /** Continuation bytes still expected in the current sequence. */
    private int remaining;
    /** The range the next continuation byte must fall in (narrower right after some lead bytes). */
    private int lower = 0x80;

    private int upper = 0xBF;
    private long line = 1;
    private boolean afterCarriageReturn;

    Utf8Validation(InputStream body) {
        super(body);
    }

    @Override
    public int read() throws IOException {
        int value = super.read();
        if (value >= 0) {
            check(value);
        } else {
            checkEnd();
        }
        return value;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        if (read < 0) {
            checkEnd();
        }
        for (int i = offset; i < offset + read; i++) {
            check(buffer[i] & 0xFF);
        }
        return read;
    }

    private void check(int value) {
        if (remaining > 0) {
            if (value < lower || value > upper) {
                throw invalid("a character broken off by the byte 0x%02X", value);
            }
            remaining--;
            lower = 0x80;
            upper = 0xBF;
            return;
        }
        if (value < 0x80) {
            countLine(value);
            return;
        }
        afterCarriageReturn = false;
        if (value >= 0xC2 && value <= 0xDF) {
            remaining = 1;
        } else if (value >= 0xE0 && value <= 0xEF) {
            remaining = 2;
            lower = value == 0xE0 ? 0xA0 : 0x80; // no overlong forms
            upper = value == 0xED ? 0x9F : 0xBF; // no surrogates
        } else if (value >= 0xF0 && value <= 0xF4) {
            remaining = 3;
            lower = value == 0xF0 ? 0x90 : 0x80; // no overlong forms
            upper = value == 0xF4 ? 0x8F : 0xBF; // nothing past U+10FFFF
        } else {
            throw invalid("the byte 0x%02X, which cannot start a character", value);
        }
    }

    /** Lines end at LF, CR LF or a lone CR, as the CSV parser counts them. */
    private void countLine(int value) {
        if (value == '\n') {
            if (!afterCarriageReturn) {
                line++;
            }
            afterCarriageReturn = false;
        } else if (value == '\r') {
            line++;
            afterCarriageReturn = true;
        } else {
            afterCarriageReturn = false;
        }
    }

    private void checkEnd() {
        if (remaining > 0) {
            throw new MalformedBodyException(
                    "The CSV body is not valid UTF-8: it ends within a character, on line " + line + ".");
        }
    }

    private MalformedBodyException invalid(String what, int value) {
        return new MalformedBodyException("The CSV body is not valid UTF-8: line " + line + " has "
                + String.format(what, value) + ". Send the text as UTF-8.");
    }
}
