package io.dealadvisor.engine;

import io.dealadvisor.domain.Advice;

/**
 * A rule as analysts see it: its name, the truth it cites, its file and line, and the advice it declares
 * with {@code @advice} (null for a rule that casts no vote).
 */
public record RuleInfo(String name, String truth, String file, int line, Advice advice) {
}
