package io.dealadvisor.records;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The buffer is bounded by its share of the heap as well as by its count: with the database away (here the writer
 * never runs), records beyond 1 % of the heap are dropped and counted, however many the count would allow.
 */
class BufferHeapShareTest {

    @Test
    void recordsBeyondTheHeapShareAreDroppedAndCounted() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        DecisionRecorder recorder = new DecisionRecorder(config(100_000, 1), new DecisionStore(null, null, null),
                metrics);
        DecisionRecord record = Records.record(Records.dealId("heap-share"), Instant.now(), "WAIT",
                Records.rulesetVersion(), "NO_PUSH_BEFORE_MILESTONES");
        long share = Runtime.getRuntime().maxMemory() / 100;
        long fits = share / record.heapBytes();

        for (long i = 0; i < fits + 10; i++) {
            recorder.record(record);
        }

        assertTrue(fits < 100_000, "the test needs a share smaller than the count allows: " + fits);
        assertEquals(fits, metrics.get("deal_advisor_decision_records_backlog").gauge().value());
        assertEquals(10, metrics.get("deal_advisor_decision_records_dropped").counter().count());
    }

    @Test
    void aShareOutsideOneToNinetyPercentIsRefusedAtStart() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new DecisionRecorder(config(100, 0), new DecisionStore(null, null, null), new SimpleMeterRegistry()));
        assertTrue(refused.getMessage().contains("deal-advisor.decisions.buffer-heap-percent"), refused.getMessage());
    }

    /** The settings of a recorder that is on, with a buffer of {@code buffer} records and {@code percent} %. */
    private static DecisionsConfig config(int buffer, int percent) {
        return new DecisionsConfig() {
            public boolean enabled() {
                return true;
            }

            public Store store() {
                return Store.embedded;
            }

            public String path() {
                return "unused";
            }

            public Optional<String> jdbcUrl() {
                return Optional.empty();
            }

            public Optional<String> username() {
                return Optional.empty();
            }

            public Optional<String> password() {
                return Optional.empty();
            }

            public Duration retention() {
                return Duration.ofDays(90);
            }

            public Duration retentionInterval() {
                return Duration.ofHours(1);
            }

            public int buffer() {
                return buffer;
            }

            public int bufferHeapPercent() {
                return percent;
            }
        };
    }
}
