package io.dealadvisor.ops;

/**
 * A caller's text made safe for a log line: each control character, and each invisible formatting character (the
 * bidirectional overrides that show a line in another order, zero-width spaces, the byte order mark), is written as a
 * backslash, {@code u} and four hex digits, and a backslash as two, so no value a caller sends can break a line, forge
 * one, or pass for an escape.
 */
public final class LogText {

    private LogText() {
    }

    public static String escaped(String text) {
        if (text == null || !needsEscaping(text)) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (c == '\\') {
                escaped.append("\\\\");
            } else if (isControl(c)) {
                for (char unit : Character.toChars(c)) { // both halves of a character beyond U+FFFF
                    escaped.append(String.format("\\u%04x", (int) unit));
                }
            } else {
                escaped.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        return escaped.toString();
    }

    private static boolean needsEscaping(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (c == '\\' || isControl(c)) {
                return true;
            }
            i += Character.charCount(c);
        }
        return false;
    }

    /**
     * C0 and C1 controls, DEL, the Unicode line and paragraph separators, and formatting characters, those beyond
     * U+FFFF included (the tags that can hide text).
     */
    private static boolean isControl(int c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029'
                || c >= 0xAD && Character.getType(c) == Character.FORMAT;
    }
}
