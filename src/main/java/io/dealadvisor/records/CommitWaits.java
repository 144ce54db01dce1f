package io.dealadvisor.records;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The requests that wait for their records' commit ({@code durability=sync}, and deals read from Kafka whatever the
 * durability), by decision id, until the writer settles each record: committed, dropped or refused. For any other
 * record nobody registers, and every call here finds nothing to do.
 *
 * <p>A caller that stops waiting {@link #abandon abandons} its record, which then is never written, unless the writer
 * is writing it at that moment: then the caller learns that it may yet be committed.
 */
final class CommitWaits {

    private final ConcurrentHashMap<UUID, Wait> waiting = new ConcurrentHashMap<>();

    /**
     * A record's future; whether the writer is writing it now (then it can no longer be abandoned); and whether its
     * caller gave up meanwhile (then it is abandoned if that attempt does not commit it).
     */
    private static final class Wait {
        final CompletableFuture<Void> committed = new CompletableFuture<>();
        boolean taken;
        boolean givenUp;
    }

    /** A future completed once {@code decisionId}'s record is committed; registered before the record is buffered,
     * so that a drop at the door already finds it. */
    CompletableFuture<Void> register(UUID decisionId) {
        Wait wait = new Wait();
        waiting.put(decisionId, wait);
        return wait.committed;
    }

    /**
     * The caller stops waiting (it answers 503): true when the record will never be written; false when it is
     * committed, or the writer is writing it now (then it is committed by that attempt or never), or it was settled
     * meanwhile (the caller's future then says how).
     */
    boolean abandon(UUID decisionId) {
        Wait wait = waiting.get(decisionId);
        if (wait == null) {
            return false;
        }
        synchronized (wait) {
            if (wait.committed.isDone()) {
                return wait.committed.isCompletedExceptionally();
            }
            if (wait.taken) {
                wait.givenUp = true;
                return false;
            }
            wait.committed.cancel(false);
            return true;
        }
    }

    /**
     * Before an attempt to write {@code record}: true when its caller gave up waiting (it is forgotten here, and must
     * not be written); otherwise it is taken, and cannot be abandoned until {@link #released}.
     */
    boolean abandoned(DecisionRecord record) {
        Wait wait = waiting.get(record.decisionId());
        if (wait == null) {
            return false;
        }
        synchronized (wait) {
            if (wait.committed.isCancelled()) {
                waiting.remove(record.decisionId());
                return true;
            }
            wait.taken = true;
            return false;
        }
    }

    /**
     * The attempt to write {@code records} failed (the store cannot be reached): their callers may abandon them, and
     * those whose callers gave up during the attempt are abandoned now.
     */
    void released(List<DecisionRecord> records) {
        for (DecisionRecord record : records) {
            Wait wait = waiting.get(record.decisionId());
            if (wait != null) {
                synchronized (wait) {
                    wait.taken = false;
                    if (wait.givenUp) {
                        wait.committed.cancel(false);
                    }
                }
            }
        }
    }

    /** Tells the request waiting for {@code record} that it is committed, or, with a reason, that it is not. */
    void settled(DecisionRecord record, String notWritten) {
        Wait wait = waiting.get(record.decisionId());
        if (wait == null) {
            return;
        }
        synchronized (wait) { // completed before it is forgotten, so that an abandon meanwhile learns how
            if (notWritten == null) {
                wait.committed.complete(null);
            } else {
                wait.committed.completeExceptionally(new StoreUnavailableException("decision record "
                        + record.decisionId() + " was not written: " + notWritten, null));
            }
        }
        waiting.remove(record.decisionId());
    }
}
