package io.dealadvisor.records;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A record as listed: what it was decided, when, for which deal, without the documents. */
public record DecisionSummary(UUID decisionId, Instant decidedAt, String dealId, LocalDate asOf, String advice,
                              String referTo, LocalDate revisitOn, String rulesetVersion, String caller,
                              RecordedOutcome outcome) {
}
