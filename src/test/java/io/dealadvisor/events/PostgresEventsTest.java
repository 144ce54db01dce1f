package io.dealadvisor.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.dealadvisor.records.DueRevisits;
import io.dealadvisor.records.Outbox;
import io.quarkus.agroal.DataSource;
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

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.dealadvisor.events.DecisionEventsTest.PATIENCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;



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

    /** Longer than the 60 s after which the Kafka connector would, by default, give up a deal left unacknowledged. */
    private static final Duration OUTAGE = Duration.ofSeconds(70);
    /** deal-advisor.decisions.sync-timeout as shipped: how long a deal from Kafka waits for its record's commit. */
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(5);
    /** The pool may hand out connections closed by the restart until it validates them again. */
    private static final Duration AFTER_RESTART = Duration.ofMinutes(3);

    @Inject
    Outbox outbox;

    @Inject
    RevisitEvents revisits;

    @Inject
    DueRevisits dueRevisits;

    @Inject
    @DataSource("postgresql")
    AgroalDataSource dataSource;

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

    /**
     * A record of a decision to wait is not committed while a day's run holds the revisit lock (here a connection of
     * the test, as if the run were reading), and is once it ends: the run has seen it, or it sees the run's day.
     */
    @Test
    @Order(3)
    void aDecisionToWaitIsWrittenAfterTheDaysRunThatIsReading() throws Exception {
        String decisionId;
        try (Connection run = dataSource.getConnection()) {
            run.setAutoCommit(false);
            lock(run, "pg_advisory_xact_lock");
            decisionId = DecisionEventsTest.qualify(DecisionEventsTest.deal("PG-HELD-" + UUID.randomUUID(), false))
                    .header("Decision-Id");
            Thread.sleep(2_000);
            assertEquals(404, record(decisionId), "held by the run");
            run.commit();
        }
        Poll.until(PATIENCE, "the record written", () -> record(decisionId), status -> status == 200);
    }

    /** A day's run waits for the records of decisions to wait that are being written (here the test's connection). */
    @Test
    @Order(4)
    void aDaysRunWaitsForTheRecordsBeingWritten() throws Exception {
        LocalDate day = DecisionEventsTest.farDay(2085);
        CompletableFuture<Integer> due;
        try (Connection writer = dataSource.getConnection()) {
            writer.setAutoCommit(false);
            lock(writer, "pg_advisory_xact_lock_shared");
            due = CompletableFuture.supplyAsync(() -> revisits.upTo(day));
            Thread.sleep(2_000);
            assertFalse(due.isDone(), "the run waits");
            writer.commit();
        }
        assertEquals(0, due.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        assertEquals(day, dueRevisits.lastDayDone(), "then done");
    }

    private static void lock(Connection connection, String function) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT " + function + "(?)")) {
            lock.setLong(1, DueRevisits.LOCK);
            lock.execute();
        }
    }

    private static int record(String decisionId) {
        return Credentials.asDemo().get("/v1/decisions/" + decisionId).statusCode();
    }

    @Test
    @Order(5)
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
    @Order(6)
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

    /**
     * A deal whose record waits in the writer's transaction past the wait for its commit (5 s; here behind a lock
     * the test holds on {@code decision}, as a partition's move would hold one) is decided once: the claim on its
     * offset is kept, so the retry finds it answered once the record commits, rather than deciding it again.
     */
    @Test
    @Order(7)
    void aDealWhoseRecordCommitsAfterItsWaitEndedIsDecidedOnce() throws Exception {
        String dealId = "PG-LATE-" + UUID.randomUUID();
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("LOCK TABLE decision IN SHARE ROW EXCLUSIVE MODE");
            }
            KafkaTopics.send(EventsOn.DEALS, dealId, DecisionEventsTest.deal(dealId, false));
            Thread.sleep(SYNC_TIMEOUT.plusSeconds(3).toMillis());
            holder.commit();
        }
        KafkaTopics.readUntil(EventsOn.DECISIONS, AFTER_RESTART, all -> all.stream()
                .anyMatch(read -> read.key().equals(dealId)));
        Thread.sleep(3_000); // a second decision of the deal would be recorded by now
        assertEquals(1, Credentials.asDemo().queryParam("dealId", dealId).get("/v1/decisions").then()
                .statusCode(200).extract().jsonPath().getList("decisions").size(), "decided once");
    }
}
