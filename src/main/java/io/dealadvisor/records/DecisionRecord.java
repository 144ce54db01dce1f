package io.dealadvisor.records;

import io.dealadvisor.domain.Reason;
import io.dealadvisor.domain.Verdict;
import io.dealadvisor.intake.DealRequest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One advice answered, as it is recorded. Made by one {@link Builder}, with named steps: nineteen positional
 * arguments of which seven are texts are too easy to swap.
 *
 * @param decidedAt      kept to the millisecond, the precision both stores hold and the API shows
 * @param channel        {@code single}, {@code batch} or {@code kafka}
 * @param dealJson       the deal as the service read it, JSON
 * @param adviceJson     the advice document exactly as answered, JSON
 * @param advice         the final advice, e.g. {@code WAIT}
 * @param caller         the API key's id or the JWT subject; null with credential checks off
 * @param votingTruths   the truths of the reasons that voted for the final advice
 * @param clientId       the CRM's account id ({@code client.id} of the deal), null when not sent: erasure finds by it
 * @param input          where a deal read from Kafka came from (its decision event carries it); null otherwise
 * @param claim          the {@code Idempotency-Key} claim answered in the record's own transaction, so that a retry
 *                       finds the decision once its record is committed, however late (a deal read from Kafka: its
 *                       offset's; with {@code durability=sync}, a single qualification's key); null when none
 * @param receivedAt     when its request (or Kafka deal) arrived, maybe long before it was decided: an erasure in
 *                       between strips it too ({@link ErasureScreen}). Not stored; {@code decidedAt} when not known
 */
