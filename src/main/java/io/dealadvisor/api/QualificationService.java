package io.dealadvisor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.dealadvisor.domain.Advice;
import io.dealadvisor.domain.Verdict;
import io.dealadvisor.engine.Advisor;
import io.dealadvisor.engine.EvaluationException;
import io.dealadvisor.engine.RulesetRegistry;
import io.dealadvisor.intake.DealReader;
import io.dealadvisor.intake.DealRequest;
import io.dealadvisor.intake.InvalidDealException;
import io.dealadvisor.ops.DecisionLog;
import io.dealadvisor.ops.DecisionMetrics;
import io.dealadvisor.ops.LogText;
import io.dealadvisor.records.DecisionRecord;
import io.dealadvisor.records.DecisionRecorder;
import io.dealadvisor.records.IdempotencyKeys;
import io.dealadvisor.wire.AdviceDocument;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
 * qualification the store cannot take gets {@code 503} ({@link SyncCommits}). {@link AnswerRecording} hands the
 * records over, a batch's all together.
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
    private final DecisionRecorder recorder;
    private final AnswerRecording recording;
    private final BatchWorkers workers;
    private final ObjectWriter adviceWriter;
    private final ObjectWriter batchWriter;
    private final ObjectWriter dealWriter;
    private final SyncCommits commits;

    public QualificationService(RulesetRegistry registry, DecisionMetrics metrics, DecisionLog log,
                                DecisionRecorder recorder, AnswerRecording recording, BatchWorkers workers,
                                ObjectMapper mapper, SyncCommits commits) {
        this.registry = registry;
        this.metrics = metrics;
        this.log = log;
        this.recorder = recorder;
        this.recording = recording;
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
     * commit (a deal from Kafka, {@code durability=sync}). {@code received} is when the request or the Kafka deal
     * arrived.
     */
    public Answer qualify(DealReader.Reading deal, String caller, DecisionRecord.Input input,
                          IdempotencyKeys.Claimed claim, Instant received) {
        if (!deal.ok()) {
            throw new InvalidDealException(deal.errors());
        }
        commits.refuseWhileStoreDown();
        AnswerRecording.Written written;
        Advisor advisor = registry.acquire();
        try {
            written = written(advisor.decide(deal.deal()), input == null ? DecisionRecord.SINGLE
                    : DecisionRecord.KAFKA, caller, input, claim, received);
        } finally {
            advisor.release();
        }
        Answer answer = recording.recorded(written);
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
    public BatchAnswer qualifyAll(List<DealReader.Reading> deals, String caller, Instant received) {
        commits.refuseWhileStoreDown();
        Advisor advisor = registry.acquire();
        try {
            BatchResult.Item[] results = new BatchResult.Item[deals.size()];
            Advice[] advice = new Advice[deals.size()];
            AnswerRecording.Written[] written = new AnswerRecording.Written[deals.size()];
            workers.forEachIndex(deals.size(), index -> {
                try {
                    DealReader.Reading deal = deals.get(index);
                    if (!deal.ok()) {
                        results[index] = new BatchResult.Item(index, null, null, Problem.invalidDeal(
                                deal.errors().stream().map(error -> error.prefixed("[" + index + "]")).toList()));
                        return;
                    }
                    Advisor.Decided decided = advisor.decide(deal.deal());
                    written[index] = written(decided, DecisionRecord.BATCH, caller, null, null, received);
                    advice[index] = decided.verdict().advice();
                    results[index] = new BatchResult.Item(index, written[index].decisionId(),
                            new String(written[index].advice(), StandardCharsets.UTF_8), null);
                } catch (EvaluationException failure) {
                    LOG.errorf(failure, "Evaluation of deal [%d] of a batch failed: %s", index,
                            LogText.escaped(failure.getMessage()));
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
            Answer[] awaited = recording.recordedAll(written);
            if (awaited != null) {
                commits.await(awaited);
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

    /** The advice written to JSON once, counted and logged, and its record made (not yet handed over). */
    private AnswerRecording.Written written(Advisor.Decided decided, String channel, String caller,
                                            DecisionRecord.Input input, IdempotencyKeys.Claimed claim,
                                            Instant received) {
        Verdict verdict = decided.verdict();
        metrics.decided(verdict, decided.nanos());
        log.decided(verdict, decided.nanos());
        try {
            byte[] advice = adviceWriter.writeValueAsBytes(AdviceDocument.of(verdict));
            if (!recorder.enabled()) {
                return new AnswerRecording.Written(advice, null, null);
            }
            DealRequest asRead = decided.deal().decidedFor(decided.asOf());
            DecisionRecord record = DecisionRecord.builder()
                    .verdict(verdict, new String(advice, StandardCharsets.UTF_8))
                    .deal(asRead, dealWriter.writeValueAsString(asRead))
                    .asked(caller, channel, decided.nanos() / 1_000)
                    .input(input)
                    .claim(claim)
                    .received(received)
                    .build();
            return new AnswerRecording.Written(advice, recording.prepared(record, asRead), asRead);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an advice could not be written", e);
        }
    }
}
