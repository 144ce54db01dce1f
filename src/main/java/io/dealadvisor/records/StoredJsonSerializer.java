package io.dealadvisor.records;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.dealadvisor.intake.UnicodeTextDeserializer;

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
        int lone = UnicodeTextDeserializer.loneSurrogate(json, 0);
        if (lone < 0) {
            return json;
        }
        StringBuilder mended = new StringBuilder(json.length());
        int from = 0;
        for (; lone >= 0; lone = UnicodeTextDeserializer.loneSurrogate(json, from)) {
            mended.append(json, from, lone).append('\uFFFD');
            from = lone + 1;
        }
        return mended.append(json, from, json.length()).toString();
    }
}
