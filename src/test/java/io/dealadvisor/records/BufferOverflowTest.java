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

/**
 * A buffer of 50 records and PostgreSQL stopped while clients send 1,000 deals: every deal is answered 200, the
 * buffer holds 50 records, and the records that found it full are dropped and counted: once PostgreSQL is back,
 * the dropped counter equals exactly the answered decisions missing from the database.
 */
@QuarkusTest
@TestProfile(PostgresPartitionsTest.OnPostgresByHand.class)
@Tag("postgresql")
class BufferOverflowTest {

    private static final int BUFFER = PostgresPartitionsTest.OnPostgresByHand.BUFFER;
    private static final int DEALS = 1_000;
    /** Every 4th request a batch of 10 deals. */
    private static final QualificationLoad.Shape SHAPE =
            new QualificationLoad.Shape(4, 4, 10, DEALS, Duration.ofSeconds(40));

    @TestHTTPResource("/")
    URI base;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void theOverflowIsDroppedAndCountedExactlyAndNoAnswerFails() throws Exception {
        double droppedBefore = Records.metric("deal_advisor_decision_records_dropped_total");
        QualificationLoad load;
        JsonNode full;
        PostgresServer.stopServer();
        try {
            load = QualificationLoad.start(base, Credentials.CALLER_KEY, SHAPE, Records.dealId("overflow"));
            Poll.until(SHAPE.maxTime().plusSeconds(5), "the clients done", load::finished, done -> done);
            full = Records.health();
        } finally {
            PostgresServer.startServer();
        }

        List<UUID> answered = load.answered();
        assertEquals(0, load.failureCount(), "qualifications that failed: " + load.someFailures());
        assertEquals(DEALS, answered.size(), "deals answered 200");
        assertEquals("DOWN", full.get("status").asText(), full.toString());
        assertEquals(BUFFER, full.get("data").get("backlog").asInt(), full.toString());

        Poll.until(PATIENCE, "the store back and the buffer written", Records::health,
                check -> check.get("status").asText().equals("UP") && check.get("data").get("backlog").asInt() == 0);
        Set<UUID> stored = Records.storedIds(PostgresServer.jdbcUrl(), PostgresServer.username(),
                PostgresServer.password());
        long recorded = answered.stream().filter(stored::contains).count();
        long missing = DEALS - recorded;
        double dropped = Records.metric("deal_advisor_decision_records_dropped_total") - droppedBefore;
        assertEquals(BUFFER, recorded, "the records the buffer held are written");
        assertEquals(missing, (long) dropped, "dropped counter against the answered decisions missing");
        assertEquals(DEALS - BUFFER, missing);

        System.out.printf("[reliability] buffer-overflow: buffer %d, PostgreSQL down; %d deals answered 200 of %d sent"
                        + " (%d requests, %d failed); after recovery %d recorded, %d missing, dropped counter %.0f%n",
                BUFFER, answered.size(), DEALS, load.requests().size(), load.failureCount(), recorded, missing, dropped);
    }
}
