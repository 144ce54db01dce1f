package io.dealadvisor.api;

/**
 * A request whose {@code Idempotency-Key} cannot be answered: the caller used it before with another body
 * ({@code 422 idempotency-key-reused}), or a request with the same key and body is still being answered
 * ({@code 409 idempotency-key-in-use}, with {@code Retry-After}). {@link ProblemMappers} renders it.
 */
public class IdempotencyKeyConflict extends RuntimeException {

    /** Whether the key is still held by a request in flight, rather than reused with another body. */
    private final boolean inUse;

    private IdempotencyKeyConflict(boolean inUse, String message) {
        super(message, null, false, false);
        this.inUse = inUse;
    }

    static IdempotencyKeyConflict reused() {
        return new IdempotencyKeyConflict(false, "this Idempotency-Key was used with another body; a retry must send"
                + " the same body, a new request a new key");
    }

    static IdempotencyKeyConflict stillInUse() {
        return new IdempotencyKeyConflict(true, "a request with this Idempotency-Key is still being answered;"
                + " try again shortly");
    }

    boolean keyInUse() {
        return inUse;
    }
}
