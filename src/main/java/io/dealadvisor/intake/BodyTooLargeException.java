package io.dealadvisor.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/** A request body longer than the service reads, found while reading it (chunked or not). */
public final class BodyTooLargeException extends RuntimeException {

    public BodyTooLargeException() {
        super("the request body is longer than the service reads");
    }

    /** Whether the JSON parser stopped because the document was longer than its limit, which is the body's. */
    public static boolean isDocumentLength(JsonProcessingException error) {
        return error instanceof StreamConstraintsException limit
                && limit.getOriginalMessage().startsWith("Document length");
    }
}
