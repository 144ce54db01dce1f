package io.dealadvisor.engine;

import io.dealadvisor.domain.Outcome;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.Match;
import org.kie.internal.event.rule.RuleEventListener;

import java.util.Map;

/**
 * Opens a firing on the outcome before each consequence runs, so rules need not say who they are. Drools
 * calls a rule event listener with the match itself, where an agenda event listener costs an event object
 * before and after every firing (measured in docs/benchmarks.md).
 */
final class FiringRecorder implements RuleEventListener {

    private final Map<String, RuleInfo> ruleByName;
    private final Outcome outcome;
    private final FiringWatch watch;

    /** {@code watch}, when given, is told which rule is firing. */
    FiringRecorder(Map<String, RuleInfo> ruleByName, Outcome outcome, FiringWatch watch) {
        this.ruleByName = ruleByName;
        this.outcome = outcome;
        this.watch = watch;
    }

    @Override
    public void onBeforeMatchFire(Match match) {
        Rule rule = match.getRule();
        RuleInfo info = ruleByName.get(rule.getName());
        outcome.begin(rule.getName(), info.truth(), info.advice());
        if (watch != null) {
            watch.rule = rule.getName();
        }
    }
}
