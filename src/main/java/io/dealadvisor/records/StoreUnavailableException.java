package io.dealadvisor.records;

/**
 * The decision store cannot answer now: recording is off, or the database cannot be reached. With
 * {@link #retryAfterSeconds()} above zero it refused a qualification ({@code durability=sync}), which the caller
 * may send again after that many seconds.
 */
public class StoreUnavailableException extends RuntimeException {

    private final int retryAfterSeconds;

    public StoreUnavailableException(String message, Throwable cause) {
        this(message, cause, 0);
    }

    public StoreUnavailableException(String message, Throwable cause, int retryAfterSeconds) {
        super(message, cause);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds after which the request may be sent again; 0 when the answer carries no {@code Retry-After}. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
