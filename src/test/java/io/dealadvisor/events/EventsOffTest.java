package io.dealadvisor.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealadvisor.records.Outbox;
import io.dealadvisor.records.Records;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Without deal-advisor.events.kafka.bootstrap-servers: no Kafka client, nothing in the outbox, the check UP. */
@QuarkusTest
class EventsOffTest {

    @Inject
    Outbox outbox;

    @Test
    void nothingKafkaRunsAndNothingWaits() throws Exception {
        DecisionEventsTest.qualify(DecisionEventsTest.deal("OFF-" + UUID.randomUUID(), false));
        Records.awaitWritten();
        assertFalse(outbox.enabled());
        assertEquals(0, outbox.backlog(), "no event is written while events are off");
        assertEquals(List.of(), Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).filter(name -> name.contains("kafka") || name.contains("decision-events"))
                .toList(), "a Kafka client or the publisher runs");
        JsonNode check = EventsOutageTest.health();
        assertEquals("UP", check.get("status").asText());
        assertFalse(check.get("data").get("enabled").asBoolean());
    }
}
