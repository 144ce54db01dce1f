package io.dealadvisor.intake;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the deals of a request body as it arrives, so that no body can cost more than its limits allow: its bytes
 * are counted as they are read, chunked or not ({@link BodyTooLargeException}); a batch is refused at its first
 * deal over the limit ({@link TooManyDealsException}); each deal keeps only what a deal holds
 * ({@link DealReader#read(JsonParser)}) and names each member given twice in it, so a duplicate refuses its own
 * deal and not the batch. The parser's own limits (nesting, token count, number and name length) hold too: one
 * refuses the whole body, naming where the parser stood.
 */
public final class DealBodies {

    private final ObjectMapper mapper;
    private final DealReader reader;
    private final long maxBytes;
    private final int maxBatch;

    public DealBodies(ObjectMapper mapper, DealReader reader, long maxBytes, int maxBatch) {
        this.mapper = mapper;
        this.reader = reader;
        this.maxBytes = maxBytes;
        this.maxBatch = maxBatch;
    }

    /** One deal: read and checked, or every bad field. */
    public DealReader.Reading readDeal(InputStream body) throws IOException {
        try (JsonParser parser = parser(body)) {
            try {
                parser.nextToken();
                DealReader.Reading reading = reader.read(parser);
                if (parser.nextToken() != null) {
                    return new DealReader.Reading(null, List.of(JacksonErrors.trailingContent(parser)));
                }
                return reading;
            } catch (StreamConstraintsException limit) {
                return new DealReader.Reading(null, List.of(overLimit(limit, parser)));
            }
        }
    }

    /** Each deal of a batch, in order, each read and checked on its own. */
    public List<DealReader.Reading> readBatch(InputStream body) throws IOException {
        try (JsonParser parser = parser(body)) {
            try {
                return readBatch(parser);
            } catch (StreamConstraintsException limit) {
                throw new InvalidDealException(List.of(overLimit(limit, parser)));
            }
        }
    }

    private List<DealReader.Reading> readBatch(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            throw new InvalidDealException(List.of(new FieldError("", "must be a JSON array of deals")));
        }
        List<DealReader.Reading> deals = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (deals.size() == maxBatch) {
                // counted, not read: the rest of the body costs no memory
                int size = maxBatch;
                do {
                    parser.skipChildren();
                    size++;
                } while (parser.nextToken() != JsonToken.END_ARRAY);
                throw new TooManyDealsException(size, maxBatch);
            }
            deals.add(reader.read(parser));
        }
        if (parser.nextToken() != null) {
            throw new InvalidDealException(List.of(JacksonErrors.trailingContent(parser)));
        }
        return deals;
    }

    private JsonParser parser(InputStream body) throws IOException {
        JsonParser parser = mapper.createParser(new Limited(body, maxBytes));
        // the deal reader names a member given twice itself, and reads on to a batch's next deal
        parser.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return parser;
    }

    /** A limit of the parser that ended the body, named where the parser stood; the body's length is its own 413. */
    private static FieldError overLimit(StreamConstraintsException limit, JsonParser parser)
            throws StreamConstraintsException {
        if (BodyTooLargeException.isDocumentLength(limit)) {
            throw limit;
        }
        return JacksonErrors.overLimit(limit, parser.getParsingContext());
    }

    /** A batch of more deals than the limit. */
    public static final class TooManyDealsException extends RuntimeException {
        private final int size;
        private final int max;

        TooManyDealsException(int size, int max) {
            super("a batch holds at most " + max + " deals; this one has " + size);
            this.size = size;
            this.max = max;
        }

        public int size() {
            return size;
        }

        public int max() {
            return max;
        }
    }

    /** The body's bytes, refused past the limit as they are read. */
    private static final class Limited extends FilterInputStream {
        private long left;

        Limited(InputStream body, long maxBytes) {
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
}
