package io.dealadvisor.engine;

import io.dealadvisor.domain.Conclusions;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.Match;
import org.kie.internal.event.rule.RuleEventListener;

import java.util.Map;

/**
 * Opens a firing on the conclusions before each consequence runs, so rules need not say who they are. Drools
 * calls a rule event listener with the match itself, where an agenda event listener costs an event object
 * before and after every firing (measured in docs/benchmarks.md).
 */
final class FiringRecorder implements RuleEventListener {

    private final Map<String, RuleInfo> ruleByName;
    private final Conclusions conclusions;
    private final FiringWatch watch;
    /** The rule whose consequence is running; null between consequences. */
    private String running;

    /** {@code watch}, when given, is told which rule is firing, and may end the evaluation before it fires. */
    FiringRecorder(Map<String, RuleInfo> ruleByName, Conclusions conclusions, FiringWatch watch) {
        this.ruleByName = ruleByName;
        this.conclusions = conclusions;
        this.watch = watch;
    }

    @Override
    public void onBeforeMatchFire(Match match) {
        Rule rule = match.getRule();
        RuleInfo info = ruleByName.get(rule.getName());
        conclusions.begin(rule.getName(), info.truth(), info.advice());
        running = rule.getName();
        if (watch != null) {
            watch.firing(running);
        }
    }

    @Override
    public void onAfterMatchFire(Match match) {
        running = null;
        if (watch != null) {
            watch.rule = null; // what runs next is the network's conditions until another consequence
        }
    }

    /** The rule whose consequence is running now; null while none is (the conditions are then evaluated). */
    String consequenceRunning() {
        return running;
    }
}
