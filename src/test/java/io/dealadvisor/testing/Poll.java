package io.dealadvisor.testing;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Waits for something that happens in the background (a reload) by asking again until a deadline. */
public final class Poll {

    private static final Duration INTERVAL = Duration.ofMillis(50);

    private Poll() {
    }

    /**
     * The first value that satisfies {@code done}; fails, showing the last value seen, if none does in time.
     * A probe started before the deadline counts however long it takes, so a slow probe can overrun it.
     */
    public static <T> T until(Duration timeout, String what, Supplier<T> probe, Predicate<? super T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = probe.get();
            if (done.test(value)) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                return fail(what + " did not happen within " + timeout + "; last seen: " + value);
            }
            try {
                Thread.sleep(INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("interrupted while waiting until " + what);
            }
        }
    }
}
