package io.dealadvisor.records;

/**
 * A qualification that waited for its records' commit is refused ({@code 503}), although one of its records was, or
 * may yet be, committed: the writer was writing it when the wait ended. A claim on its key must not be released:
 * the record's transaction stores the claim's answer (a deal read from Kafka, a single qualification with
 * {@code durability=sync}), which the retry then finds, rather than deciding the deal a second time.
 */
public class MaybeRecordedException extends StoreUnavailableException {

    public MaybeRecordedException(String message, int retryAfterSeconds) {
        super(message, null, retryAfterSeconds);
    }
}
