package io.dealadvisor.intake;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.InputDecorator;

import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * Lets through only well-formed UTF-8 (RFC 3629) on its way to the JSON parser, which decodes an overlong form such as
 * {@code E0 80 AF} into {@code /} without a word: the classic way past a filter that looks for the character itself.
 * Encoded surrogates and code points beyond U+10FFFF are refused too. The check is a byte at a time, on the bytes as
 * they are read, so it costs a body no more than reading it.
 */
final class WellFormedUtf8 extends FilterInputStream {

    /** Wraps every byte input of the mapper it is set on; text already decoded (a Reader) is left alone. */
    static final InputDecorator DECORATOR = new InputDecorator() {
        @Override
        public InputStream decorate(IOContext context, InputStream in) {
            return new WellFormedUtf8(in);
        }

        @Override
        public InputStream decorate(IOContext context, byte[] bytes, int offset, int length) {
            return new WellFormedUtf8(new ByteArrayInputStream(bytes, offset, length));
        }

        @Override
        public Reader decorate(IOContext context, Reader reader) {
            return reader;
        }

        /** Binary input read as data, not text: nothing the service reads comes this way. */
        @Override
        public DataInput decorate(IOContext context, DataInput input) {
            return input;
        }
    };

    /** A body that is not UTF-8 text, with where it stops being. */
    static final class NotUtf8Exception extends JsonParseException {
        NotUtf8Exception(long offset) {
            super(null, "is not UTF-8 text: the bytes from offset " + offset
                    + " are not a well-formed UTF-8 sequence (an invalid, overlong or truncated form)");
        }
    }

    private long offset;
    /** Continuation bytes the current sequence still needs, and the range the next one must fall in. */
    private int needed;
    private int low = 0x80;
    private int high = 0xBF;
    private long sequenceStart;

    private WellFormedUtf8(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            ended();
        } else {
            check(b);
        }
        return b;
    }

    @Override
    public int read(byte[] bytes, int off, int len) throws IOException {
        int read = super.read(bytes, off, len);
        if (read < 0) {
            ended();
            return read;
        }
        for (int i = off; i < off + read; i++) {
            byte b = bytes[i];
            if (b >= 0 && needed == 0) {
                offset++; // ASCII, the usual case
            } else {
                check(b & 0xFF);
            }
        }
        return read;
    }

    /** Skipped bytes are checked too: they are read. */
    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        byte[] skipped = new byte[(int) Math.min(n, 8192)];
        int read = read(skipped, 0, skipped.length);
        return Math.max(read, 0);
    }

    /** No mark: a reset would replay bytes the check has already taken. */
    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int limit) {
        // not supported (markSupported)
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark and reset are not supported");
    }

    private void check(int b) throws NotUtf8Exception {
        if (needed == 0) {
            sequenceStart = offset;
            if (b >= 0x80) {
                start(b);
            }
        } else if (b < low || b > high) {
            throw new NotUtf8Exception(sequenceStart);
        } else {
            needed--;
            low = 0x80;
            high = 0xBF;
        }
        offset++;
    }

    private void start(int b) throws NotUtf8Exception {
        if (b >= 0xC2 && b <= 0xDF) {
            needed = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            needed = 2;
            low = b == 0xE0 ? 0xA0 : 0x80; // E0 80..9F would be overlong
            high = b == 0xED ? 0x9F : 0xBF; // ED A0..BF would be a surrogate
        } else if (b >= 0xF0 && b <= 0xF4) {
            needed = 3;
            low = b == 0xF0 ? 0x90 : 0x80; // F0 80..8F would be overlong
            high = b == 0xF4 ? 0x8F : 0xBF; // F4 90.. would be beyond U+10FFFF
        } else {
            throw new NotUtf8Exception(offset); // C0, C1 (overlong), a continuation byte alone, F5..FF
        }
    }

    private void ended() throws NotUtf8Exception {
        if (needed > 0) {
            throw new NotUtf8Exception(sequenceStart);
        }
    }
}
