package io.dealadvisor.records;

import java.time.Duration;

/**
 * How long to wait before trying an unreachable store again: the first wait, doubled after each failed try up to
 * the longest, and back to the first once a try succeeds. Short outages cost little delay; long ones few tries.
 */
public final class Backoff {

    private final Duration first;
    private final Duration longest;
    private Duration next;

    public Backoff(Duration first, Duration longest) {
        this.first = first;
        this.longest = longest;
        this.next = first;
    }

    /** The wait before the next try; the one after it is twice as long, up to the longest. */
    public Duration next() {
        Duration wait = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(longest) < 0 ? doubled : longest;
        return wait;
    }

    /** After a try that succeeded: the next failure waits the first wait again. */
    public void reset() {
        next = first;
    }
}
