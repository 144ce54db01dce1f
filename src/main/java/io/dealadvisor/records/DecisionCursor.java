package io.dealadvisor.records;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * A place in the order of the records (decidedAt, then decisionId): the last record of a page. Callers see it
 * as an opaque token.
 */
public record DecisionCursor(Instant decidedAt, UUID decisionId) {

    public String token() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((decidedAt + "/" + decisionId).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a token stands for; {@link IllegalArgumentException} if it is not one this service made. */
    public static DecisionCursor parse(String token) {
        String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a cursor");
        }
        try {
            return new DecisionCursor(Instant.parse(text.substring(0, slash)), UUID.fromString(text.substring(slash + 1)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a cursor", e);
        }
    }
}
