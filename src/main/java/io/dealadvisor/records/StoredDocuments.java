package io.dealadvisor.records;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * The parts of a record's documents that are kept apart: the headline of the advice document, kept in the summary
 * (the revisits show it after the details went), and the shadow document's {@code reasons}, kept with the details
 * while the rest of the shadow stays in the summary with {@code "reasons": null}. Texts are cut and put back by
 * position, never parsed and written again, so a whole record reads back byte for byte as it was answered.
 */
public final class StoredDocuments {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String NULL = "null";

    private StoredDocuments() {
    }

    /** A shadow document cut in two: the summary's part and the details' {@code reasons} (null: none kept). */
    public record Shadow(String summary, String reasons) {
    }

    /**
     * The top-level {@code headline} of an advice document; null when it has none or is not JSON. Reads no further
     * than the headline (the third field), so it costs the writer little.
     */
    public static String headline(String adviceJson) {
        if (adviceJson == null || adviceJson.isEmpty()) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(adviceJson)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("headline")) {
                    return value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Splits a shadow document: the summary keeps it with {@code "reasons": null}, the details its reasons as they
     * were written. A document without top-level reasons is kept whole in the summary; one that is not JSON, not at
     * all (null: nothing of it is kept).
     */
    public static Shadow split(String shadowJson) {
        if (shadowJson == null) {
            return new Shadow(null, null);
        }
        int[] span = reasons(shadowJson);
        if (span == null) {
            return new Shadow(null, null);
        }
        if (span.length == 0) {
            return new Shadow(shadowJson, null);
        }
        String reasons = shadowJson.substring(span[0], span[1]);
        return new Shadow(shadowJson.substring(0, span[0]) + NULL + shadowJson.substring(span[1]),
                reasons.equals(NULL) ? null : reasons);
    }

    /** The shadow document as answered: the summary's part with the details' reasons put back in. */
    public static String join(String summary, String reasons) {
        if (summary == null || reasons == null) {
            return summary;
        }
        int[] span = reasons(summary);
        return span == null || span.length == 0 ? summary
                : summary.substring(0, span[0]) + reasons + summary.substring(span[1]);
    }

    /** A shadow document without its reasons ({@code "reasons": null}); null when it is not JSON. */
    public static String withoutReasons(String shadowJson) {
        return split(shadowJson).summary();
    }

    /**
     * Where the value of the top-level {@code reasons} starts and ends; an empty array when there is none, null when
     * the text is not a JSON object.
     */
    private static int[] reasons(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            int[] span = new int[0];
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                int start = (int) parser.currentTokenLocation().getCharOffset();
                parser.skipChildren();
                parser.getText(); // a string value is read to its end only when asked for
                if (field.equals("reasons")) {
                    span = new int[]{start, (int) parser.currentLocation().getCharOffset()};
                }
            }
            return token == JsonToken.END_OBJECT && parser.nextToken() == null ? span : null;
        } catch (IOException e) {
            return null;
        }
    }
}
