package io.dealadvisor.domain;

import java.time.LocalDate;
import java.util.List;

/** The advice for one deal, in the order and shape callers receive it. */
public record Verdict(String dealId, Advice advice, String headline, LocalDate revisitOn, String referTo,
                      List<Reason> reasons, List<String> actions, List<String> warnings, RulesetStamp ruleset) {
}
