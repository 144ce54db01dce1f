package io.dealadvisor.records;

import io.dealadvisor.ops.GracefulStop;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToLongFunction;

/**
 * Records decisions off the request path: what the rest of the service calls. {@link #record} only puts the record
 * in a bounded {@link RecordBuffer}; one {@link RecordWriter} thread writes the buffer to the store in batches, on
 * its own {@link WriterConnection}. While the database cannot be reached the records wait and the writer tries
 * again, backing off; a record that finds the buffer full is dropped, counted in
 * {@code deal_advisor_decision_records_dropped_total} and logged. At shutdown, the buffer is written before the
 * process exits, within the stop's share for records ({@link GracefulStop#recordsDeadline()}).
 *
 * <p>A record that must wait for the shadow candidate before it is written is {@link #admit admitted} first, so that
 * it counts in the buffer's budget while it waits, and {@link #recordAdmitted recorded} once the shadow has added
 * its result.
 *
 * <p>With {@code durability=sync}, {@link #recordCommitted} hands the same buffer a record together with a future
 * the writer completes once the transaction holding the record has committed ({@link CommitWaits}).
 */
@ApplicationScoped
public class DecisionRecorder {

    private static final Logger LOG = Logger.getLogger(DecisionRecorder.class);
    /**
     * How long a shutdown waits at most for the buffer to be written; less when the stop began long before (see
     * {@link GracefulStop}): the whole stop ends within {@code quarkus.shutdown.timeout}.
     */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

    /** A record in the buffer's budget that waits for something (the shadow) before it is written. */
    public record Admitted(DecisionRecord record, long heapBytes) {
    }

    private final boolean enabled;
    private final boolean sync;
    private final String store;
    private final GracefulStop stop; // null outside a running service (unit tests)
    private final CommitWaits commits = new CommitWaits();
    private final RecordBuffer buffer;
    private final StoreReach reach;
    private final RecordWriter writer;

    /** Outside a running service (unit tests): the buffer then gets the whole {@link #SHUTDOWN_GRACE}. */
    public DecisionRecorder(DecisionsConfig config, WriterConnection connection, MeterRegistry registry) {
        this(config, connection, registry, null);
    }

    @Inject
    public DecisionRecorder(DecisionsConfig config, WriterConnection connection, MeterRegistry registry,
                            GracefulStop stop) {
        this.enabled = config.enabled();
        this.sync = config.durability() == DecisionsConfig.Durability.sync;
        this.store = config.store().name();
        this.stop = stop;
        this.buffer = new RecordBuffer(config, registry, commits);
        this.reach = new StoreReach(connection, buffer);
        this.writer = new RecordWriter(buffer, new Batches(connection, buffer, commits, reach, registry), reach,
                connection, sync);
    }

    /**
     * Takes a record to be written later. Never blocks: an answer never waits on this. Throws only
     * {@link RecordingStoppedException}, once the service has begun its final write: the record can no longer be
     * written, so its answer must not be given.
     */
    public void record(DecisionRecord record) {
        Admitted admitted = admit(record, 0);
        if (admitted != null) {
            recordAdmitted(admitted, record);
        }
    }

    /**
     * Takes {@code record} into the buffer's budget before it can be written, with {@code alsoHeldBytes} of heap that
     * waits with it; null when it is dropped (the buffer full, counted and logged like any record) or recording is
     * off. Never blocks; throws {@link RecordingStoppedException} when the service is stopping (the record is
     * dropped and counted too).
     */
    public Admitted admit(DecisionRecord record, long alsoHeldBytes) {
        if (!enabled) {
            return null;
        }
        Admitted admitted;
        try {
            admitted = buffer.admit(record, alsoHeldBytes);
        } catch (RuntimeException e) {
            LOG.error("Could not buffer a decision record", e);
            return null;
        }
        if (admitted == null && buffer.closed()) {
            throw new RecordingStoppedException();
        }
        return admitted;
    }

    /**
     * Takes the records of one answer (a batch) into the buffer's budget together, each with what waits with it:
     * once the service has begun its final write, none of them ({@link RecordingStoppedException}), so that a batch
     * refused at a stop has recorded nothing and can be sent again whole. Otherwise like {@link #admit}, one by
     * one: an element is null when its record is dropped; the list is empty with recording off.
     */
    public List<Admitted> admitAll(List<DecisionRecord> records, ToLongFunction<DecisionRecord> alsoHeldBytes) {
        if (!enabled) {
            return List.of();
        }
        List<Admitted> admitted;
        try {
            admitted = buffer.admitAll(records, alsoHeldBytes);
        } catch (RuntimeException e) {
            LOG.error("Could not buffer decision records", e);
            return Collections.nCopies(records.size(), null);
        }
        if (admitted == null) {
            throw new RecordingStoppedException();
        }
        return admitted;
    }

