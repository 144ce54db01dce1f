package io.dealadvisor.records;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.dealadvisor.testing.Poll;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
        DecisionsConfig config = config(100_000, 1);
        DecisionRecorder recorder = new DecisionRecorder(config,
                new WriterConnection(new DecisionStore(config, null, null), null), metrics);
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
                () -> new DecisionRecorder(config(100, 0),
                        new WriterConnection(new DecisionStore(config(100, 0), null, null), null),
                        new SimpleMeterRegistry()));
        assertTrue(refused.getMessage().contains("deal-advisor.decisions.buffer-heap-percent"), refused.getMessage());
    }

    /**
     * A bug that ends the writer thread (an Error, which it does not take for an outage) does not end the writing:
     * a new writer takes over after a back-off, with the record the old one held, and writes it once.
     */
    @Test
    void aWriterEndedByAnErrorIsRestartedWithTheRecordsItHeld() {
        DecisionsConfig config = config(100, 25);
        AtomicBoolean failed = new AtomicBoolean();
        List<UUID> inserted = Collections.synchronizedList(new ArrayList<>());
        DecisionRecorder recorder = new DecisionRecorder(config,
                erring(config, () -> failed.compareAndSet(false, true), inserted), new SimpleMeterRegistry());
        recorder.onStart(null);
        DecisionRecord record = Records.record(Records.dealId("writer-error"), Instant.now(), "WAIT",
                Records.rulesetVersion());

        recorder.record(record);

        Poll.until(Duration.ofSeconds(10), "the record written by the restarted writer",
                () -> recorder.status().backlog(), backlog -> backlog == 0);
        assertTrue(failed.get(), "the first attempt failed");
        assertEquals(List.of(record.decisionId()), inserted);
        assertTrue(recorder.status().reachable());
        assertFalse(recorder.status().writerStopped());
    }

    /**
     * A writer given up (an Error on every attempt within a minute) still tries once more at the stop: what it held
     * is written if whatever failed has passed meanwhile.
     */
    @Test
    void aWriterGivenUpTriesOnceMoreAtTheStop() {
        DecisionsConfig config = config(100, 25);
        AtomicBoolean failing = new AtomicBoolean(true);
        List<UUID> inserted = Collections.synchronizedList(new ArrayList<>());
        DecisionRecorder recorder = new DecisionRecorder(config, erring(config, failing::get, inserted),
                new SimpleMeterRegistry());
        recorder.onStart(null);
        DecisionRecord record = Records.record(Records.dealId("given-up"), Instant.now(), "WAIT",
                Records.rulesetVersion());
        recorder.record(record);
        // restarted after 1, 2, 4 and 8 s, then given up
        Poll.until(Duration.ofSeconds(40), "the writer given up", recorder::status,
                status -> status.writerStopped());
        failing.set(false);

        recorder.onStop(null);

        assertEquals(List.of(record.decisionId()), inserted);
        assertEquals(0, recorder.status().backlog());
    }

    /**
     * Once the stop has begun its final write, a record can no longer be written: the recorder refuses it with
     * {@link RecordingStoppedException}, so that its answer is not given (the API answers {@code 503} stopping),
     * and counts it as dropped; a record waited for gets a failed future instead. What came before is written.
     */
    @Test
    void aRecordThatComesAfterTheFinalWriteBeganIsRefusedNotSilentlyDropped() throws Exception {
        DecisionsConfig config = config(100, 25);
        List<UUID> inserted = Collections.synchronizedList(new ArrayList<>());
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        DecisionRecorder recorder = new DecisionRecorder(config, erring(config, () -> false, inserted), metrics);
        recorder.onStart(null);
        DecisionRecord before = Records.record(Records.dealId("stop"), Instant.now(), "WAIT", Records.rulesetVersion());
        recorder.record(before);

        recorder.onStop(null);

        DecisionRecord after = Records.record(Records.dealId("stop"), Instant.now(), "WAIT", Records.rulesetVersion());
        assertThrows(RecordingStoppedException.class, () -> recorder.record(after));
        CompletableFuture<Void> waited = recorder.recordCommitted(
                Records.record(Records.dealId("stop"), Instant.now(), "WAIT", Records.rulesetVersion()));
        ExecutionException failed = assertThrows(ExecutionException.class, () -> waited.get(1, TimeUnit.SECONDS));
        assertInstanceOf(StoreUnavailableException.class, failed.getCause());
        assertEquals(List.of(before.decisionId()), inserted);
        assertEquals(2, metrics.get("deal_advisor_decision_records_dropped").counter().count());
        assertEquals(0, recorder.status().backlog());
    }

    /**
     * A batch's records are taken all together: those admitted before the stop began are all written, even when
     * they are handed to the writer after it began (the final write waits for them); a batch that comes later is
     * refused whole, none of its records kept, so that it can be sent again as it is; one with nothing to record (its
     * deals all problems) is not refused.
     */
    @Test
    void aBatchIsTakenWholeBeforeTheStopAndRefusedWholeAfterIt() throws Exception {
        DecisionsConfig config = config(100, 25);
        List<UUID> inserted = Collections.synchronizedList(new ArrayList<>());
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        DecisionRecorder recorder = new DecisionRecorder(config, erring(config, () -> false, inserted), metrics);
        recorder.onStart(null);
        List<DecisionRecord> before = batch("stop-before", 3);
        List<DecisionRecorder.Admitted> admitted = recorder.admitAll(before, record -> 0);
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> recorder.onStop(null));
        Poll.until(Duration.ofSeconds(10), "the stop begun", recorder::stopping, stopping -> stopping);
        Thread.sleep(300);
        assertFalse(stopped.isDone(), "the final write ended before the admitted batch was handed over");
        for (int i = 0; i < before.size(); i++) {
            recorder.recordAdmitted(admitted.get(i), before.get(i));
        }
        stopped.get(20, TimeUnit.SECONDS);

        assertThrows(RecordingStoppedException.class, () -> recorder.admitAll(batch("stop-after", 3), record -> 0));
        assertThrows(RecordingStoppedException.class, () -> recorder.recordAllCommitted(batch("stop-after-sync", 2)));
        assertEquals(List.of(), recorder.admitAll(List.of(), record -> 0), "a batch of problems only is answered");
        assertEquals(before.stream().map(DecisionRecord::decisionId).toList(), inserted);
        assertEquals(5, metrics.get("deal_advisor_decision_records_dropped").counter().count());
        assertEquals(0, recorder.status().backlog());
    }

    private static List<DecisionRecord> batch(String what, int size) {
        List<DecisionRecord> records = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            records.add(Records.record(Records.dealId(what), Instant.now(), "WAIT", Records.rulesetVersion()));
        }
        return records;
    }

    /**
     * With {@code durability=sync}, a record's future completes only once the transaction holding it has returned,
     * and a record dropped (here: the buffer of one is full) fails its future at once instead of leaving its
     * caller waiting.
     */
    @Test
    void syncFuturesCompleteAfterTheCommitAndFailWhenTheRecordIsDropped() throws Exception {
        DecisionsConfig config = config(1, 25, DecisionsConfig.Durability.sync);
        CountDownLatch commit = new CountDownLatch(1);
        List<UUID> inserted = Collections.synchronizedList(new ArrayList<>());
        DecisionRecorder recorder = new DecisionRecorder(config,
                holding(config, new CountDownLatch(1), commit, inserted), new SimpleMeterRegistry());
        recorder.onStart(null);
        DecisionRecord first = Records.record(Records.dealId("sync"), Instant.now(), "WAIT", Records.rulesetVersion());
        CompletableFuture<Void> written = recorder.recordCommitted(first);
        Poll.until(Duration.ofSeconds(10), "the writer inside the transaction", () -> recorder.status().backlog(),
                backlog -> backlog == 1 && inserted.isEmpty());

        CompletableFuture<Void> dropped = recorder.recordCommitted(
                Records.record(Records.dealId("sync"), Instant.now(), "WAIT", Records.rulesetVersion()));
        ExecutionException failed = assertThrows(ExecutionException.class, () -> dropped.get(1, TimeUnit.SECONDS));
        assertInstanceOf(StoreUnavailableException.class, failed.getCause());
        Thread.sleep(200);
        assertFalse(written.isDone(), "completed before its transaction returned");

        commit.countDown();
        written.get(10, TimeUnit.SECONDS);
        assertEquals(List.of(first.decisionId()), inserted);
    }

    /**
     * A record whose caller gave up waiting while the database could not be reached is not written once it can:
     * its id was never answered.
     */
    @Test
    void anAbandonedSyncRecordIsNotWrittenLater() throws Exception {
        DecisionsConfig config = config(100, 25, DecisionsConfig.Durability.sync);
        AtomicBoolean up = new AtomicBoolean();
        List<UUID> inserted = Collections.synchronizedList(new ArrayList<>());
        DecisionRecorder recorder = new DecisionRecorder(config, outage(config, up, () -> { }, inserted),
                new SimpleMeterRegistry());
        recorder.onStart(null);
        DecisionRecord abandoned = Records.record(Records.dealId("sync"), Instant.now(), "WAIT",
                Records.rulesetVersion());
        CompletableFuture<Void> future = recorder.recordCommitted(abandoned);
        Poll.until(Duration.ofSeconds(10), "the outage seen", recorder::accepting, accepting -> !accepting);
        // between two attempts of the writer (not during one, when it could still be written)
        Poll.until(Duration.ofSeconds(10), "the record abandoned", () -> recorder.abandon(abandoned.decisionId()),
                never -> never);
        up.set(true);
        DecisionRecord next = Records.record(Records.dealId("sync"), Instant.now(), "WAIT", Records.rulesetVersion());
        recorder.recordCommitted(next).get(20, TimeUnit.SECONDS);

        assertTrue(future.isCancelled());
        assertEquals(List.of(next.decisionId()), inserted);
        assertEquals(0, recorder.status().backlog());
    }

    /**
     * A record the writer is writing when its caller stops waiting cannot be abandoned: the caller learns that it may
     * yet be committed (so a claim on its key is kept), and it is.
     */
    @Test
    void aRecordBeingWrittenIsNotAbandonedAndTheCallerIsToldSo() throws Exception {
        DecisionsConfig config = config(100, 25, DecisionsConfig.Durability.sync);
        CountDownLatch inTransaction = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        List<UUID> inserted = Collections.synchronizedList(new ArrayList<>());
        DecisionRecorder recorder = new DecisionRecorder(config, holding(config, inTransaction, commit, inserted),
                new SimpleMeterRegistry());
        recorder.onStart(null);
        DecisionRecord record = Records.record(Records.dealId("sync"), Instant.now(), "WAIT",
                Records.rulesetVersion());
        CompletableFuture<Void> committed = recorder.recordCommitted(record);
        assertTrue(inTransaction.await(10, TimeUnit.SECONDS), "the writer took the record");

        assertFalse(recorder.abandon(record.decisionId()), "being written: it may yet be committed");

        commit.countDown();
        committed.get(10, TimeUnit.SECONDS);
        assertEquals(List.of(record.decisionId()), inserted);
    }

    /**
     * A record whose caller gave up while the writer was writing it (abandon answered false: it may be committed) is
     * committed by that attempt or never: the attempt fails (the store went away), and it is not written once the
     * store is back, when its caller may long have decided it again.
     */
    @Test
    void aRecordGivenUpDuringAFailedAttemptIsNotWrittenLater() throws Exception {
        DecisionsConfig config = config(100, 25, DecisionsConfig.Durability.sync);
        AtomicBoolean up = new AtomicBoolean();
        CountDownLatch inTransaction = new CountDownLatch(1);
        CountDownLatch fail = new CountDownLatch(1);
        List<UUID> inserted = Collections.synchronizedList(new ArrayList<>());
        Runnable goesAway = () -> {
            inTransaction.countDown();
            try {
                fail.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        DecisionRecorder recorder = new DecisionRecorder(config, outage(config, up, goesAway, inserted),
                new SimpleMeterRegistry());
        recorder.onStart(null);
        DecisionRecord givenUp = Records.record(Records.dealId("sync"), Instant.now(), "WAIT",
                Records.rulesetVersion());
        CompletableFuture<Void> future = recorder.recordCommitted(givenUp);
        assertTrue(inTransaction.await(10, TimeUnit.SECONDS), "the writer took the record");
        assertFalse(recorder.abandon(givenUp.decisionId()), "being written: it may yet be committed");

        fail.countDown();
        Poll.until(Duration.ofSeconds(10), "the record abandoned once its attempt failed", future::isCancelled,
                cancelled -> cancelled);
        up.set(true);
        DecisionRecord next = Records.record(Records.dealId("sync"), Instant.now(), "WAIT", Records.rulesetVersion());
        recorder.recordCommitted(next).get(20, TimeUnit.SECONDS);

        assertEquals(List.of(next.decisionId()), inserted);
        assertEquals(0, recorder.status().backlog());
    }

    /**
     * A store that answers while {@code up} holds and takes each batch into {@code inserted}; while it does not, a
     * transaction runs {@code beforeFailing}, then fails as an outage does.
     */
    private static WriterConnection outage(DecisionsConfig config, AtomicBoolean up, Runnable beforeFailing,
                                           List<UUID> inserted) {
        return new WriterConnection(new DecisionStore(config, null, null), null) {
            @Override
            void migrate() {
            }

            @Override
            boolean reachable() {
                return up.get();
            }

            @Override
            void insert(List<DecisionRecord> records) throws SQLException {
                if (!up.get()) {
                    beforeFailing.run();
                    throw new SQLException("the store cannot be reached");
                }
                records.forEach(record -> inserted.add(record.decisionId()));
            }
        };
    }

    /**
     * A store that takes each batch into {@code inserted}, unless {@code failing} says so for it: then a bug (an
     * Error, not an outage) ends the writer.
     */
    private static WriterConnection erring(DecisionsConfig config, BooleanSupplier failing, List<UUID> inserted) {
        return new WriterConnection(new DecisionStore(config, null, null), null) {
            @Override
            void migrate() {
            }

            @Override
            void insert(List<DecisionRecord> records) {
                if (failing.getAsBoolean()) {
                    throw new StackOverflowError("a bug in writing");
                }
                records.forEach(record -> inserted.add(record.decisionId()));
            }
        };
    }

    /**
     * A store whose transaction, once in ({@code inTransaction} counted down), waits for {@code commit} before it
     * takes the batch into {@code inserted}.
     */
    private static WriterConnection holding(DecisionsConfig config, CountDownLatch inTransaction,
                                            CountDownLatch commit, List<UUID> inserted) {
        return new WriterConnection(new DecisionStore(config, null, null), null) {
            @Override
            void migrate() {
            }

            @Override
            void insert(List<DecisionRecord> records) throws SQLException {
                inTransaction.countDown();
                try {
                    commit.await();
                } catch (InterruptedException e) {
                    throw new SQLException(e);
                }
                records.forEach(record -> inserted.add(record.decisionId()));
            }
        };
    }

    private static DecisionsConfig config(int buffer, int percent) {
        return config(buffer, percent, DecisionsConfig.Durability.buffered);
    }

    /** The settings of a recorder that is on, with a buffer of {@code buffer} records and {@code percent} %. */
    private static DecisionsConfig config(int buffer, int percent, DecisionsConfig.Durability durability) {
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

            public Durability durability() {
                return durability;
            }

            public Duration syncTimeout() {
                return Duration.ofSeconds(5);
            }
        };
    }
}
