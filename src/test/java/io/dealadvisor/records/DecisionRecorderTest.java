package io.dealadvisor.records;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.dealadvisor.testing.Poll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recorder's own promises, on a store that is never reached: the tests with real databases are beside it. */
class DecisionRecorderTest {

    /**
     * The buffer is bounded by its share of the heap as well as by its count: with the writer not started,
     * records beyond 1 % of the heap are dropped and counted, however many the count would allow.
     */
    @Test
    void recordsBeyondTheHeapShareAreDroppedAndCounted() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        DecisionRecorder recorder = new DecisionRecorder(config(100_000, 1),
                new DecisionStore(config(100_000, 1), null, null), null, metrics);
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
                () -> new DecisionRecorder(config(100, 0), new DecisionStore(config(100, 0), null, null), null,
                        new SimpleMeterRegistry()));
        assertTrue(refused.getMessage().contains("deal-advisor.decisions.buffer-heap-percent"), refused.getMessage());
    }

    /**
     * A bug that ends the writer thread (an Error, which it does not take for an outage) must not go unseen:
     * the health check's status turns DOWN and says why, for as long as the service runs.
     */
    @Test
    void aWriterEndedByAnErrorIsReportedNotSilent() {
        DecisionsConfig config = config(100, 25);
        DecisionStore broken = new DecisionStore(config, null, null) {
            @Override
            void migrate() {
            }

            @Override
            void insert(List<DecisionRecord> records) {
                throw new StackOverflowError("a bug in writing");
            }
        };
        DecisionRecorder recorder = new DecisionRecorder(config, broken, new ErasureScreen(broken),
                new SimpleMeterRegistry());
        recorder.onStart(null);
        assertTrue(recorder.status().reachable(), "running before the first write");

        recorder.record(Records.record(Records.dealId("writer-error"), Instant.now(), "WAIT", Records.rulesetVersion()));

        DecisionRecorder.Status stopped = Poll.until(Duration.ofSeconds(10), "the writer's failure reported",
                recorder::status, status -> !status.reachable());
        assertTrue(stopped.lastError().contains("StackOverflowError: a bug in writing"), stopped.lastError());
        assertEquals(1, stopped.backlog(), "the record is still held, not lost silently");
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

            public EmbeddedEngine embeddedEngine() {
                return EmbeddedEngine.sqlite;
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

            public String retention() {
                return "P3Y";
            }

            public String detailRetention() {
                return "P90D";
            }

            public String idempotencyWindow() {
                return "PT24H";
            }

            public Duration retentionInterval() {
                return Duration.ofHours(1);
            }

            @Override
            public Duration queryTimeout() {
                return Duration.ofSeconds(30);
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
