package io.dealadvisor.records;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One advice answered, as it is recorded.
 *
 * @param decidedAt      kept to the millisecond, the precision both stores hold and the API shows
 * @param channel        {@code single} or {@code batch}
 * @param dealJson       the deal as the service read it, JSON
 * @param adviceJson     the advice document exactly as answered, JSON
 * @param advice         the final advice, e.g. {@code WAIT}
 * @param caller         the API key's id or the JWT subject; null with credential checks off
 * @param votingTruths   the truths of the reasons that voted for the final advice
 * @param clientId       the CRM's account id ({@code client.id} of the deal), null when not sent: erasure finds by it
 */
public record DecisionRecord(UUID decisionId, Instant decidedAt, String dealId, LocalDate asOf, String caller,
                             String channel, long durationMicros, String dealJson, String adviceJson,
                             String advice, String referTo, LocalDate revisitOn, String rulesetVersion,
                             List<String> votingTruths, Shadow shadow, String clientId) {

    /** A record of a deal that names no client id. */
    public DecisionRecord(UUID decisionId, Instant decidedAt, String dealId, LocalDate asOf, String caller,
                          String channel, long durationMicros, String dealJson, String adviceJson, String advice,
                          String referTo, LocalDate revisitOn, String rulesetVersion, List<String> votingTruths,
                          Shadow shadow) {
        this(decisionId, decidedAt, dealId, asOf, caller, channel, durationMicros, dealJson, adviceJson, advice,
                referTo, revisitOn, rulesetVersion, votingTruths, shadow, null);
    }

    /**
     * What the shadow candidate made of the same deal. A comparison that was skipped (the shadow fell behind)
     * keeps the candidate's version with no advice, so the skips are counted from the records too.
     *
     * @param json the shadow document as the record shows it; null when skipped
     */
    public record Shadow(String rulesetVersion, String advice, Boolean differs, String json) {
        public static Shadow skipped(String rulesetVersion) {
            return new Shadow(rulesetVersion, null, null, null);
        }
    }

    public DecisionRecord withShadow(Shadow compared) {
        return new DecisionRecord(decisionId, decidedAt, dealId, asOf, caller, channel, durationMicros, dealJson,
                adviceJson, advice, referTo, revisitOn, rulesetVersion, votingTruths, compared, clientId);
    }

    /** The same record without its deal, advice document and shadow reasons: an erasure came first. */
    public DecisionRecord erased(String shadowWithoutReasons) {
        return new DecisionRecord(decisionId, decidedAt, dealId, asOf, caller, channel, durationMicros, "", "",
                advice, referTo, revisitOn, rulesetVersion, votingTruths,
                shadow == null ? null : new Shadow(shadow.rulesetVersion(), shadow.advice(), shadow.differs(),
                        shadowWithoutReasons), null);
    }

    /** Whether an erasure took the details before the record was written ({@link #erased}). */
    public boolean detailsErased() {
        return dealJson.isEmpty();
    }

    /** An upper estimate of the heap the record holds: its texts at two bytes a character, and the rest. */
    public long heapBytes() {
        return 2L * (dealJson.length() + adviceJson.length() + dealId.length()
                + (shadow == null || shadow.json() == null ? 0 : shadow.json().length())) + FIXED_HEAP_BYTES;
    }

    /** The record's other fields, its truths and the buffer's queue node, measured generously. */
    private static final int FIXED_HEAP_BYTES = 640;

    public static final String SINGLE = "single";
    public static final String BATCH = "batch";

    public DecisionRecord {
        Objects.requireNonNull(decisionId, "decisionId");
        decidedAt = Objects.requireNonNull(decidedAt, "decidedAt").truncatedTo(ChronoUnit.MILLIS);
        votingTruths = votingTruths == null ? List.of() : List.copyOf(votingTruths);
    }
}
