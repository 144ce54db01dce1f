package io.dealadvisor.records;

import io.dealadvisor.ops.LogText;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.List;

/**
 * Writes one batch of the writer's records, one transaction each, and settles them: written, or refused by the
 * database. A batch the database refuses for what a record holds is written in halves, down to the records it
 * refuses on their own, which are dropped: one bad record in a batch of 500 costs about 18 transactions, not 500.
 * A database that cannot write at all (full, read-only) is an outage, however well it answers: nothing is dropped.
 */
final class Batches {

    /** The recorder's log category, as before the recorder was split into parts. */
    private static final Logger LOG = Logger.getLogger(DecisionRecorder.class);

    private final WriterConnection connection;
    private final RecordBuffer buffer;
    private final CommitWaits commits;
    private final StoreReach reach;
    private final Counter written;
    /** How many records of the batch being written are settled: always its first ones, halves go in order. */
    private int settledFromFirst;

    Batches(WriterConnection connection, RecordBuffer buffer, CommitWaits commits, StoreReach reach,
            MeterRegistry registry) {
        this.connection = connection;
        this.buffer = buffer;
        this.commits = commits;
        this.reach = reach;
        this.written = Counter.builder("deal_advisor_decision_records_written")
                .description("Decision records written to the database").register(registry);
    }

    /**
     * Writes {@code pending} and empties it; false, keeping what is not written, when the database cannot be
     * reached. The PostgreSQL driver asserts when the server ends the connection in the middle of a batch: under
     * {@code -ea} that AssertionError is the outage, not a failure of the writer.
     */
    boolean write(List<DecisionRecord> pending) {
        // records whose caller gave up waiting (sync, or a deal from Kafka) are left out; nobody else waits
        pending.removeIf(this::abandoned);
        if (pending.isEmpty()) {
            return true;
        }
        try {
            reach.migrate();
        } catch (RuntimeException | AssertionError e) {
            reach.unreachable(e);
            commits.released(pending);
            return false;
        }
        settledFromFirst = 0;
        try {
            writeHalves(pending);
        } finally { // also when an Error ends the writer part-way: its successor must not write these again
            pending.subList(0, settledFromFirst).clear();
        }
        if (!pending.isEmpty()) {
            commits.released(pending); // not written this time: until the next attempt, their callers may give up
        }
        return pending.isEmpty();
    }

    /**
     * Settles {@code part}: whole if the database takes it, else each half in turn. False as soon as the database
     * stops answering: the records from there on stay pending, in order.
     */
    private boolean writeHalves(List<DecisionRecord> part) {
        Insert insert = insert(part);
        if (insert != Insert.REFUSED) {
            return insert == Insert.SETTLED;
        }
        int half = part.size() / 2;
        return writeHalves(part.subList(0, half)) && writeHalves(part.subList(half, part.size()));
    }

    private enum Insert { SETTLED, REFUSED, UNREACHABLE }

    /** One transaction: the records written; or, for a single record the database refuses, dropped and counted. */
    private Insert insert(List<DecisionRecord> part) {
        try {
            connection.insert(part);
            settled(part, null);
            written.increment(part.size());
            reach.reachableAgain();
            return Insert.SETTLED;
        } catch (SQLException | RuntimeException | AssertionError e) {
            if (part.size() == 1 && e instanceof SQLException sql && StoreTypes.duplicateKey(sql)) {
                settled(part, null); // stored already: a commit whose answer was lost
                return Insert.SETTLED;
            }
            if (!StoreTypes.aboutTheRecords(e) || !connection.reachable()) {
                reach.unreachable(e);
                return Insert.UNREACHABLE;
            }
            if (part.size() > 1) {
                return Insert.REFUSED;
            }
            DecisionRecord record = part.get(0);
            LOG.errorf(e, "The database refused decision record %s (deal %s); it is dropped",
                    record.decisionId(), LogText.escaped(record.dealId()));
            settled(part, "the database refused the record");
            return Insert.SETTLED;
        }
    }

    /** The records are done with: written ({@code refusal} null) or refused; callers waiting for them are told. */
    private void settled(List<DecisionRecord> records, String refusal) {
        for (DecisionRecord record : records) {
            settledFromFirst++;
            if (refusal == null) {
                buffer.settle(record);
            } else {
                buffer.refused(record);
            }
            commits.settled(record, refusal);
        }
    }

    /** A record whose caller gave up waiting: it leaves the buffer unwritten. */
    private boolean abandoned(DecisionRecord record) {
        if (!commits.abandoned(record)) {
            return false;
        }
        buffer.settle(record);
        return true;
    }
}
