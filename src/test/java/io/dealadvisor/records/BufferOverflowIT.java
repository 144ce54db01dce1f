package io.dealadvisor.records;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealadvisor.testing.PackagedService;
import io.dealadvisor.testing.Poll;
import io.dealadvisor.testing.PostgresServer;
import io.dealadvisor.testing.QualificationLoad;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 *
 * <p>The packaged service, by Failsafe after {@code package}: a buffer of its own, which no {@code @QuarkusTest} start
 * on PostgreSQL could share with the tests that fill a buffer far larger.
 */
@Tag(SigtermIT.PACKAGED)
@Tag("postgresql")
class BufferOverflowIT {

    private static final int BUFFER = 50;
    private static final int DEALS = 1_000;
    /** Every 4th request a batch of 10 deals. */
    private static final QualificationLoad.Shape SHAPE =
            new QualificationLoad.Shape(4, 4, 10, DEALS, Duration.ofSeconds(40));
    private static final Path FOLDER = Path.of("target/buffer-overflow-it");
    private static final Path LOG = FOLDER.resolve("service.log");
    private static final Duration STARTUP = Duration.ofSeconds(120);

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void theOverflowIsDroppedAndCountedExactlyAndNoAnswerFails() throws Exception {
        PackagedService.assertBuilt();
        Records.delete(FOLDER);
        Files.createDirectories(FOLDER);
        List<String> properties = new ArrayList<>(List.of("-Ddeal-advisor.decisions.buffer=" + BUFFER));
        new PostgresServer().start().forEach((key, value) -> properties.add("-D" + key + "=" + value));
        PackagedService.Running running = PackagedService.startForLoad(FOLDER.resolve("decisions").toAbsolutePath(),
                LOG, properties.toArray(String[]::new));
        URI management = running.management();
        try {
            PackagedService.awaitReady(running.process(), management, LOG, STARTUP);
            String deals = Records.dealId("overflow");
            QualificationLoad load;
            JsonNode full;
            PostgresServer.stopServer();
            try {
                load = QualificationLoad.start(running.base(), running.key(), SHAPE, deals);
                Poll.until(SHAPE.maxTime().plusSeconds(5), "the clients done", load::finished, done -> done);
                full = Records.health(management);
            } finally {
                PostgresServer.startServer();
            }

            List<UUID> answered = load.answered();
            assertEquals(0, load.failureCount(), "qualifications that failed: " + load.someFailures());
            assertEquals(DEALS, answered.size(), "deals answered 200");
            assertEquals("DOWN", full.get("status").asText(), full.toString());
            assertEquals(BUFFER, full.get("data").get("backlog").asInt(), full.toString());

            Poll.until(PATIENCE, "the store back and the buffer written", () -> Records.health(management),
                    check -> check.get("status").asText().equals("UP")
                            && check.get("data").get("backlog").asInt() == 0);
            Set<UUID> stored = Records.storedIds(PostgresServer.jdbcUrl(), PostgresServer.username(),
                    PostgresServer.password(), deals);
            long recorded = answered.stream().filter(stored::contains).count();
            long missing = DEALS - recorded;
            double dropped = Records.metric(management, "deal_advisor_decision_records_dropped_total");
            assertEquals(BUFFER, recorded, "the records the buffer held are written");
            assertEquals(missing, (long) dropped, "dropped counter against the answered decisions missing");
            assertEquals(DEALS - BUFFER, missing);

            System.out.printf("[reliability] buffer-overflow: buffer %d, PostgreSQL down; %d deals answered 200 of %d"
                            + " sent (%d requests, %d failed); after recovery %d recorded, %d missing, dropped counter"
                            + " %.0f%n", BUFFER, answered.size(), DEALS, load.requests().size(), load.failureCount(),
                    recorded, missing, dropped);
        } finally {
            PackagedService.stop(running.process());
        }
    }
}
