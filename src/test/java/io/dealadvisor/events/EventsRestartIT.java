package io.dealadvisor.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealadvisor.testing.KafkaBroker;
import io.dealadvisor.testing.KafkaTopics;
import io.dealadvisor.testing.PackagedService;
import io.dealadvisor.testing.Poll;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A consumer restart neither decides an offset twice nor loses one. Deals wait on the deals topic; the packaged
 * service (embedded store) reads them and is killed with SIGKILL part-way, before it has committed any offset (its
 * commit interval is an hour), so every offset it had read is delivered again to the service started anew on the
 * same store, with whatever it had decided, recorded or still held in its buffer at the kill. That one is stopped
 * with SIGTERM part-way, while it reads deals, and a third run reads the rest. Afterwards each deal (one an offset)
 * has exactly one record in the database file, each offset one decision id among the decision events that name it
 * as their input, and the dead-letter queue holds only the one deal that cannot be read, sent after the others: a
 * deal whose record a stop could no longer write is left for the next run, not parked as if it were bad.
 *
 * <p>Runs against {@code target/quarkus-app/quarkus-run.jar}: after {@code package}, by Failsafe.
 */
@Tag("packaged")
@Tag("kafka")
class EventsRestartIT {

    private static final int DEALS = 300;
    private static final String GROUP = "deal-advisor";
    private static final Duration STARTUP = Duration.ofSeconds(120);
    /** The second run waits out the claim of the offset the kill cut (a minute) before it decides that one again. */
    private static final Duration PATIENCE = Duration.ofMinutes(4);

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void aConsumerRestartedBeforeItsCommitDecidesAndRecordsEachOffsetOnce() throws Exception {
        PackagedService.assertBuilt();
        String prefix = "restart-" + UUID.randomUUID();
        String topic = prefix + ".deals";
        Path folder = Files.createDirectories(Path.of("target/events-restart-it", prefix));
        Path database = folder.resolve("decisions").toAbsolutePath();
        Map<String, String> deals = new LinkedHashMap<>();
        for (int i = 0; i < DEALS; i++) {
            String dealId = "RESTART-" + i + "-" + UUID.randomUUID();
            deals.put(dealId, DecisionEventsTest.deal(dealId, i % 2 == 0));
        }
        Map<String, RecordMetadata> sent = KafkaTopics.send(topic, deals);
        String unreadable = "RESTART-UNREADABLE-" + UUID.randomUUID();
        KafkaTopics.send(topic, unreadable, "{\"id\": \"" + unreadable + "\"");

        PackagedService.Running first = start(database, folder.resolve("first.log"), prefix,
                "-Dmp.messaging.incoming.deals.auto.commit.interval.ms=3600000");
        try {
            PackagedService.awaitReady(first.process(), first.management(), folder.resolve("first.log"), STARTUP);
            Poll.until(PATIENCE, "a third of the deals recorded", () -> recorded(database).size(),
                    count -> count >= DEALS / 3);
        } finally {
            first.process().destroyForcibly(); // SIGKILL: no commit of offsets, no flush of the buffer
            assertTrue(first.process().waitFor(30, TimeUnit.SECONDS), "the service outlived SIGKILL");
        }
        int recordedAtKill = recorded(database).size();
        long committedAtKill = KafkaTopics.committed(GROUP, topic);
        assertTrue(committedAtKill < recordedAtKill, "offsets recorded but not committed are read again: "
                + recordedAtKill + " recorded, " + committedAtKill + " committed at the kill");

        PackagedService.Running second = start(database, folder.resolve("second.log"), prefix);
        try {
            PackagedService.awaitReady(second.process(), second.management(), folder.resolve("second.log"),
                    STARTUP);
            Poll.until(PATIENCE, "more deals recorded", () -> recorded(database).size(),
                    count -> count >= Math.min(recordedAtKill + DEALS / 6, DEALS - DEALS / 6));
        } finally {
            PackagedService.stop(second.process()); // SIGTERM while deals are read: the buffer is written first
        }

        PackagedService.Running third = start(database, folder.resolve("third.log"), prefix);
        try {
            PackagedService.awaitReady(third.process(), third.management(), folder.resolve("third.log"), STARTUP);
            Poll.until(PATIENCE, "every offset consumed and committed", () -> KafkaTopics.committed(GROUP, topic),
                    committed -> committed == DEALS + 1);
        } finally {
            PackagedService.stop(third.process());
        }
        List<String> dead = KafkaTopics.readUntil(prefix + ".deals.dlq", PATIENCE, all -> all.stream()
                .anyMatch(read -> read.key().equals(unreadable))).stream().map(KafkaTopics.Read::key).distinct()
                .toList(); // the unreadable deal may be there twice: parked, then read again after the SIGKILL
        assertEquals(List.of(unreadable), dead, "the dead-letter queue holds good deals");

        Map<String, Integer> records = recorded(database);
        List<String> notOnce = new ArrayList<>();
        sent.forEach((dealId, where) -> {
            int count = records.getOrDefault(dealId, 0);
            if (count != 1) {
                notOnce.add(where.partition() + "@" + where.offset() + ": " + count + " record(s)");
            }
        });
        assertEquals(List.of(), notOnce, "offsets not recorded exactly once (" + recordedAtKill
                + " recorded before the kill)");

        Map<String, Set<String>> decisionIds = new HashMap<>(); // by the input's partition@offset
        KafkaTopics.readUntil(prefix + ".decisions", PATIENCE, all -> {
            decisionIds.clear();
            for (KafkaTopics.Read read : all) {
                JsonNode data = read.json().get("data");
                decisionIds.computeIfAbsent(data.get("input").get("partition").asInt() + "@"
                        + data.get("input").get("offset").asLong(), where -> new HashSet<>())
                        .add(data.get("decisionId").asText());
            }
            return decisionIds.size() >= DEALS;
        });
        sent.values().forEach(where -> assertEquals(1, decisionIds.get(where.partition() + "@" + where.offset())
                .size(), "decision ids of offset " + where.partition() + "@" + where.offset()));
    }

    private static PackagedService.Running start(Path database, Path log, String prefix, String... more)
            throws Exception {
        List<String> properties = new ArrayList<>(List.of(
                "-Ddeal-advisor.events.kafka.bootstrap-servers=" + KafkaBroker.bootstrapServers(),
                "-Ddeal-advisor.events.topic-prefix=" + prefix));
        properties.addAll(List.of(more));
        return PackagedService.startForLoad(database, log, properties.toArray(String[]::new));
    }

    /** The records in the database file, counted by deal id. */
    private static Map<String, Integer> recorded(Path database) {
        Map<String, Integer> counts = new HashMap<>();
        if (!Files.exists(Path.of(database + ".db"))) {
            return counts;
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database + ".db");
             PreparedStatement select = connection.prepareStatement(
                     "SELECT deal_id, COUNT(*) FROM decision WHERE deal_id LIKE 'RESTART-%' GROUP BY deal_id");
             ResultSet result = select.executeQuery()) {
            while (result.next()) {
                counts.put(result.getString(1), result.getInt(2));
            }
        } catch (SQLException e) {
            // the schema not made yet: nothing recorded
        }
        return counts;
    }
}
