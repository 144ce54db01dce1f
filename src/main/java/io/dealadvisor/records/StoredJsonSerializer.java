package io.dealadvisor.records;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;

/**
 * Writes a stored JSON document as it is, inside the record. Records written before deals had to be Unicode text
 * may hold half of a surrogate pair, which no UTF-8 output can carry: it is written as U+FFFD, the replacement
 * character, rather than ending the answer or the export there.
 */
final class StoredJsonSerializer extends StdSerializer<String> {

    StoredJsonSerializer() {
        super(String.class);
    }

    @Override
    public void serialize(String json, JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeRawValue(wellFormed(json));
    }

    static String wellFormed(String json) {
        StringBuilder mended = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < json.length() && Character.isLowSurrogate(json.charAt(i + 1))) {
                if (mended != null) {
                    mended.append(c).append(json.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (mended == null) {
                    mended = new StringBuilder(json.length()).append(json, 0, i);
                }
                mended.append('\uFFFD');
            } else if (mended != null) {
                mended.append(c);
            }
        }
        return mended == null ? json : mended.toString();
    }
}
