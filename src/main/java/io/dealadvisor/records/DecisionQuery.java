package io.dealadvisor.records;

import java.time.Instant;

/** Which records a listing or an export holds; a null member does not filter. {@code to} is exclusive. */
public record DecisionQuery(String dealId, String advice, String rulesetVersion, Instant from, Instant to) {
}
