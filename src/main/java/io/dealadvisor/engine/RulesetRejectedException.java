package io.dealadvisor.engine;

import java.util.List;
import java.util.stream.Collectors;

/** A rules folder that cannot serve: it does not compile, cites unknown truths, or fails its scenarios. */
public class RulesetRejectedException extends Exception {

    private final List<RuleProblem> problems;

    public RulesetRejectedException(List<RuleProblem> problems) {
        super(problems.size() + " problem(s) in the rules:" + problems.stream()
                .map(problem -> "\n  " + problem).collect(Collectors.joining()));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
