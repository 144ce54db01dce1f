package io.dealadvisor.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealadvisor.security.Credentials;
import io.dealadvisor.testing.KafkaBroker;
import io.dealadvisor.testing.Management;
import io.dealadvisor.testing.Poll;
import io.dealadvisor.testing.QualificationLoad;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.dealadvisor.events.DecisionEventsTest.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker is stopped for 10 s while clients keep qualifying: every qualification is answered, the events wait in
 * the outbox meanwhile, and once the broker is back every decision answered arrives as an event.
 */
@QuarkusTest
@TestProfile(EventsOn.class)
@Tag("kafka")
class EventsOutageTest {

    private static final QualificationLoad.Shape SHAPE = new QualificationLoad.Shape(2, 5, 10, 20_000,
            Duration.ofSeconds(60));
    private static final Duration OUTAGE = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URI base;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void everyAnswerIsAnEventOnceTheBrokerIsBack() throws Exception {
        QualificationLoad load = QualificationLoad.start(base, Credentials.CALLER_KEY, SHAPE, "ev-outage");
        long peakBacklog = 0;
        try {
            Poll.until(Duration.ofSeconds(30), "100 deals answered", () -> load.answered().size(), n -> n >= 100);
            KafkaBroker.stopBroker();
            long stoppedAt = System.nanoTime();
            while (System.nanoTime() - stoppedAt < OUTAGE.toNanos()) {
                peakBacklog = Math.max(peakBacklog, health().get("data").get("backlog").asLong());
                Thread.sleep(200);
            }
        } finally {
            KafkaBroker.startBroker();
        }
        Thread.sleep(1_000);
        load.stop();
        assertEquals(0, load.failureCount(), "qualifications that failed: " + load.someFailures());
        assertTrue(peakBacklog > 0, "the events waited in the outbox");
        List<String> ids = load.answered().stream().map(UUID::toString).toList();
        long back = System.nanoTime();
        DecisionEventsTest.byId(EventsOn.DECISIONS, ids);
        JsonNode settled = Poll.until(Duration.ofSeconds(60), "the outbox empty", EventsOutageTest::health,
                check -> check.get("data").get("backlog").asLong() == 0);
        assertEquals("UP", settled.get("status").asText());
        System.out.printf("[reliability] kafka-outage: broker away %d s; %d decisions answered, %d failed; peak"
                        + " outbox backlog %d; every event on the topic %.1f s after the broker was back%n",
                OUTAGE.toSeconds(), ids.size(), load.failureCount(), peakBacklog, (System.nanoTime() - back) / 1e9);
    }

    static JsonNode health() {
        try {
            JsonNode health = JSON.readTree(Management.given().get("/q/health/well").then().extract().asString());
            for (JsonNode check : health.get("checks")) {
                if (check.get("name").asText().equals("decision-events")) {
                    return check;
                }
            }
            throw new AssertionError("no decision-events check in " + health);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
