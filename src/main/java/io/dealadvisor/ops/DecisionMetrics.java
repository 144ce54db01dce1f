package io.dealadvisor.ops;

import io.dealadvisor.domain.Advice;
import io.dealadvisor.domain.Reason;
import io.dealadvisor.domain.Verdict;
import io.dealadvisor.engine.RuleInfo;
import io.dealadvisor.engine.Ruleset;
import io.dealadvisor.engine.RulesSlot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prometheus metrics at {@code /q/metrics} on the management interface: decisions by advice, firings per rule (every rule of the live
 * ruleset is listed from zero, so rules that never fire stand out), evaluation latency, reloads, and the live
 * ruleset version as a label.
 */
@ApplicationScoped
public class DecisionMetrics {

    private final MeterRegistry registry;
    private final Map<Advice, Counter> decisions = new EnumMap<>(Advice.class);
    private final Map<String, Counter> firings = new ConcurrentHashMap<>();
    private final Timer evaluation;
    private final Counter reloadsAccepted;
    private final Counter reloadsRefused;
    private Gauge rulesetInfo;

    public DecisionMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Advice advice : Advice.values()) {
            decisions.put(advice, Counter.builder("deal_advisor_qualifications")
                    .description("Deals decided, by advice").tag("advice", advice.name()).register(registry));
        }
        evaluation = Timer.builder("deal_advisor_evaluation")
                .description("Time to decide one deal with the rules")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(1_000))
                .maximumExpectedValue(Duration.ofSeconds(1))
                .register(registry);
        reloadsAccepted = reloads("accepted");
        reloadsRefused = reloads("refused");
    }

    public void decided(Verdict verdict, long nanos) {
        decisions.get(verdict.advice()).increment();
        evaluation.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        for (Reason reason : verdict.reasons()) {
            firings.computeIfAbsent(reason.rule(), rule -> firingCounter(rule, reason.truth())).increment();
        }
    }

    /**
     * The times the rule of this name fired since the service started, the count of
     * {@code deal_advisor_rule_firings_total}: what {@code GET /v1/ruleset} reports, so that no caller needs the
     * metrics, which are served on the management interface.
     */
    public long firings(String rule) {
        Counter counter = firings.get(rule);
        return counter == null ? 0 : (long) counter.count();
    }

    void loaded(@Observes Ruleset ruleset) {
        reloadsAccepted.increment();
        for (RuleInfo rule : ruleset.rules()) {
            firings.computeIfAbsent(rule.name(), name -> firingCounter(name, rule.truth()));
        }
        synchronized (this) {
            if (rulesetInfo != null) {
                registry.remove(rulesetInfo);
            }
            rulesetInfo = Gauge.builder("deal_advisor_ruleset_info", () -> 1)
                    .description("The live ruleset; its version is the label")
                    .tag("version", ruleset.version())
                    .register(registry);
        }
    }

    void refused(@Observes RulesSlot.FailedReload failure) {
        reloadsRefused.increment();
    }

    private Counter firingCounter(String rule, String truth) {
        return Counter.builder("deal_advisor_rule_firings")
                .description("Times a rule fired").tag("rule", rule).tag("truth", truth == null ? "" : truth)
                .register(registry);
    }

    private Counter reloads(String outcome) {
        return Counter.builder("deal_advisor_ruleset_loads")
                .description("Rules folder loads, at start and on reload, by outcome").tag("outcome", outcome)
                .register(registry);
    }
}
