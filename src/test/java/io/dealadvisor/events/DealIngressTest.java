package io.dealadvisor.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dealadvisor.security.Credentials;
import io.dealadvisor.testing.BrokenRules;
import io.dealadvisor.testing.KafkaTopics;
import io.dealadvisor.testing.Poll;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.dealadvisor.events.DecisionEventsTest.JSON;
import static io.dealadvisor.events.DecisionEventsTest.PATIENCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deals sent to the deals topic are decided, recorded and answered as decision events; bad ones go to the DLQ. */
@QuarkusTest
@TestProfile(EventsOn.class)
@Tag("kafka")
class DealIngressTest {

    @Inject
    DealIngress ingress;

    @Test
    void dealsFromTheTopicAreDecidedRecordedAndAnsweredAsEvents() throws Exception {
        Map<String, RecordMetadata> sent = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            String dealId = "IN-" + UUID.randomUUID();
            sent.put(dealId, KafkaTopics.send(EventsOn.DEALS, dealId, DecisionEventsTest.deal(dealId, i % 2 == 0)));
        }
        Map<String, JsonNode> events = new LinkedHashMap<>();
        KafkaTopics.readUntil(EventsOn.DECISIONS, PATIENCE, all -> {
            all.forEach(each -> {
                if (sent.containsKey(each.key())) {
                    events.put(each.key(), each.json());
                }
            });
            return events.keySet().containsAll(sent.keySet());
        });
        for (Map.Entry<String, RecordMetadata> each : sent.entrySet()) {
            JsonNode data = events.get(each.getKey()).get("data");
            assertEquals("kafka", data.get("channel").asText());
            assertEquals(EventsOn.DEALS, data.get("caller").asText());
            assertEquals(JSON.readTree("{\"topic\":\"" + EventsOn.DEALS + "\",\"partition\":"
                    + each.getValue().partition() + ",\"offset\":" + each.getValue().offset() + "}"), data.get("input"));
            JsonNode recorded = JSON.readTree(Credentials.asDemo().get("/v1/decisions/" + data.get("decisionId")
                    .asText()).then().statusCode(200).extract().asString());
            assertEquals("kafka", recorded.get("channel").asText());
            assertEquals(each.getKey(), recorded.get("deal").get("id").asText());
        }
    }

    @Test
    void aDealThatCannotBeReadGoesToTheDeadLetterQueueWithItsProblem() throws Exception {
        String notJson = "BAD-" + UUID.randomUUID();
        String invalid = "INVALID-" + UUID.randomUUID();
        KafkaTopics.send(EventsOn.DEALS, notJson, "{\"id\": \"" + notJson + "\", ");
        KafkaTopics.send(EventsOn.DEALS, invalid, "{\"id\": \"" + invalid + "\"}");
        String good = "AFTER-" + UUID.randomUUID();
        KafkaTopics.send(EventsOn.DEALS, good, DecisionEventsTest.deal(good, false));

        List<KafkaTopics.Read> dead = KafkaTopics.readUntil(EventsOn.DLQ, PATIENCE, all -> all.stream()
                .map(KafkaTopics.Read::key).toList().containsAll(List.of(notJson, invalid)));
        for (KafkaTopics.Read each : dead.stream().filter(read -> read.key().equals(notJson)
                || read.key().equals(invalid)).toList()) {
            JsonNode problem = JSON.readTree(each.headers().get("dead-letter-reason"));
            assertEquals("urn:deal-advisor:problem:invalid-deal", problem.get("type").asText(), problem.toString());
            assertEquals(400, problem.get("status").asInt());
            assertEquals(EventsOn.DEALS, each.headers().get("dead-letter-topic"));
        }
        // the consumer went on: the deal after them is decided
        KafkaTopics.readUntil(EventsOn.DECISIONS, PATIENCE, all -> all.stream().anyMatch(read -> read.key()
                .equals(good)));
    }

    /** A deal a rule fails on: the DLQ's reason is the problem the API answers for it, and the consumer goes on. */
    @Test
    void aDealARuleFailsOnGoesToTheDeadLetterQueueWithTheApisProblem() throws Exception {
        String failing = "FAILS-" + UUID.randomUUID();
        ObjectNode deal = (ObjectNode) JSON.readTree(DecisionEventsTest.deal(failing, false));
        ((ObjectNode) deal.get("client")).put("name", EventsOn.FAILING_CLIENT);
        KafkaTopics.send(EventsOn.DEALS, failing, deal.toString());
        String good = "AFTER-FAILS-" + UUID.randomUUID();
        KafkaTopics.send(EventsOn.DEALS, good, DecisionEventsTest.deal(good, false));

        KafkaTopics.Read dead = KafkaTopics.readUntil(EventsOn.DLQ, PATIENCE, all -> all.stream()
                .anyMatch(read -> read.key().equals(failing))).stream()
                .filter(read -> read.key().equals(failing)).findFirst().orElseThrow();
        JsonNode problem = JSON.readTree(dead.headers().get("dead-letter-reason"));
        assertEquals("urn:deal-advisor:problem:rule-failed", problem.get("type").asText(), problem.toString());
        assertEquals(500, problem.get("status").asInt());
        assertTrue(problem.get("detail").asText().contains(BrokenRules.CONDITION_THROWS_RULE), problem.toString());
        KafkaTopics.readUntil(EventsOn.DECISIONS, PATIENCE, all -> all.stream().anyMatch(read -> read.key()
                .equals(good)));
    }

    /**
     * A deal the DLQ cannot take either (just under the broker's 1 MB, it is over it with the DLQ's headers): the
     * consumer skips it, logged with where it is, and goes on; it used to end the channel for good, restarts too.
     */
    @Test
    void aDealTheDeadLetterQueueCannotTakeIsSkippedAndTheConsumerGoesOn() throws Exception {
        String huge = "HUGE-" + UUID.randomUUID();
        KafkaTopics.send(EventsOn.DEALS, huge, "x".repeat(1_048_000));
        String good = "AFTER-HUGE-" + UUID.randomUUID();
        KafkaTopics.send(EventsOn.DEALS, good, DecisionEventsTest.deal(good, false));

        KafkaTopics.readUntil(EventsOn.DECISIONS, PATIENCE, all -> all.stream().anyMatch(read -> read.key()
                .equals(good)));
    }

    /**
     * A deal sent before an erasure of its deal id but decided well after it (it waited in the topic): its request
     * arrived before the erasure, so its record is stored erased.
     */
    @Test
    void aDealSentBeforeAnErasureAndDecidedAfterItIsStoredErased() throws Exception {
        String dealId = "SENT-BEFORE-" + UUID.randomUUID();
        Instant sent = Instant.now();
        Credentials.asDemo().contentType("application/json").body("{\"dealId\":\"" + dealId + "\"}")
                .post("/v1/erasures").then().statusCode(201);
        Thread.sleep(6_000); // more than the 5 s allowed for clocks: read now, it would count as a new request
        KafkaTopics.send(EventsOn.DEALS, dealId, DecisionEventsTest.deal(dealId, false), sent);

        Poll.until(PATIENCE, "the deal decided and recorded", () -> decisionsOf(dealId), count -> count == 1);
        String decisionId = Credentials.asDemo().queryParam("dealId", dealId).get("/v1/decisions").then()
                .statusCode(200).extract().jsonPath().getString("decisions[0].decisionId");
        assertEquals("erased", Credentials.asDemo().get("/v1/decisions/" + decisionId).then().statusCode(200)
                .extract().jsonPath().getString("detail"));
    }

    @Test
    void anOffsetReadAgainIsDecidedOnce() throws Exception {
        String dealId = "AGAIN-" + UUID.randomUUID();
        String deal = DecisionEventsTest.deal(dealId, false);
        RecordMetadata where = KafkaTopics.send(EventsOn.DEALS, dealId, deal);
        Poll.until(PATIENCE, "the deal decided and recorded", () -> decisionsOf(dealId), count -> count == 1);
        // what a consumer does after a rebalance or a restart before its commit: the same record once more
        ingress.decide(new ConsumerRecord<>(where.topic(), where.partition(), where.offset(), dealId,
                deal.getBytes(StandardCharsets.UTF_8)));
        Thread.sleep(Duration.ofSeconds(2).toMillis());
        assertEquals(1, decisionsOf(dealId), "decided once");
    }

    private static int decisionsOf(String dealId) {
        return Credentials.asDemo().queryParam("dealId", dealId).get("/v1/decisions").then().statusCode(200)
                .extract().jsonPath().getList("decisions").size();
    }
}
