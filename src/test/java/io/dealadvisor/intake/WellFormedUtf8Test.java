package io.dealadvisor.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service's JSON reads UTF-8 text only in its well-formed, shortest form (RFC 3629). */
class WellFormedUtf8Test {

    private static final ObjectMapper JSON = StrictJson.newMapper();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "c3a9",         // é
            "e282ac",       // €
            "f09f9880",     // an emoji, four bytes
            "f48fbfbf",     // U+10FFFF, the last code point
            "efbbbf",       // U+FEFF
    })
    void wellFormedTextIsReadAsItIs(String hex) throws IOException {
        byte[] text = HexFormat.of().parseHex(hex);
        String expected = new String(text, StandardCharsets.UTF_8);

        assertEquals(expected, JSON.readTree(json(text)).get("name").asText());
        assertEquals(expected, JSON.readTree(new ByteArrayInputStream(json(text))).get("name").asText());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "e080af",       // '/' in three bytes: overlong
            "c0af",         // '/' in two bytes: overlong
            "f08080af",     // '/' in four bytes: overlong
            "eda080",       // a surrogate, encoded
            "f4908080",     // beyond U+10FFFF
            "ff",           // never in UTF-8
            "80",           // a continuation byte alone
            "e282",         // cut short
    })
    void anythingElseIsRefusedSayingWhere(String hex) {
        byte[] body = json(HexFormat.of().parseHex(hex));

        WellFormedUtf8.NotUtf8Exception refused = assertThrows(WellFormedUtf8.NotUtf8Exception.class,
                () -> JSON.readTree(new ByteArrayInputStream(body)));

        assertTrue(refused.getOriginalMessage().startsWith("is not UTF-8 text: the bytes from offset 9 are not"),
                refused.getOriginalMessage());
    }

    /** Whoever skips bytes instead of reading them gets the same check, and no way to read checked bytes twice. */
    @Test
    void skippedBytesAreCheckedAndNothingCanBeReadAgain() throws IOException {
        InputStream wellFormed = WellFormedUtf8.DECORATOR.decorate(null, new ByteArrayInputStream(json(
                HexFormat.of().parseHex("c3a9e282ac"))));
        assertEquals(12, wellFormed.skip(12)); // the name, the é and the first byte of the euro sign
        assertEquals(0, wellFormed.skip(0));
        assertEquals(0x82, wellFormed.read());
        assertFalse(wellFormed.markSupported());
        assertThrows(IOException.class, wellFormed::reset);

        InputStream overlong = WellFormedUtf8.DECORATOR.decorate(null, new ByteArrayInputStream(json(
                HexFormat.of().parseHex("e080af"))));
        WellFormedUtf8.NotUtf8Exception refused = assertThrows(WellFormedUtf8.NotUtf8Exception.class,
                () -> overlong.skip(100));
        assertTrue(refused.getOriginalMessage().contains("offset 9"), refused.getOriginalMessage());
    }

    /** {@code {"name":"} then the bytes, then {@code "}}. */
    private static byte[] json(byte[] text) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"name\":\"".getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(text);
        body.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }
}
