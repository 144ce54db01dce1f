package io.dealadvisor.records;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import io.dealadvisor.security.Credentials;
import io.dealadvisor.testing.Poll;
import io.dealadvisor.testing.PostgresServer;
import io.dealadvisor.testing.QualificationLoad;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.dealadvisor.records.Records.PATIENCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL is stopped for more than 10 s while clients keep qualifying: every qualification is answered 200,
 * the health check says the store is down meanwhile, and once PostgreSQL is back every decision answered is in
 * it, none dropped. The figures it prints are the ones docs/operations.md reports.
 *
 * <p>It shares the start of the PostgreSQL contracts and runs last of them (test classes of one profile run in name
 * order): nothing else writes while PostgreSQL is away, and no test comes after it to meet the connections the
 * restart closed.
 */
@QuarkusTest
@TestProfile(PostgresDecisionRecordsTest.OnPostgres.class)
@Tag("postgresql")
class PostgresUnreachableUnderLoadTest {

    private static final QualificationLoad.Shape SHAPE =
            // Every 5th request a batch of 10 deals; far fewer deals than the default buffer of 100,000 holds.
            new QualificationLoad.Shape(4, 5, 10, 60_000, Duration.ofSeconds(90));
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    /** Answers timed with the store up, to compare with those during the outage. */
    private static final Duration BASELINE = Duration.ofSeconds(3);
    private static final int WARM_UP_DEALS = 300;
    /**
     * The buffer written within this once PostgreSQL is back: 3 to 10 s measured, mostly writing the backlog. When the writer handed connections
     * that no longer answered back to the pool as they were, the pool lent them out again, one a retry, and the
     * buffer was not written a minute after the restart.
     */
    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URI base;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void everyQualificationIsAnsweredAndRecordedAcrossAnOutage() throws Exception {
        // The tests before this one dropped records of their own on purpose.
        long droppedBefore = Records.health().get("data").get("dropped").asLong();
        double droppedCountedBefore = Records.metric("deal_advisor_decision_records_dropped_total");
        String deals = Records.dealId("pg-outage");
        QualificationLoad load = QualificationLoad.start(base, Credentials.CALLER_KEY, SHAPE, deals);
        long warmAt;
        long stoppedAt;
        long startCalledAt;
        long restartedAt;
        boolean seenDown = false;
        int peakBacklog = 0;
        try {
            Poll.until(Duration.ofSeconds(30), WARM_UP_DEALS + " deals answered", () -> load.answered().size(),
                    answered -> answered >= WARM_UP_DEALS);
            warmAt = System.nanoTime();
            Thread.sleep(BASELINE.toMillis());
            PostgresServer.stopServer();
            stoppedAt = System.nanoTime();
            while (System.nanoTime() - stoppedAt < OUTAGE.toNanos()) {
                JsonNode check = Records.health();
                // DOWN and "unreachable", never the driver's "Connection to ... refused"
                seenDown |= check.get("status").asText().equals("DOWN")
                        && check.get("data").path("error").asText().equals("unreachable");
                peakBacklog = Math.max(peakBacklog, check.get("data").get("backlog").asInt());
                Thread.sleep(200);
            }
        } finally {
            startCalledAt = System.nanoTime();
            PostgresServer.startServer();
        }
        restartedAt = System.nanoTime();
        Thread.sleep(2_000);
        load.stop();
        long stoppedLoad = System.nanoTime();

        assertEquals(0, load.failureCount(), "qualifications that failed: " + load.someFailures());
        assertTrue(seenDown, "the health check never said the store was down");
        // The clients were busy through the whole outage, its last second included, and after it.
        int duringOutage = load.dealsAnswered(stoppedAt, startCalledAt);
        long lastSecond = startCalledAt - Duration.ofSeconds(1).toNanos();
        assertTrue(load.dealsAnswered(lastSecond, startCalledAt) > 0,
                "no deal was answered in the outage's last second");
        assertTrue(load.dealsAnswered(restartedAt, stoppedLoad) > 0, "the clients stopped before PostgreSQL was back");

        JsonNode up = Poll.until(PATIENCE, "the store back and the buffer written", Records::health,
                check -> check.get("status").asText().equals("UP") && check.get("data").get("backlog").asInt() == 0);
        double catchUpSeconds = (System.nanoTime() - restartedAt) / 1e9;
        assertTrue(catchUpSeconds < CATCH_UP.toSeconds(), "the buffer was written " + catchUpSeconds
                + " s after PostgreSQL was back: the writer took the connections the restart closed");
        List<UUID> answered = load.answered();
        Set<UUID> stored = Records.storedIds(PostgresServer.jdbcUrl(), PostgresServer.username(),
                PostgresServer.password(), deals);
        List<UUID> missing = answered.stream().filter(id -> !stored.contains(id)).toList();
        assertEquals(List.of(), missing.stream().limit(10).toList(),
                missing.size() + " answered decision(s) not recorded");
        assertEquals(answered.size(), stored.size(), "the database holds exactly the decisions answered for its deals");
        long dropped = up.get("data").get("dropped").asLong() - droppedBefore;
        assertEquals(0, dropped, up.toString());
        assertEquals(droppedCountedBefore, Records.metric("deal_advisor_decision_records_dropped_total"));

        System.out.printf("[reliability] postgres-outage: %d clients; PostgreSQL refused connections for %.1f s (plus"
                        + " %.1f s to restart); %d deals answered (%d requests), %d of them while PostgreSQL was down,"
                        + " %d failed; peak backlog %d; buffer written %.1f s after PostgreSQL was back; %d of %d"
                        + " decision ids found in PostgreSQL, %d dropped; request p50/p99/max before the outage"
                        + " %.0f/%.0f/%.0f ms, during it %.0f/%.0f/%.0f ms%n",
                SHAPE.clients(), (startCalledAt - stoppedAt) / 1e9, (restartedAt - startCalledAt) / 1e9,
                answered.size(), load.requests().size(), duringOutage, load.failureCount(), peakBacklog,
                catchUpSeconds, answered.size() - missing.size(), answered.size(), dropped,
                load.latencyMillis(50, warmAt, stoppedAt), load.latencyMillis(99, warmAt, stoppedAt),
                load.latencyMillis(100, warmAt, stoppedAt), load.latencyMillis(50, stoppedAt, startCalledAt),
                load.latencyMillis(99, stoppedAt, startCalledAt), load.latencyMillis(100, stoppedAt, startCalledAt));
    }
}
