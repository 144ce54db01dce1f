package io.dealadvisor.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealadvisor.events.CloudEvents;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * The events of erased records that still wait in the {@link Outbox}, rewritten in the erasure's transaction as the
 * erasure leaves the records ({@link CloudEvents#erased}): a decision's and a due revisit's event of an erased
 * record carry no more than its summary keeps. The outbox is searched by the records' deal ids, the events' key, and
 * an event is rewritten when the decision it tells of is one of the erased. Events already sent are the consumers'
 * to erase (docs/events.md).
 */
final class ErasedEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErasedEvents() {
    }

    /**
     * Rewrites the waiting events of the decisions {@code erased} (decision id to deal id), on {@code connection}, in
     * its transaction; how many.
     */
    static int redact(Connection connection, Map<String, String> erased) throws SQLException {
        if (erased.isEmpty()) {
            return 0;
        }
        Set<String> deals = Set.copyOf(erased.values());
        String keys = String.join(",", Collections.nCopies(deals.size(), "?"));
        int redacted = 0;
        try (PreparedStatement select = connection.prepareStatement("SELECT seq, event FROM event_outbox"
                + " WHERE kind IN ('" + CloudEvents.DECISION + "', '" + CloudEvents.REVISIT + "')"
                + " AND event_key IN (" + keys + ")");
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE event_outbox SET event = ? WHERE seq = ?")) {
            int i = 1;
            for (String deal : deals) {
                select.setString(i++, deal);
            }
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    String event = result.getString(2);
                    if (erased.containsKey(decisionOf(event))) {
                        update.setString(1, CloudEvents.erased(event));
                        update.setLong(2, result.getLong(1));
                        update.addBatch();
                        redacted++;
                    }
                }
            }
            if (redacted > 0) {
                update.executeBatch();
            }
        }
        return redacted;
    }

    private static String decisionOf(String event) {
        try {
            JsonNode decision = JSON.readTree(event).path("data").path("decisionId");
            return decision.isTextual() ? decision.asText() : null;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event in the outbox could not be read", e);
        }
    }
}
