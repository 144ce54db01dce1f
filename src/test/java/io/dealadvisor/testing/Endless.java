package io.dealadvisor.testing;

/**
 * What a rule under test loops on so that it never returns while its test runs: a validation leaves such a thread
 * running (no thread can be stopped safely), so each test ends its own loops with {@link #release()}, and they take no
 * core from the tests after it. A rule reads {@link #round()} once, then loops while it is unchanged.
 */
public final class Endless {

    private static volatile long round;

    private Endless() {
    }

    public static long round() {
        return round;
    }

    /** Every loop begun before this call ends. */
    public static void release() {
        round++;
    }
}
