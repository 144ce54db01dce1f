package io.dealadvisor.events;

import io.agroal.api.AgroalDataSource;
import io.dealadvisor.testing.KafkaTopics;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.dealadvisor.events.DecisionEventsTest.deal;
import static io.dealadvisor.events.DecisionEventsTest.qualify;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An event the broker can never take (here one larger than the producer's largest request, 1 MB, put in the outbox
 * by hand) holds back only its own deal: it is sent again alone, that deal's later event waits in the outbox behind
 * it (sent once at most, with it, before its failure was known), and the other deals' events, sent in the same
 * batches, arrive once each rather than again every second.
 */
@QuarkusTest
@TestProfile(EventsOn.class)
@Tag("kafka")
class RefusedEventTest {

    /** Several of the publisher's retries (one a second) of a batch that would hold the refused event. */
    private static final long RETRIES_MILLIS = 4_000;

    @Inject
    @DataSource("embedded")
    AgroalDataSource store;

    @Test
    void anEventTheBrokerRefusesHoldsBackOnlyItsOwnDeal() throws Exception {
        String refusedKey = "REFUSED-" + UUID.randomUUID();
        decisionEvent(refusedKey, UUID.randomUUID().toString(), "x".repeat(2_000_000));
        String laterOfTheSameDeal = UUID.randomUUID().toString();
        decisionEvent(refusedKey, laterOfTheSameDeal, "{\"id\":\"" + laterOfTheSameDeal + "\"}");
        try {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(qualify(deal("AFTER-REFUSED-" + UUID.randomUUID(), true)).header("Decision-Id"));
            }
            DecisionEventsTest.byId(EventsOn.DECISIONS, ids);
            Thread.sleep(RETRIES_MILLIS);

            int[] readBefore = {-1}; // read to the end: until a poll finds nothing more
            Map<String, Long> sent = KafkaTopics.readUntil(EventsOn.DECISIONS, DecisionEventsTest.PATIENCE, all -> {
                boolean end = all.size() == readBefore[0] && all.stream().map(read -> read.json().get("id").asText())
                        .collect(Collectors.toSet()).containsAll(ids);
                readBefore[0] = all.size();
                return end;
            }).stream().map(read -> read.json().get("id").asText())
                    .filter(id -> ids.contains(id) || id.equals(laterOfTheSameDeal))
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            // sent with the refused event before its failure was known, the later one may have arrived, once
            long later = sent.getOrDefault(laterOfTheSameDeal, 0L);
            sent.remove(laterOfTheSameDeal);
            assertEquals(ids.stream().collect(Collectors.toMap(Function.identity(), id -> 1L)), sent,
                    "each other deal's event once");
            assertTrue(later <= 1, "the refused deal's later event was sent " + later + " times");
            assertEquals(2, count(refusedKey), "the refused event and its deal's later one wait in the outbox");
        } finally {
            outbox("DELETE FROM event_outbox WHERE event_key = ?", refusedKey);
        }
    }

    /**
     * A refused event with more of its deal's events behind it than the publisher reads at once (500): the other
     * deals' events still go (the publisher read the oldest 500, all of that one deal, and sent nothing else).
     */
    @Test
    void aRefusedDealWithManyEventsWaitingDoesNotHoldBackTheOthers() throws Exception {
        String refusedKey = "REFUSED-MANY-" + UUID.randomUUID();
        decisionEvent(refusedKey, UUID.randomUUID().toString(), "x".repeat(2_000_000));
        for (int i = 0; i < 600; i++) {
            String later = UUID.randomUUID().toString();
            decisionEvent(refusedKey, later, "{\"id\":\"" + later + "\"}");
        }
        try {
            Thread.sleep(RETRIES_MILLIS); // the refusal is known: the deal is held back
            String id = qualify(deal("AFTER-MANY-" + UUID.randomUUID(), true)).header("Decision-Id");
            DecisionEventsTest.byId(EventsOn.DECISIONS, List.of(id));
            assertTrue(count(refusedKey) >= 600, "the refused deal's events wait: " + count(refusedKey));
        } finally {
            outbox("DELETE FROM event_outbox WHERE event_key = ?", refusedKey);
        }
    }

    /** A decision event put in the outbox by hand, after those there. */
    private void decisionEvent(String key, String id, String event) throws SQLException {
        outbox("INSERT INTO event_outbox (kind, event_key, event_id, created_at, event)"
                + " VALUES ('decision', ?, ?, ?, ?)", key, id, System.currentTimeMillis(), event);
    }

    private void outbox(String sql, Object... values) throws SQLException {
        try (Connection connection = store.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    private long count(String key) throws SQLException {
        try (Connection connection = store.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT COUNT(*) FROM event_outbox WHERE event_key = ?")) {
            select.setString(1, key);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
