package io.dealadvisor.records;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The requests that wait for their records' commit ({@code durability=sync}, and deals read from Kafka whatever the
 * durability), by decision id, until the writer settles each record: committed, dropped or refused. For any other
 * record nobody registers, and every call here finds nothing to do.
 */
final class CommitWaits {

    private final ConcurrentHashMap<UUID, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    /** A future completed once {@code decisionId}'s record is committed; registered before the record is buffered,
     * so that a drop at the door already finds it. */
    CompletableFuture<Void> register(UUID decisionId) {
        CompletableFuture<Void> committed = new CompletableFuture<>();
        waiting.put(decisionId, committed);
        return committed;
    }

    /** The caller stopped waiting (it answered 503): the record is not written unless already in a transaction. */
    void abandon(UUID decisionId) {
        CompletableFuture<Void> committed = waiting.get(decisionId);
        if (committed != null) {
            committed.cancel(false);
        }
    }

    /** Whether the caller of {@code record} gave up waiting; if so it is forgotten here, and must not be written. */
    boolean abandoned(DecisionRecord record) {
        CompletableFuture<Void> committed = waiting.get(record.decisionId());
        if (committed == null || !committed.isCancelled()) {
            return false;
        }
        waiting.remove(record.decisionId());
        return true;
    }

    /** Tells the request waiting for {@code record} that it is committed, or, with a reason, that it is not. */
    void settled(DecisionRecord record, String notWritten) {
        CompletableFuture<Void> committed = waiting.remove(record.decisionId());
        if (committed == null) {
            return;
        }
        if (notWritten == null) {
            committed.complete(null);
        } else {
            committed.completeExceptionally(new StoreUnavailableException("decision record " + record.decisionId()
                    + " was not written: " + notWritten, null));
        }
    }
}