    /** Hands the writer an admitted record as {@code ready}: the same record, or with the shadow's result added. */
    public void recordAdmitted(Admitted admitted, DecisionRecord ready) {
        try {
            buffer.enqueue(admitted, ready);
        } catch (RuntimeException e) {
            LOG.error("Could not buffer a decision record", e);
        }
    }

    /**
     * Takes a record to be written and returns a future completed once the transaction holding it has committed;
     * it completes exceptionally ({@link StoreUnavailableException}) when the record is dropped or refused. Every
     * record with {@code durability=sync}; with {@code buffered}, those of deals read from Kafka, whose offsets must
     * not be committed before their records (io.dealadvisor.events.DealIngress).
     */
    public CompletableFuture<Void> recordCommitted(DecisionRecord record) {
        if (!enabled) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> committed = commits.register(record.decisionId());
        try {
            record(record);
        } catch (RecordingStoppedException stopping) {
            // the drop has failed the future already: its caller learns it there, like any drop
        }
        return committed;
    }

    /**
     * {@link #recordCommitted} for the records of one answer (a batch), taken together as by {@link #admitAll}: once
     * the service has begun its final write, none ({@link RecordingStoppedException}). The futures are in the order
     * of {@code records}.
     */
    public List<CompletableFuture<Void>> recordAllCommitted(List<DecisionRecord> records) {
        if (!enabled) {
            return Collections.nCopies(records.size(), CompletableFuture.completedFuture(null));
        }
        List<CompletableFuture<Void>> committed = new ArrayList<>(records.size());
        records.forEach(record -> committed.add(commits.register(record.decisionId())));
        List<Admitted> admitted = admitAll(records, record -> 0); // a drop fails its future, a stop every future
        for (int i = 0; i < admitted.size(); i++) {
            if (admitted.get(i) != null) {
                recordAdmitted(admitted.get(i), records.get(i));
            }
        }
        return committed;
    }

    /**
     * The caller of {@link #recordCommitted} stopped waiting (it answers 503): true when the record will never be
     * written; false when it is committed, or the writer is writing it now, or it was settled meanwhile (the
     * caller's future says how).
     */
    public boolean abandon(UUID decisionId) {
        return commits.abandon(decisionId);
    }

    /** Whether the service has begun its final write: a record handed over now is refused. */
    public boolean stopping() {
        return buffer.closed();
    }

    /** Whether a record handed over now would be written: the store answered its last use and the writer runs. */
    public boolean accepting() {
        return enabled && reach.reachable() && writer.failure() == null && !buffer.closed();
    }

    /**
     * Whether an answer waits for its records to be committed ({@code durability=sync}); never with recording off,
     * where there is nothing to wait for.
     */
    public boolean sync() {
        return sync && enabled;
    }

    /** False with {@code deal-advisor.decisions.enabled=false}: then answers are not recorded, nor given an id. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Waits, at most {@code patience}, until every record admitted before this call (those waiting for the shadow
     * too) is settled: written, or refused by the database. False when some are still waiting.
     */
    public boolean awaitBuffered(Duration patience) {
        return buffer.awaitSettled(patience);
    }

    public RecorderStatus status() {
        String failure = writer.failure();
        if (failure != null) {
            return new RecorderStatus(enabled, store, false, buffer.held(), buffer.dropped(), failure, true);
        }
        return new RecorderStatus(enabled, store, enabled && reach.reachable(), buffer.held(), buffer.dropped(),
                reach.reachable() ? null : reach.lastError(), false);
    }

    /** Migrates the schema at start when the database answers; if it does not, the writer keeps trying. */
    void onStart(@Observes StartupEvent start) {
        if (!enabled) {
            LOG.info("Decision records are switched off (deal-advisor.decisions.enabled=false)");
            return;
        }
        reach.start();
        writer.start();
    }

    /** Writes what is buffered before the process exits, for as long as the grace period and the stop allow. */
    void onStop(@Observes ShutdownEvent event) {
        if (!writer.started()) {
            return;
        }
        long graceEnds = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
        long stopEnds = stop == null ? graceEnds : stop.recordsDeadline();
        writer.finalWrite(stopEnds - graceEnds < 0 ? stopEnds : graceEnds);
    }
}
