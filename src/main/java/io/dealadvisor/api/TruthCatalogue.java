package io.dealadvisor.api;

import io.dealadvisor.engine.RuleInfo;
import io.dealadvisor.engine.Ruleset;
import io.dealadvisor.engine.Truth;

import java.util.List;

/** The truths of the live ruleset, each with the names of the rules that cite it. */
public record TruthCatalogue(List<Entry> truths) {

    public record Entry(String code, String statement, String source, List<String> rules) {
    }

    static TruthCatalogue of(Ruleset ruleset) {
        return new TruthCatalogue(ruleset.truths().stream()
                .map(truth -> entry(truth, ruleset.rules()))
                .toList());
    }

    private static Entry entry(Truth truth, List<RuleInfo> rules) {
        return new Entry(truth.code(), truth.statement(), truth.source(), rules.stream()
                .filter(rule -> truth.code().equals(rule.truth()))
                .map(RuleInfo::name)
                .toList());
    }
}
