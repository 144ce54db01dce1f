package io.dealadvisor.intake;

import java.util.regex.Pattern;

/**
 * What a deal's or a client's id may hold, wherever one is given (a deal, an erasure, a query): ids are written into
 * log lines and compared with stored ones, so they are Unicode text a database can hold, with no control character.
 */
public final class Ids {

    public static final int MAX_LENGTH = 128;
    /** The deal's own check of its ids ({@link DealRequest}). */
    private static final Pattern NO_CONTROL_CHARACTERS = Pattern.compile(DealRequest.NO_CONTROL_CHARACTERS);

    private Ids() {
    }

    /** Why {@code id} cannot be one, or null when it can. */
    public static String problem(String id) {
        if (id.isEmpty() || id.length() > MAX_LENGTH) {
            return "must be 1 to " + MAX_LENGTH + " characters";
        }
        if (!NO_CONTROL_CHARACTERS.matcher(id).matches()) {
            return DealRequest.CONTROL_CHARACTER;
        }
        int half = UnicodeTextDeserializer.loneSurrogate(id, 0);
        return half < 0 ? null : String.format("must be Unicode text: character %d is half of a surrogate pair"
                + " (\\u%04x) without its other half", half + 1, (int) id.charAt(half));
    }
}
