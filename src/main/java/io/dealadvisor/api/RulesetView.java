package io.dealadvisor.api;

import io.dealadvisor.engine.RuleInfo;
import io.dealadvisor.engine.Ruleset;
import io.dealadvisor.engine.RulesetRegistry;

import java.time.Instant;
import java.util.List;

/** The live ruleset as analysts inspect it, with the last refused reload and why. */
public record RulesetView(String version, Instant loadedAt, List<String> files, List<RuleInfo> rules,
                          RulesetRegistry.FailedReload lastReloadError) {

    static RulesetView of(Ruleset ruleset, RulesetRegistry.FailedReload lastFailure) {
        return new RulesetView(ruleset.version(), ruleset.stamp().loadedAt(), ruleset.files(), ruleset.rules(),
                lastFailure);
    }
}
