package io.dealadvisor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.dealadvisor.DealAdvisorConfig;
import io.dealadvisor.engine.Advisor;
import io.dealadvisor.engine.EvaluationException;
import io.dealadvisor.engine.RulesetRegistry;
import io.dealadvisor.intake.InvalidDealException;
import io.dealadvisor.ops.DecisionLog;
import io.dealadvisor.ops.DecisionMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers qualifications with the live advisor: one advisor per request, even for a whole batch. The advice
 * is written to JSON once, here, so what is answered and what is recorded are the same bytes.
 */
@ApplicationScoped
public class QualificationService {

    private static final Logger LOG = Logger.getLogger(QualificationService.class);

    /** One answered advice: its decision id and the advice document as sent. */
    public record Answer(String decisionId, byte[] advice) {
    }

    private final RulesetRegistry registry;
    private final DecisionMetrics metrics;
    private final DecisionLog log;
    private final ObjectWriter adviceWriter;
    private final ObjectWriter batchWriter;
    private final int maxBatch;

    public QualificationService(RulesetRegistry registry, DecisionMetrics metrics, DecisionLog log,
                                ObjectMapper mapper, DealAdvisorConfig config) {
        this.registry = registry;
        this.metrics = metrics;
        this.log = log;
        this.adviceWriter = mapper.writerFor(AdviceDocument.class);
        this.batchWriter = mapper.writerFor(BatchResult.class);
        this.maxBatch = config.limits().maxBatch();
    }

    public Answer qualify(JsonNode deal) {
        Advisor advisor = registry.acquire();
        try {
            Advisor.Decided decided = advisor.decide(deal);
            if (!decided.ok()) {
                throw new InvalidDealException(decided.errors());
            }
            return answer(decided);
        } finally {
            advisor.release();
        }
    }

    /**
     * Each deal is read, checked and decided on its own: a bad deal gets its own 400 problem, a deal on which a
     * rule fails its own 500 problem, and the others still get advice.
     */
    public byte[] qualifyAll(List<JsonNode> deals) {
        Advisor advisor = registry.acquire();
        try {
            List<BatchResult.Item> results = new ArrayList<>(deals.size());
            Map<String, Integer> summary = new LinkedHashMap<>();
            advisor.ruleset().policy().precedence().forEach(advice -> summary.put(advice.name(), 0));
            int errors = 0;
            for (int index = 0; index < deals.size(); index++) {
                try {
                    Advisor.Decided decided = advisor.decide(deals.get(index));
                    if (!decided.ok()) {
                        errors++;
                        results.add(new BatchResult.Item(index, null, null,
                                Problem.invalidDeal(decided.errors()).prefixed("[" + index + "]")));
                        continue;
                    }
                    Answer answer = answer(decided);
                    summary.merge(decided.verdict().advice().name(), 1, Integer::sum);
                    results.add(new BatchResult.Item(index, answer.decisionId(),
                            new String(answer.advice(), StandardCharsets.UTF_8), null));
                } catch (EvaluationException failure) {
                    LOG.errorf(failure, "Evaluation of deal [%d] of a batch failed in rule '%s'", index, failure.rule());
                    errors++;
                    results.add(new BatchResult.Item(index, null, null, Problem.ruleFailed(failure)));
                }
            }
            summary.put("errors", errors);
            return batchWriter.writeValueAsBytes(new BatchResult(results, summary));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a batch answer could not be written", e);
        } finally {
            advisor.release();
        }
    }

    public int maxBatch() {
        return maxBatch;
    }

    private Answer answer(Advisor.Decided decided) {
        metrics.decided(decided.verdict(), decided.nanos());
        log.decided(decided.verdict(), decided.nanos());
        try {
            return new Answer(null, adviceWriter.writeValueAsBytes(AdviceDocument.of(decided.verdict())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an advice could not be written", e);
        }
    }
}
