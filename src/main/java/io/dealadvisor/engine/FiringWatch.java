package io.dealadvisor.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Which rule's consequence an evaluation is running, null between consequences (the conditions are then evaluated),
 * for a validation that must name what never returns; and whether that validation has given up on the evaluation,
 * which then ends before its next firing.
 */
final class FiringWatch {

    /** Ends an evaluation the validation has given up on; it carries nothing anyone reads. */
    static final class Abandoned extends RuntimeException {
        Abandoned() {
            super("the validation gave up on this evaluation", null, false, false);
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    volatile String rule;
    volatile boolean abandoned;
    /** Consequences begun so far, and the processor time of the evaluating thread when the last one began. */
    volatile long firings;
    volatile long consequenceBeganAt;

    /** Called before each consequence: the only point where a rule that keeps firing can be ended safely. */
    void firing(String name) {
        if (abandoned) {
            throw new Abandoned();
        }
        consequenceBeganAt = THREADS.getCurrentThreadCpuTime();
        firings++; // written by the evaluating thread alone
        rule = name;
    }
}