public record DecisionRecord(UUID decisionId, Instant decidedAt, String dealId, LocalDate asOf, String caller,
                             String channel, long durationMicros, String dealJson, String adviceJson,
                             String advice, String referTo, LocalDate revisitOn, String rulesetVersion,
                             List<String> votingTruths, Shadow shadow, String clientId, Input input,
                             IdempotencyKeys.Claimed claim, Instant receivedAt) {

    public static final String SINGLE = "single";
    public static final String BATCH = "batch";
    /** A deal read from the deals topic (io.dealadvisor.events). */
    public static final String KAFKA = "kafka";

    /**
     * The Kafka record a deal was read from. Its idempotency key ({@link IdempotencyKeys}) is the topic as the caller
     * and {@link #key}: claimed before the deal is decided, answered in the record's own transaction ({@link #claim}).
     */
    public record Input(String topic, int partition, long offset) {
        public String key() {
            return partition + ":" + offset;
        }
    }

    /** The record's other fields, its truths and the buffer's queue node, measured generously. */
    private static final int FIXED_HEAP_BYTES = 640;

    public DecisionRecord {
        Objects.requireNonNull(decisionId, "decisionId");
        decidedAt = Objects.requireNonNull(decidedAt, "decidedAt").truncatedTo(ChronoUnit.MILLIS);
        votingTruths = votingTruths == null ? List.of() : List.copyOf(votingTruths);
        receivedAt = receivedAt == null || receivedAt.isAfter(decidedAt) ? decidedAt : receivedAt;
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

    /** A new decision: a fresh id, decided now; the steps fill in the rest. */
    public static Builder builder() {
        return new Builder(DecisionIds.next(), Instant.now());
    }

    /** The same record, to change a step or two. */
    public Builder toBuilder() {
        Builder copy = new Builder(decisionId, decidedAt);
        copy.dealId = dealId;
        copy.asOf = asOf;
        copy.caller = caller;
        copy.channel = channel;
        copy.durationMicros = durationMicros;
        copy.dealJson = dealJson;
        copy.adviceJson = adviceJson;
        copy.advice = advice;
        copy.referTo = referTo;
        copy.revisitOn = revisitOn;
        copy.rulesetVersion = rulesetVersion;
        copy.votingTruths = votingTruths;
        copy.shadow = shadow;
        copy.clientId = clientId;
        copy.input = input;
        copy.claim = claim;
        copy.receivedAt = receivedAt;
        return copy;
    }

    /** The record with what the shadow candidate made of the deal added. */
    public DecisionRecord withShadow(Shadow compared) {
        return toBuilder().shadow(compared).build();
    }

    /** The same record without its deal, advice document and shadow reasons: an erasure came first. */
    public DecisionRecord erased(String shadowWithoutReasons) {
        return toBuilder().deal("", null).adviceJson("").shadow(shadow == null ? null
                : new Shadow(shadow.rulesetVersion(), shadow.advice(), shadow.differs(), shadowWithoutReasons)).build();
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

    /**
     * Builds a {@link DecisionRecord} step by step: {@link #verdict} and {@link #deal(DealRequest, String)} take what
     * the decided deal says; the other steps set a few fields each, for records copied or made by tests.
     */
    public static final class Builder {
        private UUID decisionId;
        private Instant decidedAt;
        private String dealId;
        private LocalDate asOf;
        private String caller;
        private String channel = SINGLE;
        private long durationMicros;
        private String dealJson;
        private String adviceJson;
        private String advice;
        private String referTo;
        private LocalDate revisitOn;
        private String rulesetVersion;
        private List<String> votingTruths = List.of();
        private Shadow shadow;
        private String clientId;
        private Input input;
        private IdempotencyKeys.Claimed claim;
        private Instant receivedAt;

        private Builder(UUID decisionId, Instant decidedAt) {
            this.decisionId = decisionId;
            this.decidedAt = decidedAt;
        }

        /** Another id and time than a new decision's (records made for tests, or imported). */
        public Builder decided(UUID id, Instant at) {
            this.decisionId = id;
            this.decidedAt = at;
            return this;
        }

        /**
         * The verdict as answered, and its document ({@code adviceJson}, the same bytes as the answer): the deal id,
         * the advice, where it refers to, when to revisit, the ruleset and the truths that voted for the advice.
         */
        public Builder verdict(Verdict verdict, String adviceJson) {
            this.dealId = verdict.dealId();
            this.adviceJson = adviceJson;
            this.rulesetVersion = verdict.ruleset().version();
            this.votingTruths = verdict.reasons().stream().filter(reason -> reason.advice() == verdict.advice())
                    .map(Reason::truth).filter(Objects::nonNull).distinct().toList();
            return answer(verdict.advice().name(), verdict.referTo(), verdict.revisitOn());
        }

        /** The deal as the service read it (its {@code asOf} filled in) and as JSON; its client id, if any. */
        public Builder deal(DealRequest asRead, String json) {
            this.asOf = asRead.asOf();
            return deal(json, asRead.client() == null ? null : asRead.client().id());
        }

        /** The deal as JSON and its client's id (null: none). */
        public Builder deal(String json, String clientId) {
            this.dealJson = json;
            this.clientId = clientId;
            return this;
        }

        public Builder dealId(String dealId, LocalDate asOf) {
            this.dealId = dealId;
            this.asOf = asOf;
            return this;
        }

        /** Who asked, through which channel ({@link #SINGLE} or {@link #BATCH}), and how long deciding took. */
        public Builder asked(String caller, String channel, long durationMicros) {
            this.caller = caller;
            this.channel = channel;
            this.durationMicros = durationMicros;
            return this;
        }

        public Builder answer(String advice, String referTo, LocalDate revisitOn) {
            this.advice = advice;
            this.referTo = referTo;
            this.revisitOn = revisitOn;
            return this;
        }

        public Builder adviceJson(String adviceJson) {
            this.adviceJson = adviceJson;
            return this;
        }

        public Builder ruleset(String version, List<String> votingTruths) {
            this.rulesetVersion = version;
            this.votingTruths = votingTruths;
            return this;
        }

        /** Where the deal was read from, when it came from Kafka. */
        public Builder input(Input input) {
            this.input = input;
            return this;
        }

        /** The key claimed for this decision, to be answered when the record is committed; null: none. */
        public Builder claim(IdempotencyKeys.Claimed claim) {
            this.claim = claim;
            return this;
        }

        public Builder shadow(Shadow shadow) {
            this.shadow = shadow;
            return this;
        }

        /** When the request it answers arrived; null: when it is decided. */
        public Builder received(Instant receivedAt) {
            this.receivedAt = receivedAt;
            return this;
        }

        public DecisionRecord build() {
            return new DecisionRecord(decisionId, decidedAt, dealId, asOf, caller, channel, durationMicros, dealJson,
                    adviceJson, advice, referTo, revisitOn, rulesetVersion, votingTruths, shadow, clientId, input,
                    claim, receivedAt);
        }
    }
}
