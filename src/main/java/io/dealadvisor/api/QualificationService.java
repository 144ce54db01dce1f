package io.dealadvisor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.dealadvisor.domain.Advice;
import io.dealadvisor.engine.Advisor;
import io.dealadvisor.engine.EvaluationException;
import io.dealadvisor.domain.Reason;
import io.dealadvisor.domain.Verdict;
import io.dealadvisor.engine.RulesetRegistry;
import io.dealadvisor.intake.DealReader;
import io.dealadvisor.intake.DealRequest;
import io.dealadvisor.intake.InvalidDealException;
import io.dealadvisor.records.DecisionIds;
import io.dealadvisor.records.DecisionRecord;
import io.dealadvisor.records.DecisionRecorder;
import io.dealadvisor.shadow.ShadowComparer;
import io.dealadvisor.ops.DecisionLog;
import io.dealadvisor.ops.DecisionMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Answers qualifications with the live advisor: one advisor per request, even for a whole batch. Every advice
 * answered becomes a decision record with its own id; the advice is written to JSON once, here, so what is
 * answered and what is recorded are the same bytes. Recording never delays or fails an answer.
 */
@ApplicationScoped
public class QualificationService {

    private static final Logger LOG = Logger.getLogger(QualificationService.class);

    /** One answered advice: its decision id (null when recording is off) and the advice document as sent. */
    public record Answer(String decisionId, byte[] advice) {
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

    public QualificationService(RulesetRegistry registry, DecisionMetrics metrics, DecisionLog log,
                                ShadowComparer shadow, DecisionRecorder recorder, BatchWorkers workers, ObjectMapper mapper) {
        this.registry = registry;
        this.metrics = metrics;
        this.log = log;
        this.shadow = shadow;
        this.recorder = recorder;
        this.workers = workers;
        this.adviceWriter = mapper.writerFor(AdviceDocument.class);
        this.batchWriter = mapper.writerFor(BatchResult.class);
        this.dealWriter = mapper.writerFor(DealRequest.class);
    }

    /** Decides one deal for {@code caller} (null with credential checks off). */
    public Answer qualify(DealReader.Reading deal, String caller) {
        if (!deal.ok()) {
            throw new InvalidDealException(deal.errors());
        }
        Advisor advisor = registry.acquire();
        try {
            return answer(advisor.decide(deal.deal()), DecisionRecord.SINGLE, caller);
        } finally {
            advisor.release();
        }
    }

    /**
     * Each deal is read, checked and decided on its own: a bad deal gets its own 400 problem, a deal on which a
     * rule fails its own 500 problem, and the others still get advice. The deals are decided on every core
     * ({@link BatchWorkers}); the results stay in request order and each advice is the same bytes as when the
     * deal is sent alone.
     */
    public BatchAnswer qualifyAll(List<DealReader.Reading> deals, String caller) {
        Advisor advisor = registry.acquire();
        try {
            BatchResult.Item[] results = new BatchResult.Item[deals.size()];
            Advice[] advice = new Advice[deals.size()];
            workers.forEachIndex(deals.size(), index -> {
                try {
                    DealReader.Reading deal = deals.get(index);
                    if (!deal.ok()) {
                        results[index] = new BatchResult.Item(index, null, null, Problem.invalidDeal(
                                deal.errors().stream().map(error -> error.prefixed("[" + index + "]")).toList()));
                        return;
                    }
                    Advisor.Decided decided = advisor.decide(deal.deal());
                    Answer answer = answer(decided, DecisionRecord.BATCH, caller);
                    advice[index] = decided.verdict().advice();
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
            List<String> ids = Arrays.stream(results).map(BatchResult.Item::decisionId).filter(Objects::nonNull)
                    .toList();
            return new BatchAnswer(batchWriter.writeValueAsBytes(new BatchResult(List.of(results), summary)), ids);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a batch answer could not be written", e);
        } finally {
            advisor.release();
        }
    }

    private Answer answer(Advisor.Decided decided, String channel, String caller) {
        Verdict verdict = decided.verdict();
        metrics.decided(verdict, decided.nanos());
        log.decided(verdict, decided.nanos());
        try {
            byte[] advice = adviceWriter.writeValueAsBytes(AdviceDocument.of(verdict));
            if (!recorder.enabled()) {
                return new Answer(null, advice);
            }
            DealRequest asRead = decided.deal().decidedFor(decided.asOf());
            DecisionRecord record = new DecisionRecord(DecisionIds.next(), Instant.now(), verdict.dealId(),
                    decided.asOf(), caller, channel, decided.nanos() / 1_000, dealWriter.writeValueAsString(asRead),
                    new String(advice, StandardCharsets.UTF_8), verdict.advice().name(), verdict.referTo(),
                    verdict.revisitOn(), verdict.ruleset().version(), votingTruths(verdict), null,
                    asRead.client() == null ? null : asRead.client().id());
            shadow.compareThenRecord(record, asRead);
            return new Answer(record.decisionId().toString(), advice);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an advice could not be written", e);
        }
    }

    /** The truths of the reasons that voted for the final advice: what the advice rests on. */
    private static List<String> votingTruths(Verdict verdict) {
        return verdict.reasons().stream().filter(reason -> reason.advice() == verdict.advice())
                .map(Reason::truth).filter(Objects::nonNull).distinct().toList();
    }
}
