package io.dealadvisor.api;

import io.dealadvisor.intake.DealRequest;
import io.dealadvisor.records.DecisionRecord;
import io.dealadvisor.records.DecisionRecorder;
import io.dealadvisor.shadow.ShadowComparer;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Hands the records of the advice answered to the recorder: through the shadow candidate when one is loaded, a
 * batch's records all together, and with the commit to wait for when the answer waits for it ({@code
 * durability=sync}, and deals read from Kafka).
 */
@ApplicationScoped
public class AnswerRecording {

    /**
     * An advice written to JSON and its decision record, not yet handed to the recorder: the record is null with
     * recording off.
     */
    record Written(byte[] advice, DecisionRecord record, DealRequest asRead) {
        String decisionId() {
            return record == null ? null : record.decisionId().toString();
        }
    }

    private final DecisionRecorder recorder;
    private final ShadowComparer shadow;

    public AnswerRecording(DecisionRecorder recorder, ShadowComparer shadow) {
        this.recorder = recorder;
        this.shadow = shadow;
    }

    /**
     * The record to hand over: one whose answer waits for its commit gets the shadow's result now, on the request's
     * thread, as it is written once and cannot wait behind other deals for the candidate.
     */
    DecisionRecord prepared(DecisionRecord record, DealRequest asRead) {
        return waitsForCommit(record) ? shadow.compared(record, asRead) : record;
    }

    /** Hands one advice's record to the recorder; the answer carries the commit to wait for, if any. */
    QualificationService.Answer recorded(Written written) {
        DecisionRecord record = written.record();
        if (record == null) {
            return new QualificationService.Answer(null, written.advice(), null);
        }
        if (waitsForCommit(record)) {
            return new QualificationService.Answer(written.decisionId(), written.advice(),
                    recorder.recordCommitted(record));
        }
        if (shadow.active()) {
            compareLater(recorder.admit(record, ShadowComparer.waitingBytes(record)), written);
        } else {
            recorder.record(record);
        }
        return new QualificationService.Answer(written.decisionId(), written.advice(), null);
    }

    /**
     * Hands a batch's records to the recorder together: all of them, or none once the service is stopping (then the
     * whole batch is refused, 503 {@code stopping}, and may be sent again as it is). Returns the answers whose
     * commits to wait for ({@code durability=sync}; nulls where a deal got a problem), or null.
     */
    QualificationService.Answer[] recordedAll(Written[] written) {
        List<Written> recorded = Arrays.stream(written).filter(each -> each != null && each.record() != null)
                .toList();
        List<DecisionRecord> records = recorded.stream().map(Written::record).toList();
        if (recorder.sync()) {
            List<CompletableFuture<Void>> commits = recorder.recordAllCommitted(records);
            QualificationService.Answer[] awaited = new QualificationService.Answer[written.length];
            for (int i = 0, next = 0; i < written.length; i++) {
                if (written[i] != null && written[i].record() != null) {
                    awaited[i] = new QualificationService.Answer(written[i].decisionId(), written[i].advice(),
                            commits.get(next++));
                }
            }
            return awaited;
        }
        boolean shadowing = shadow.active();
        List<DecisionRecorder.Admitted> admitted = recorder.admitAll(records,
                shadowing ? ShadowComparer::waitingBytes : record -> 0);
        for (int i = 0; i < admitted.size(); i++) {
            if (shadowing) {
                compareLater(admitted.get(i), recorded.get(i));
            } else if (admitted.get(i) != null) {
                recorder.recordAdmitted(admitted.get(i), records.get(i));
            }
        }
        return null;
    }

    /** With {@code durability=sync}, and for a deal read from Kafka, the answer waits until the record is committed. */
    private boolean waitsForCommit(DecisionRecord record) {
        return recorder.sync() || record.input() != null;
    }

    /**
     * The shadow works off the request path, so the record is admitted to the recorder's buffer first: while it
     * waits for the candidate it counts in the same memory budget, and it is dropped like any record when that is
     * full ({@code admitted} null).
     */
    private void compareLater(DecisionRecorder.Admitted admitted, Written written) {
        if (admitted != null) {
            shadow.compareLater(written.record(), written.asRead(),
                    compared -> recorder.recordAdmitted(admitted, compared));
        }
    }
}
