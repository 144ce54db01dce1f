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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.dealadvisor.events.DecisionEventsTest.PATIENCE;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The outbox on PostgreSQL, where the replicas share it: decisions and an outcome arrive, the outbox empties; an
 * erasure rewrites the events still waiting in it.
 */
@QuarkusTest
@TestProfile(PostgresEventsTest.OnPostgres.class)
@Tag("kafka")
@Tag("postgresql")
class PostgresEventsTest {

    public static class OnPostgres implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresServer.class), new TestResourceEntry(KafkaBroker.class));
        }
    }

    @Inject
    Outbox outbox;

    @Test
    void anErasureRewritesTheClientsEventsStillInTheOutbox() throws Exception {
        ErasedEventsTest.erasureReachesTheWaitingEvents(outbox);
    }

    @Test
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
}
