package io.dealadvisor.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealadvisor.records.Outbox;
import io.dealadvisor.security.Credentials;
import io.dealadvisor.testing.KafkaBroker;
import io.dealadvisor.testing.KafkaTopics;
import io.dealadvisor.testing.Poll;
import io.dealadvisor.testing.PostgresServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.dealadvisor.events.DecisionEventsTest.PATIENCE;
import static org.junit.jupiter.api.Assertions.assertEquals;



/**
 * The outbox on PostgreSQL, where the replicas share it: decisions and an outcome arrive, the outbox empties; an
 * erasure rewrites the events still waiting in it; deals read from Kafka while PostgreSQL is down are decided once it
 * is back (that test stops the database, so it runs last).
 */
@QuarkusTest
@TestProfile(PostgresEventsTest.OnPostgres.class)
@Tag("kafka")
@Tag("postgresql")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresEventsTest {

    public static class OnPostgres implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresServer.class), new TestResourceEntry(KafkaBroker.class));
        }
    }

    private static final Duration OUTAGE = Duration.ofSeconds(8);
    /** The pool may hand out connections closed by the restart until it validates them again. */
    private static final Duration AFTER_RESTART = Duration.ofMinutes(3);

    @Inject
    Outbox outbox;

    @Inject
    RevisitEvents revisits;

    @Test
    @Order(1)
    void anErasureRewritesTheClientsEventsStillInTheOutbox() throws Exception {
        ErasedEventsTest.erasureReachesTheWaitingEvents(outbox);
    }

    /** The day's run and a record written meanwhile take one advisory lock here, where replicas share the outbox. */
    @Test
    @Order(2)
    void aDecisionToWaitUntilADayAlreadyDoneIsDueAtOnce() throws Exception {
        DecisionEventsTest.decidedAfterItsDayIsDueAtOnce(revisits);
    }

    @Test
    @Order(3)
    void decisionsAndOutcomesStoredInPostgresqlArriveAsEvents() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(DecisionEventsTest.qualify(DecisionEventsTest.deal("PG-" + UUID.randomUUID(), i % 2 == 0))
                    .header("Decision-Id"));
        }
        DecisionEventsTest.byId(EventsOn.DECISIONS, ids);
        Credentials.asDemo().contentType(ContentType.JSON).body("{\"result\":\"BOUGHT_NOTHING\",\"adviceFollowed\":false,\"clientRetained\":null,"
                        + "\"reportedOn\":\"2027-01-10\"}")
                .put("/v1/decisions/" + ids.get(0) + "/outcome").then().statusCode(200);
        KafkaTopics.readUntil(EventsOn.OUTCOMES, PATIENCE, all -> all.stream()
                .anyMatch(read -> read.json().get("data").get("decisionId").asText().equals(ids.get(0))));
        JsonNode check = Poll.until(PATIENCE, "the outbox empty", EventsOutageTest::health,
                health -> health.get("data").get("backlog").asLong() == 0);
        assertEquals("UP", check.get("status").asText());
    }

    @Test
    @Order(4)
    void dealsReadWhileTheStoreIsDownAreDecidedOnceItIsBackNotSentToTheDeadLetterQueue() throws Exception {
        Map<String, String> good = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            String dealId = "PG-DOWN-" + UUID.randomUUID();
            good.put(dealId, DecisionEventsTest.deal(dealId, i % 2 == 0));
        }
        String unreadable = "PG-DOWN-BAD-" + UUID.randomUUID();
        PostgresServer.stopServer();
        try {
            KafkaTopics.send(EventsOn.DEALS, good);
            // sent after the good deals: on the DLQ, it is the mark that every deal before it has been handled
            KafkaTopics.send(EventsOn.DEALS, unreadable, "{\"id\": \"" + unreadable + "\"");
            Thread.sleep(OUTAGE.toMillis()); // several tries of the first deal fail meanwhile
        } finally {
            PostgresServer.startServer();
        }
        KafkaTopics.readUntil(EventsOn.DECISIONS, AFTER_RESTART, all -> all.stream().map(KafkaTopics.Read::key)
                .collect(Collectors.toSet()).containsAll(good.keySet()));
        List<String> dead = KafkaTopics.readUntil(EventsOn.DLQ, AFTER_RESTART, all -> all.stream()
                .anyMatch(read -> read.key().equals(unreadable))).stream().map(KafkaTopics.Read::key).toList();
        assertEquals(List.of(), dead.stream().filter(good::containsKey).toList(), "good deals sent to the DLQ");
        for (String dealId : good.keySet()) {
            assertEquals(1, Credentials.asDemo().queryParam("dealId", dealId).get("/v1/decisions").then()
                    .statusCode(200).extract().jsonPath().getList("decisions").size(), dealId + " recorded once");
        }
    }
}
