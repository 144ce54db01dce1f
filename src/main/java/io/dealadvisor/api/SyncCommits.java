package io.dealadvisor.api;

import io.dealadvisor.records.DecisionRecorder;
import io.dealadvisor.records.DecisionsConfig;
import io.dealadvisor.records.MaybeRecordedException;
import io.dealadvisor.records.RecordingStoppedException;
import io.dealadvisor.records.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The answers that wait for their records' commit ({@code durability=sync}, and deals read from Kafka): refused
 * before deciding while the store is down, and answered only once every record is committed, else {@code 503}
 * ({@link StoreUnavailableException} with a retry time). No decision id is given out unrecorded.
 */
@ApplicationScoped
public class SyncCommits {

    /** What a qualification refused with {@code durability=sync} tells the caller to wait, in seconds. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final DecisionRecorder recorder;
    private final long timeoutNanos;

    public SyncCommits(DecisionRecorder recorder, DecisionsConfig config) {
        this.recorder = recorder;
        this.timeoutNanos = config.syncTimeout().toNanos();
    }

    /** With {@code durability=sync}, refused before deciding while the store did not answer its last use. */
    void refuseWhileStoreDown() {
        if (recorder.sync() && !recorder.accepting()) {
            throw new StoreUnavailableException("the decision store cannot be reached and this service answers only"
                    + " what it has recorded (durability=sync); try again later", null, RETRY_AFTER_SECONDS);
        }
    }

    /**
     * Waits until the records of {@code answers} (nulls skipped) are committed, all within the sync timeout; if one
     * is not, gives up on those not yet written and answers 503. When one of them was committed, or was being
     * written and may yet be, the 503 is a {@link MaybeRecordedException}; when none was and the service is
     * stopping, it is {@code stopping}.
     */
    void await(QualificationService.Answer[] answers) {
        long deadline = System.nanoTime() + timeoutNanos;
        for (int i = 0; i < answers.length; i++) {
            if (answers[i] == null) {
                continue;
            }
            try {
                answers[i].committed().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | InterruptedException | ExecutionException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                boolean maybeRecorded = giveUp(answers);
                if (!maybeRecorded && recorder.stopping()) {
                    throw new RecordingStoppedException(); // 503 stopping: another replica answers
                }
                String why = e instanceof ExecutionException failed ? failed.getCause().getMessage()
                        : e instanceof TimeoutException ? "it was not committed within the sync timeout" : "interrupted";
                String message = "the decision for deal " + (i + 1) + " of " + answers.length + " could not be"
                        + " recorded and this service answers only what it has recorded (durability=sync): " + why
                        + "; try again later";
                throw maybeRecorded ? new MaybeRecordedException(message, RETRY_AFTER_SECONDS)
                        : new StoreUnavailableException(message, null, RETRY_AFTER_SECONDS);
            }
        }
    }

    /** Abandons the records of {@code answers} not settled yet; whether one of them was, or may yet be, committed. */
    private boolean giveUp(QualificationService.Answer[] answers) {
        boolean maybeRecorded = false;
        for (QualificationService.Answer each : answers) {
            if (each == null) {
                continue;
            }
            CompletableFuture<Void> committed = each.committed();
            if (!committed.isDone()) {
                maybeRecorded |= !recorder.abandon(UUID.fromString(each.decisionId()))
                        && !committed.isCompletedExceptionally();
            } else if (!committed.isCompletedExceptionally()) {
                maybeRecorded = true;
            }
        }
        return maybeRecorded;
    }
}
