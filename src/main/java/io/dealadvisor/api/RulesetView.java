package io.dealadvisor.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.dealadvisor.domain.Advice;
import io.dealadvisor.engine.Ruleset;
import io.dealadvisor.engine.RulesSlot;

import java.time.Instant;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The live ruleset as analysts inspect it: each rule with the truth it cites, the advice it declares and the times
 * it fired, the advice precedence (strongest first), and the last refused reload and why.
 */
@JsonPropertyOrder({"version", "loadedAt", "files", "precedence", "rules", "lastReloadError"})
public record RulesetView(String version, Instant loadedAt, List<String> files, List<Advice> precedence,
                          List<RuleView> rules, RulesSlot.FailedReload lastReloadError) {

    /** {@code firings}: the times a rule of this name fired on this replica since it started (the metric's count). */
    @JsonPropertyOrder({"name", "truth", "file", "advice", "firings"})
    public record RuleView(String name, String truth, String file, Advice advice, long firings) {
    }

    static RulesetView of(Ruleset ruleset, RulesSlot.FailedReload lastFailure, ToLongFunction<String> firings) {
        return new RulesetView(ruleset.version(), ruleset.stamp().loadedAt(), ruleset.files(),
                ruleset.policy().precedence(), ruleset.rules().stream()
                .map(rule -> new RuleView(rule.name(), rule.truth(), rule.file(), rule.advice(),
                        firings.applyAsLong(rule.name()))).toList(),
                lastFailure);
    }

    static RulesetView of(RulesSlot.Snapshot snapshot, ToLongFunction<String> firings) {
        return of(snapshot.advisor().ruleset(), snapshot.lastFailure(), firings);
    }
}
