package io.dealadvisor.intake;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;

import java.io.IOException;

/**
 * Reads a string as Jackson does, and refuses one that is not Unicode text. JSON can spell half of a surrogate
 * pair ({@code "\ud800"}), but no UTF-8 text can hold it: such a deal could be answered, yet neither stored in
 * PostgreSQL nor exported, so it is a bad value of its field like any other. So is U+0000, which no PostgreSQL
 * text can hold.
 */
public final class UnicodeTextDeserializer extends StringDeserializer {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String text = super.deserialize(parser, context);
        if (text == null) {
            return null;
        }
        int at = loneSurrogate(text, 0);
        if (at >= 0) {
            throw new NotUnicodeTextException(parser, String.format(
                    "must be Unicode text: character %d is half of a surrogate pair (\\u%04x) without its other half",
                    at + 1, (int) text.charAt(at)));
        }
        int nul = text.indexOf('\u0000');
        if (nul >= 0) {
            throw new NotUnicodeTextException(parser, "must not contain the character U+0000 (NUL): character "
                    + (nul + 1) + " is one");
        }
        return text;
    }

    /** The index of the first surrogate at or after {@code from} that is not part of a pair, or -1. */
    public static int loneSurrogate(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** A string that is not Unicode text; its message is written for the caller. */
    static final class NotUnicodeTextException extends JsonMappingException {
        NotUnicodeTextException(JsonParser parser, String message) {
            super(parser, message);
        }
    }
}
