package io.dealadvisor.ops;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class LogTextTest {

    @Test
    void aLineBreakCannotStartAForgedLine() {
        assertEquals("OPP-1\\u000d\\u000a2026-12-04 INFO forged", LogText.escaped("OPP-1\r\n2026-12-04 INFO forged"));
    }

    @Test
    void everyControlCharacterIsEscapedAndOtherTextKept() {
        assertEquals("\\u0000\\u001f\\u007f\\u0085\\u2028 Zoë 😀", LogText.escaped("\u0000\u001f\u007f\u0085\u2028 Zoë 😀"));
    }

    @Test
    void aBackslashCannotPassForAnEscape() {
        assertEquals("plain\\\\u000aFAKE", LogText.escaped("plain\\u000aFAKE"));
    }

    @Test
    void invisibleFormattingCannotReorderOrHideText() {
        assertEquals("bidi\\u202eevil\\u200b\\ufeff", LogText.escaped("bidi\u202eevil\u200b\ufeff"));
        // a tag character (U+E0041), which shows nothing and can carry hidden text
        assertEquals("tag\\udb40\\udc41 😀", LogText.escaped("tag\udb40\udc41 😀"));
    }

    @Test
    void cleanTextIsReturnedAsIs() {
        String clean = "OPP-2026-0042";
        assertSame(clean, LogText.escaped(clean));
        assertNull(LogText.escaped(null));
    }
}
