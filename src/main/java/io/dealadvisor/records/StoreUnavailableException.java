package io.dealadvisor.records;

/** The decision store cannot answer now: recording is off, or the database cannot be reached. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
