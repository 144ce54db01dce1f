package io.dealadvisor.wire;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.dealadvisor.domain.Advice;
import io.dealadvisor.domain.Reason;
import io.dealadvisor.domain.Verdict;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The advice as callers receive it (docs/api.md): the engine's verdict mapped field by field, in the order the
 * contract writes them. Kept apart from the engine so the wire format changes only on purpose.
 */
@JsonPropertyOrder({"dealId", "advice", "headline", "revisitOn", "referTo", "reasons", "actions", "warnings", "ruleset"})
public record AdviceDocument(String dealId, Advice advice, String headline, LocalDate revisitOn, String referTo,
                             List<ReasonDocument> reasons, List<String> actions, List<String> warnings,
                             RulesetDocument ruleset) {

    @JsonPropertyOrder({"rule", "truth", "advice", "explanation"})
    public record ReasonDocument(String rule, String truth, Advice advice, String explanation) {
    }

    @JsonPropertyOrder({"version", "loadedAt"})
    public record RulesetDocument(String version, Instant loadedAt) {
    }

    public static AdviceDocument of(Verdict verdict) {
        List<ReasonDocument> reasons = verdict.reasons().stream().map(AdviceDocument::reason).toList();
        return new AdviceDocument(verdict.dealId(), verdict.advice(), verdict.headline(), verdict.revisitOn(),
                verdict.referTo(), reasons, verdict.actions(), verdict.warnings(),
                new RulesetDocument(verdict.ruleset().version(), verdict.ruleset().loadedAt()));
    }

    private static ReasonDocument reason(Reason reason) {
        return new ReasonDocument(reason.rule(), reason.truth(), reason.advice(), reason.explanation());
    }
}
