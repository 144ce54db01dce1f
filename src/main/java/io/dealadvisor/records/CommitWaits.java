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

    /** A record's future, and whether the writer is writing it now (then it can no longer be abandoned). */
    private static final class Wait {
        final CompletableFuture<Void> committed = new CompletableFuture<>();
        boolean taken;
    }

    /** A future completed once {@code decisionId}'s record is committed; registered before the record is buffered,
     * so that a drop at the door already finds it. */
    CompletableFuture<Void> register(UUID decisionId) {
        Wait wait = new Wait();
        waiting.put(decisionId, wait);
        return wait.committed;
    }

    /**
     * The caller stops waiting (it answers 503): true when the record will never be written; false when the writer
     * is writing it (or has settled it meanwhile), so that it may be, or is, committed.
     */
    boolean abandon(UUID decisionId) {
        Wait wait = waiting.get(decisionId);
        if (wait == null) {
            return false;
        }
        synchronized (wait) {
            if (wait.taken) {
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

    /** The attempt to write {@code records} failed (the store cannot be reached): their callers may abandon them. */
    void released(List<DecisionRecord> records) {
        for (DecisionRecord record : records) {
            Wait wait = waiting.get(record.decisionId());
            if (wait != null) {
                synchronized (wait) {
                    wait.taken = false;
                }
            }
        }
    }

    /** Tells the request waiting for {@code record} that it is committed, or, with a reason, that it is not. */
    void settled(DecisionRecord record, String notWritten) {
        Wait wait = waiting.remove(record.decisionId());
        if (wait == null) {
            return;
        }
        if (notWritten == null) {
            wait.committed.complete(null);
        } else {
            wait.committed.completeExceptionally(new StoreUnavailableException("decision record "
                    + record.decisionId() + " was not written: " + notWritten, null));
        }
    }
}
