package io.dealadvisor.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.dealadvisor.domain.Reason;
import io.dealadvisor.domain.Verdict;
import io.dealadvisor.records.ShadowFigures;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@code rules-impact} found, as its JSON report holds it: the deals whose advice, referTo or revisitOn
 * changes, with both sides, and how many deals moved from which advice to which.
 *
 * @param baseVersion {@code recorded} when the change is compared with the advice that was answered
 */
public record ImpactReport(String base, String baseVersion, String changed, String changedVersion, int deals,
                           int changedDeals, List<Move> moves, List<Change> changes, List<String> errors) {

    /** One side of a comparison. */
    public record Side(String advice, String referTo, LocalDate revisitOn, List<String> reasons) {
        static Side of(Verdict verdict) {
            return new Side(verdict.advice().name(), verdict.referTo(), verdict.revisitOn(), verdict.reasons().stream()
                    .map(Side::describe).toList());
        }

        /** The advice document as it was answered and recorded. */
        static Side answered(JsonNode advice) {
            List<String> reasons = new ArrayList<>();
            advice.path("reasons").forEach(reason -> reasons.add((reason.path("advice").isNull()
                    ? "(no vote)" : reason.path("advice").asText()) + " " + reason.path("truth").asText() + ": "
                    + reason.path("rule").asText() + " - " + reason.path("explanation").asText()));
            return new Side(advice.path("advice").asText(), text(advice.get("referTo")),
                    advice.hasNonNull("revisitOn") ? LocalDate.parse(advice.get("revisitOn").asText()) : null,
                    reasons);
        }

        boolean sameAdvice(Side other) {
            return advice.equals(other.advice) && Objects.equals(referTo, other.referTo)
                    && Objects.equals(revisitOn, other.revisitOn);
        }

        /** The advice with its referral or revisit date, as the text report shows it. */
        String summary() {
            return advice + (referTo == null ? "" : " referTo=" + referTo)
                    + (revisitOn == null ? "" : " revisitOn=" + revisitOn);
        }

        private static String describe(Reason reason) {
            return (reason.advice() == null ? "(no vote)" : reason.advice().name()) + " " + reason.truth() + ": "
                    + reason.rule() + " - " + reason.explanation();
        }

        private static String text(JsonNode node) {
            return node == null || node.isNull() ? null : node.asText();
        }
    }

    public record Change(String deal, String label, Side before, Side after) {
    }

    /**
     * A move from one advice to another and how many deals made it. When the deals are recorded decisions,
     * {@code outcomes} says what became of those of them with a reported outcome under the advice that was
     * answered, apart for the sellers who followed it and those who did not, grouped as {@code GET /v1/shadow}
     * groups a transition's; otherwise it is left out.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Move(String from, String to, int deals, ShadowFigures.Outcomes outcomes) {
    }
}
