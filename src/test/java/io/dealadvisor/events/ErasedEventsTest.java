package io.dealadvisor.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dealadvisor.records.Outbox;
import io.dealadvisor.security.Credentials;
import io.dealadvisor.testing.KafkaBroker;
import io.dealadvisor.testing.KafkaTopics;
import io.dealadvisor.testing.Poll;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.dealadvisor.events.DecisionEventsTest.JSON;
import static io.dealadvisor.events.DecisionEventsTest.PATIENCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An erasure reaches the events that still wait in the outbox (SQLite here, PostgreSQL in
 * {@link PostgresEventsTest}): they leave as the erasure leaves the records, another client's as they were.
 */
@QuarkusTest
@TestProfile(EventsOn.class)
@Tag("kafka")
class ErasedEventsTest {

    @Inject
    Outbox outbox;

    @Test
    void anErasureRewritesTheClientsEventsStillInTheOutbox() throws Exception {
        erasureReachesTheWaitingEvents(outbox);
    }

    /**
     * With the broker away, the publisher takes a first deal's event and waits for its acknowledgement, so the events
     * of the deals after it wait in the outbox, where the erasure of their client finds them. They are read there,
     * and on the topic once the broker is back.
     */
    static void erasureReachesTheWaitingEvents(Outbox outbox) throws Exception {
        String client = "ERASED-" + UUID.randomUUID();
        List<String> erased;
        String kept;
        KafkaBroker.stopBroker();
        try {
            DecisionEventsTest.qualify(deal("KEEP-" + UUID.randomUUID(), "KEPT-" + UUID.randomUUID()));
            Poll.until(PATIENCE, "the publisher waiting for the broker", EventsOutageTest::health,
                    check -> check.get("data").get("backlog").asLong() >= 1);
            erased = List.of(decide(deal("ER-" + UUID.randomUUID(), client)),
                    decide(deal("ER-" + UUID.randomUUID(), client)));
            kept = decide(deal("KEEP-" + UUID.randomUUID(), "KEPT-" + UUID.randomUUID()));
            JsonNode erasure = JSON.readTree(Credentials.withKey(Credentials.PRIVACY_KEY).contentType(ContentType.JSON)
                    .body("{\"clientId\":\"" + client + "\"}").post("/v1/erasures").then().statusCode(201)
                    .extract().asString());
            assertEquals(2, erasure.get("records").asInt(), erasure.toString());

            Map<String, JsonNode> waiting = waiting(outbox);
            assertTrue(waiting.keySet().containsAll(erased) && waiting.containsKey(kept), "still in the outbox: "
                    + waiting.keySet());
            erased.forEach(id -> assertErased(waiting.get(id)));
            assertTrue(waiting.get(kept).get("data").get("advice").isObject(), "another client's event as it was");
        } finally {
            KafkaBroker.startBroker();
        }
        Map<String, KafkaTopics.Read> sent = DecisionEventsTest.byId(EventsOn.DECISIONS,
                List.of(erased.get(0), erased.get(1), kept));
        erased.forEach(id -> assertErased(sent.get(id).json()));
        assertTrue(sent.get(kept).json().get("data").get("advice").isObject(), "another client's event as it was");
    }

    private static void assertErased(JsonNode event) {
        JsonNode data = event.get("data");
        assertEquals("erased", data.get("detail").asText(), event.toString());
        assertTrue(data.get("advice").isNull(), event.toString());
        assertTrue(data.get("shadow").isNull() || data.get("shadow").get("reasons").isNull(), event.toString());
    }

    /** The decision events waiting in the outbox, by id. */
    private static Map<String, JsonNode> waiting(Outbox outbox) throws SQLException {
        return outbox.next(10_000, java.util.Set.of()).stream().filter(row -> row.kind().equals(CloudEvents.DECISION))
                .collect(Collectors.toMap(Outbox.Row::id, row -> {
                    try {
                        return JSON.readTree(row.event());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }));
    }

    private static String decide(String deal) {
        return DecisionEventsTest.qualify(deal).header("Decision-Id");
    }

    /** The spec's example deal under {@code id}, for the client {@code clientId}. */
    private static String deal(String id, String clientId) throws Exception {
        ObjectNode deal = (ObjectNode) JSON.readTree(DecisionEventsTest.deal(id, false));
        deal.withObject("/client").put("id", clientId);
        return deal.toString();
    }
}
