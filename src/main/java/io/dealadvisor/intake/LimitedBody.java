package io.dealadvisor.intake;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body whose bytes are counted as they are read, chunked or not, and refused past the limit
 * ({@link BodyTooLargeException}, answered 413): a body costs at most the limit, whatever its declared length.
 */
public final class LimitedBody extends FilterInputStream {

    private long left;

    public LimitedBody(InputStream body, long maxBytes) {
        super(body);
        this.left = maxBytes;
    }

    @Override
    public int read() throws IOException {
        int next = super.read();
        if (next >= 0 && --left < 0) {
            throw new BodyTooLargeException();
        }
        return next;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, (int) Math.min(length, left + 1));
        if (read > 0) {
            left -= read;
            if (left < 0) {
                throw new BodyTooLargeException();
            }
        }
        return read;
    }

    @Override
    public long skip(long count) throws IOException {
        int chunk = (int) Math.min(count, 8192);
        return Math.max(0, read(new byte[chunk], 0, chunk));
    }
}
