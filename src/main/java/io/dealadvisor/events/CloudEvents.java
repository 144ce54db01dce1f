package io.dealadvisor.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.dealadvisor.records.DecisionRecord;
import io.dealadvisor.records.RecordedOutcome;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The events as CloudEvents 1.0 in structured JSON (the whole event is the Kafka record's value, with
 * {@code datacontenttype} {@code application/json}); docs/events.md shows each. They are made when the outbox row is
 * written, so what is sent is what was committed with the record.
 */
public final class CloudEvents {

    public static final String DECISION_RECORDED = "io.dealadvisor.decision.recorded.v1";
    public static final String OUTCOME_REPORTED = "io.dealadvisor.outcome.reported.v1";
    public static final String REVISIT_DUE = "io.dealadvisor.revisit.due.v1";
    /** The outbox's kinds, each the last part of its topic's name: {@code <prefix>.<kind>s}. */
    public static final String DECISION = "decision";
    public static final String OUTCOME = "outcome";
    public static final String REVISIT = "revisit";

    private static final ObjectMapper JSON = new ObjectMapper();

    private CloudEvents() {
    }

    /** The topic of an outbox kind. */
    public static String topic(String prefix, String kind) {
        return prefix + "." + kind + "s";
    }

    /**
     * A decision record: its {@code data} is the record as {@code GET /v1/decisions/{id}} shows it without its
     * {@code deal}, and, for a deal read from Kafka, the {@code input} it came from.
     */
    public static String recorded(DecisionRecord record) {
        ObjectNode data = JSON.createObjectNode();
        data.put("decisionId", record.decisionId().toString());
        data.put("decidedAt", record.decidedAt().toString());
        data.put("dealId", record.dealId());
        data.put("asOf", text(record.asOf()));
        data.put("caller", record.caller());
        data.put("channel", record.channel());
        data.put("durationMicros", record.durationMicros());
        if (record.detailsErased()) {
            data.putNull("advice");
        } else {
            data.putRawValue("advice", new RawValue(record.adviceJson()));
        }
        DecisionRecord.Shadow shadow = record.shadow();
        if (shadow == null || shadow.json() == null) {
            data.putNull("shadow");
        } else {
            data.putRawValue("shadow", new RawValue(shadow.json()));
        }
        data.putNull("outcome");
        data.put("detail", record.detailsErased() ? "erased" : null);
        if (record.input() != null) {
            ObjectNode input = data.putObject("input");
            input.put("topic", record.input().topic());
            input.put("partition", record.input().partition());
            input.put("offset", record.input().offset());
        }
        return event(record.decisionId().toString(), DECISION, DECISION_RECORDED, record.dealId(),
                record.decidedAt(), data);
    }

    /** An outcome reported (or reported anew) for a decision; a fresh event id each time. */
    public static String reported(UUID eventId, UUID decisionId, String dealId, RecordedOutcome outcome,
                                  Instant at) {
        ObjectNode data = JSON.createObjectNode();
        data.put("decisionId", decisionId.toString());
        data.put("dealId", dealId);
        ObjectNode reported = data.putObject("outcome");
        reported.put("result", outcome.result());
        reported.put("adviceFollowed", outcome.adviceFollowed());
        reported.put("clientRetained", outcome.clientRetained());
        reported.put("reportedOn", text(outcome.reportedOn()));
        reported.put("reportedBy", outcome.reportedBy());
        return event(eventId.toString(), OUTCOME, OUTCOME_REPORTED, dealId, at, data);
    }

    /**
     * A deal whose latest decision is to wait until {@code revisitOn}, which has come. Its id is the same for the
     * same decision and day, so a day emitted twice (two replicas) is de-duplicated by the consumers.
     */
    public static String due(UUID decisionId, String dealId, LocalDate revisitOn, String headline,
                             Instant decidedAt, Instant at) {
        ObjectNode data = JSON.createObjectNode();
        data.put("decisionId", decisionId.toString());
        data.put("dealId", dealId);
        data.put("revisitOn", text(revisitOn));
        data.put("headline", headline);
        data.put("decidedAt", decidedAt.toString());
        return event(revisitId(decisionId, revisitOn), REVISIT, REVISIT_DUE, dealId, at, data);
    }

    /**
     * {@code event} as an erasure leaves it, told by its {@code type}: a decision without its advice document and its
     * shadow's reasons, {@code detail} {@code erased} (as {@link #recorded} makes it for a record erased before it was
     * written); a revisit without its advice's headline. Outcomes stay as they are, as an erasure leaves them.
     */
    public static String erased(String event) {
        try {
            ObjectNode erased = (ObjectNode) JSON.readTree(event);
            ObjectNode data = (ObjectNode) erased.get("data");
            switch (erased.get("type").asText()) {
                case DECISION_RECORDED -> {
                    data.putNull("advice");
                    if (data.get("shadow") instanceof ObjectNode shadow) {
                        shadow.putNull("reasons");
                    }
                    data.put("detail", "erased");
                }
                case REVISIT_DUE -> data.putNull("headline");
                default -> {
                    return event;
                }
            }
            return JSON.writeValueAsString(erased);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event in the outbox could not be read", e);
        }
    }

    /** The id of a revisit's event: the same for the same decision and day. */
    public static String revisitId(UUID decisionId, LocalDate revisitOn) {
        return UUID.nameUUIDFromBytes(("revisit:" + decisionId + ":" + revisitOn).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static String event(String id, String kind, String type, String subject, Instant time, ObjectNode data) {
        ObjectNode event = JSON.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", id);
        event.put("source", "/deal-advisor/" + kind + "s");
        event.put("type", type);
        event.put("subject", subject);
        event.put("time", time.toString());
        event.put("datacontenttype", "application/json");
        event.set("data", data);
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event could not be written", e);
        }
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
