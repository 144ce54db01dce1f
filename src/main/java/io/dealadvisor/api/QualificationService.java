package io.dealadvisor.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealadvisor.domain.Advice;
import io.dealadvisor.domain.Verdict;
import io.dealadvisor.engine.Ruleset;
import io.dealadvisor.engine.RulesetRegistry;
import io.dealadvisor.intake.DealReader;
import io.dealadvisor.intake.FieldError;
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

    public static final int MAX_BATCH = 1_000;

    private final RulesetRegistry registry;
    private final DealReader reader;
    private final Clock clock = Clock.systemUTC();

    public QualificationService(RulesetRegistry registry, DealReader reader) {
        this.registry = registry;
        this.reader = reader;
    }

    public Verdict qualify(JsonNode deal) {
        DealReader.Reading reading = reader.read(deal);
        if (!reading.ok()) {
            throw new InvalidDealException(reading.errors());
        }
        return registry.current().evaluate(DealReader.toFacts(reading.deal(), today()), registry.maxFirings());
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
            Verdict verdict = ruleset.evaluate(DealReader.toFacts(reading.deal(), today), registry.maxFirings());
            counts.merge(verdict.advice(), 1, Integer::sum);
            results.add(new BatchResult.Item(index, verdict, null));
        }
        return new BatchResult(results, new BatchResult.Summary(counts.getOrDefault(Advice.PROCEED, 0),
                counts.getOrDefault(Advice.WAIT, 0), counts.getOrDefault(Advice.REFER, 0),
                counts.getOrDefault(Advice.NO_SALE, 0), errors));
    }

    public static Problem notAnArray() {
        return Problem.invalidDeal(List.of(new FieldError("", "must be a JSON array of deals")));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
