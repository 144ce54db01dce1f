package io.dealadvisor.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealadvisor.DealAdvisorConfig;
import io.dealadvisor.domain.Advice;
import io.dealadvisor.domain.DealFacts;
import io.dealadvisor.domain.Verdict;
import io.dealadvisor.engine.Ruleset;
import io.dealadvisor.engine.RulesetRegistry;
import io.dealadvisor.intake.DealReader;
import io.dealadvisor.ops.DecisionLog;
import io.dealadvisor.ops.DecisionMetrics;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Decides deals with the live ruleset; one ruleset per request, even for a whole batch. */
@ApplicationScoped
public class QualificationService {

    private final RulesetRegistry registry;
    private final DealReader reader;
    private final DecisionMetrics metrics;
    private final DecisionLog log;
    private final Clock clock = Clock.systemUTC();
    private final int maxBatch;

    public QualificationService(RulesetRegistry registry, DealReader reader, DecisionMetrics metrics,
                                DecisionLog log, DealAdvisorConfig config) {
        this.maxBatch = config.limits().maxBatch();
        this.registry = registry;
        this.reader = reader;
        this.metrics = metrics;
        this.log = log;
    }

    public Verdict qualify(JsonNode deal) {
        return decide(registry.current(), DealReader.toFacts(reader.readValid(deal), today()));
    }

    private Verdict decide(Ruleset ruleset, DealFacts facts) {
        long start = System.nanoTime();
        Verdict verdict = ruleset.evaluate(facts, registry.maxFirings());
        long nanos = System.nanoTime() - start;
        metrics.decided(verdict, nanos);
        log.decided(verdict, nanos);
        return verdict;
    }

    /** Each deal is read and checked on its own, so one bad deal gets its own problem and the rest get advice. */
    public BatchResult qualifyAll(List<JsonNode> deals) {
        Ruleset ruleset = registry.current();
        LocalDate today = today();
        List<BatchResult.Item> results = new ArrayList<>(deals.size());
        Map<Advice, Integer> counts = new EnumMap<>(Advice.class);
        int errors = 0;
        for (int index = 0; index < deals.size(); index++) {
            DealReader.Reading reading = reader.read(deals.get(index));
            if (!reading.ok()) {
                errors++;
                results.add(new BatchResult.Item(index, null,
                        Problem.invalidDeal(reading.errors()).prefixed("[" + index + "]")));
                continue;
            }
            Verdict verdict = decide(ruleset, DealReader.toFacts(reading.deal(), today));
            counts.merge(verdict.advice(), 1, Integer::sum);
            results.add(new BatchResult.Item(index, verdict, null));
        }
        return new BatchResult(results, new BatchResult.Summary(counts.getOrDefault(Advice.PROCEED, 0),
                counts.getOrDefault(Advice.WAIT, 0), counts.getOrDefault(Advice.REFER, 0),
                counts.getOrDefault(Advice.NO_SALE, 0), errors));
    }

    public int maxBatch() {
        return maxBatch;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
