package io.dealadvisor.api;

import io.dealadvisor.wire.AdviceDocument;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.dealadvisor.domain.Advice;
import io.dealadvisor.engine.Advisor;
import io.dealadvisor.engine.EvaluationException;
import io.dealadvisor.domain.Verdict;
import io.dealadvisor.engine.RulesetRegistry;
import io.dealadvisor.intake.DealReader;
import io.dealadvisor.intake.DealRequest;
import io.dealadvisor.intake.InvalidDealException;
import io.dealadvisor.records.DecisionRecord;
import io.dealadvisor.records.DecisionRecorder;
import io.dealadvisor.records.IdempotencyKeys;
import io.dealadvisor.shadow.ShadowComparer;
import io.dealadvisor.ops.DecisionLog;
import io.dealadvisor.ops.DecisionMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Answers qualifications with the live advisor: one advisor per request, even for a whole batch. Every advice
 * answered becomes a decision record with its own id; the advice is written to JSON once, here, so what is
 * answered and what is recorded are the same bytes. With {@code durability=buffered} (the default) recording never
 * delays or fails an answer; with {@code sync} an advice is answered only once its record is committed, and a
 * qualification the store cannot take gets {@code 503} ({@link SyncCommits}).
 */
@ApplicationScoped
public class QualificationService {

    private static final Logger LOG = Logger.getLogger(QualificationService.class);

    /** An advice: its decision id (null: recording off), the document as sent, the commit awaited (sync) or null. */
    public record Answer(String decisionId, byte[] advice, CompletableFuture<Void> committed) {
    }

    /** A batch answered: the document as sent, and the decision ids it carries (none when recording is off). */
    public record BatchAnswer(byte[] body, List<String> decisionIds) {
    }

    private final RulesetRegistry registry;
    private final DecisionMetrics metrics;
    private final DecisionLog log;
    private final ShadowComparer shadow;
    private final DecisionRecorder recorder;
    private final BatchWorkers workers;
    private final ObjectWriter adviceWriter;
    private final ObjectWriter batchWriter;
    private final ObjectWriter dealWriter;
    private final SyncCommits commits;

    public QualificationService(RulesetRegistry registry, DecisionMetrics metrics, DecisionLog log,
                                ShadowComparer shadow, DecisionRecorder recorder, BatchWorkers workers, ObjectMapper mapper,
                                SyncCommits commits) {
        this.registry = registry;
        this.metrics = metrics;
        this.log = log;
        this.shadow = shadow;
        this.recorder = recorder;
        this.workers = workers;
        this.adviceWriter = mapper.writerFor(AdviceDocument.class);
        this.batchWriter = mapper.writerFor(BatchResult.class);
        this.dealWriter = mapper.writerFor(DealRequest.class);
        this.commits = commits;
    }

    /**
     * Decides one deal for {@code caller} (null with credential checks off); {@code input} is where a deal read from
     * Kafka came from (null: from the API), and such a deal is answered once its record is committed. A
     * {@code claim} (null: none) is answered in the record's transaction: only for an answer that waits for its
     * commit (a deal from Kafka, {@code durability=sync}).
     */
    public Answer qualify(DealReader.Reading deal, String caller, DecisionRecord.Input input,
                          IdempotencyKeys.Claimed claim) {
        if (!deal.ok()) {
            throw new InvalidDealException(deal.errors());
        }
        commits.refuseWhileStoreDown();
        Answer answer;
        Advisor advisor = registry.acquire();
        try {
            answer = answer(advisor.decide(deal.deal()), input == null ? DecisionRecord.SINGLE : DecisionRecord.KAFKA,
                    caller, input, claim);
        } finally {
            advisor.release();
        }
        if (answer.committed() != null) {
            commits.await(new Answer[] {answer});
        }
        return answer;
    }

