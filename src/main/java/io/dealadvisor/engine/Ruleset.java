package io.dealadvisor.engine;

import io.dealadvisor.domain.RulesetStamp;
import io.dealadvisor.domain.Thresholds;
import org.kie.api.KieBase;

import java.nio.file.Path;
import java.util.List;

/**
 * One compiled rules folder, immutable: where it came from, its version, its rules with what each declares,
 * the truths, thresholds and advice policy beside them, and the rule base. An {@link Advisor} decides deals
 * with it.
 */
public record Ruleset(Path directory, RulesetStamp stamp, List<String> files, List<RuleInfo> rules,
                      List<Truth> truths, Thresholds thresholds, AdvicePolicy policy, KieBase kieBase) {

    public String version() {
        return stamp.version();
    }
}
