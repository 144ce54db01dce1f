package io.dealadvisor.engine;

import io.dealadvisor.domain.Advice;

/** A rule as analysts see it: its name, the truth it cites, its file, and the advice it can vote for. */
public record RuleInfo(String name, String truth, String file, Advice advice) {
}
