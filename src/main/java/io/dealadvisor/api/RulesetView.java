package io.dealadvisor.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.dealadvisor.domain.Advice;
import io.dealadvisor.engine.Ruleset;
import io.dealadvisor.engine.RulesSlot;

import java.time.Instant;
import java.util.List;

/**
 * The live ruleset as analysts inspect it: each rule with the truth it cites and the advice it declares, the
 * advice precedence (strongest first), and the last refused reload and why.
 */
@JsonPropertyOrder({"version", "loadedAt", "files", "precedence", "rules", "lastReloadError"})
public record RulesetView(String version, Instant loadedAt, List<String> files, List<Advice> precedence,
                          List<RuleView> rules, RulesSlot.FailedReload lastReloadError) {

    @JsonPropertyOrder({"name", "truth", "file", "advice"})
    public record RuleView(String name, String truth, String file, Advice advice) {
    }

    static RulesetView of(Ruleset ruleset, RulesSlot.FailedReload lastFailure) {
        return new RulesetView(ruleset.version(), ruleset.stamp().loadedAt(), ruleset.files(),
                ruleset.policy().precedence(), ruleset.rules().stream()
                .map(rule -> new RuleView(rule.name(), rule.truth(), rule.file(), rule.advice())).toList(),
                lastFailure);
    }

    static RulesetView of(RulesSlot.Snapshot snapshot) {
        return of(snapshot.advisor().ruleset(), snapshot.lastFailure());
    }
}
