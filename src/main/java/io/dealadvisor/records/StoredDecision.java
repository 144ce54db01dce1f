package io.dealadvisor.records;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A whole record as stored; the deal, advice and shadow documents are written out as the JSON they were.
 *
 * @param detail null while the record is whole; {@code expired} or {@code erased} once its deal and advice (null
 *               here) and its shadow's reasons are gone
 */
public record StoredDecision(UUID decisionId, Instant decidedAt, String dealId, LocalDate asOf, String caller,
                             String channel, long durationMicros,
                             @JsonSerialize(using = StoredJsonSerializer.class) String deal,
                             @JsonSerialize(using = StoredJsonSerializer.class) String advice,
                             @JsonSerialize(using = StoredJsonSerializer.class) String shadow,
                             RecordedOutcome outcome, String detail) {
}