    /**
     * Each deal is read, checked and decided on its own: a bad deal gets its own 400 problem, a deal on which a
     * rule fails its own 500 problem, and the others still get advice. The deals are decided on every core
     * ({@link BatchWorkers}); the results stay in request order and each advice is the same bytes as when the
     * deal is sent alone.
     */
    public BatchAnswer qualifyAll(List<DealReader.Reading> deals, String caller) {
        commits.refuseWhileStoreDown();
        Advisor advisor = registry.acquire();
        try {
            BatchResult.Item[] results = new BatchResult.Item[deals.size()];
            Advice[] advice = new Advice[deals.size()];
            Answer[] answers = recorder.sync() ? new Answer[deals.size()] : null;
            workers.forEachIndex(deals.size(), index -> {
                try {
                    DealReader.Reading deal = deals.get(index);
                    if (!deal.ok()) {
                        results[index] = new BatchResult.Item(index, null, null, Problem.invalidDeal(
                                deal.errors().stream().map(error -> error.prefixed("[" + index + "]")).toList()));
                        return;
                    }
                    Advisor.Decided decided = advisor.decide(deal.deal());
                    Answer answer = answer(decided, DecisionRecord.BATCH, caller, null, null);
                    advice[index] = decided.verdict().advice();
                    if (answers != null) {
                        answers[index] = answer;
                    }
                    results[index] = new BatchResult.Item(index, answer.decisionId(),
                            new String(answer.advice(), StandardCharsets.UTF_8), null);
                } catch (EvaluationException failure) {
                    LOG.errorf(failure, "Evaluation of deal [%d] of a batch failed in rule '%s'", index, failure.rule());
                    results[index] = new BatchResult.Item(index, null, null, Problem.ruleFailed(failure));
                }
            });
            Map<String, Integer> summary = new LinkedHashMap<>();
            advisor.ruleset().policy().precedence().forEach(each -> summary.put(each.name(), 0));
            int errors = 0;
            for (Advice decided : advice) {
                if (decided == null) {
                    errors++;
                } else {
                    summary.merge(decided.name(), 1, Integer::sum);
                }
            }
            summary.put("errors", errors);
            if (answers != null) {
                commits.await(answers);
            }
            List<String> ids = Arrays.stream(results).map(BatchResult.Item::decisionId).filter(Objects::nonNull)
                    .toList();
            return new BatchAnswer(batchWriter.writeValueAsBytes(new BatchResult(List.of(results), summary)), ids);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a batch answer could not be written", e);
        } finally {
            advisor.release();
        }
    }

    private Answer answer(Advisor.Decided decided, String channel, String caller, DecisionRecord.Input input,
                          IdempotencyKeys.Claimed claim) {
        Verdict verdict = decided.verdict();
        metrics.decided(verdict, decided.nanos());
        log.decided(verdict, decided.nanos());
        try {
            byte[] advice = adviceWriter.writeValueAsBytes(AdviceDocument.of(verdict));
            if (!recorder.enabled()) {
                return new Answer(null, advice, null);
            }
            DealRequest asRead = decided.deal().decidedFor(decided.asOf());
            DecisionRecord record = DecisionRecord.builder()
                    .verdict(verdict, new String(advice, StandardCharsets.UTF_8))
                    .deal(asRead, dealWriter.writeValueAsString(asRead))
                    .asked(caller, channel, decided.nanos() / 1_000)
                    .input(input)
                    .claim(claim)
                    .build();
            String decisionId = record.decisionId().toString();
            if (recorder.sync() || input != null) {
                return new Answer(decisionId, advice, recorder.recordCommitted(shadow.compared(record, asRead)));
            }
            record(record, asRead);
            return new Answer(decisionId, advice, null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an advice could not be written", e);
        }
    }

    /**
     * Hands {@code record} to the recorder, after the shadow candidate has added its comparison when one is loaded.
     * The shadow works off the request path, so the record is admitted to the recorder's buffer first: while it
     * waits for the candidate it counts in the same memory budget, and it is dropped like any record when that is
     * full.
     */
    private void record(DecisionRecord record, DealRequest asRead) {
        if (!shadow.active()) {
            recorder.record(record);
            return;
        }
        DecisionRecorder.Admitted admitted = recorder.admit(record, ShadowComparer.waitingBytes(record));
        if (admitted != null) {
            shadow.compareLater(record, asRead, compared -> recorder.recordAdmitted(admitted, compared));
        }
    }
}
