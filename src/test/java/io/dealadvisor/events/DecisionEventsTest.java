package io.dealadvisor.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dealadvisor.security.Credentials;
import io.dealadvisor.testing.DealSchema;
import io.dealadvisor.testing.KafkaTopics;
import io.dealadvisor.testing.Poll;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decisions, outcomes and due revisits of the running service as CloudEvents on a real broker. */
@QuarkusTest
@TestProfile(EventsOn.class)
@Tag("kafka")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the revisit tests in the order of their days, as runs go
class DecisionEventsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    RevisitEvents revisits;

    @Test
    void everyDecisionAnsweredBecomesOneEventWithItsIdAndAdvice() throws Exception {
        Map<String, JsonNode> answered = new LinkedHashMap<>();
        Map<String, String> deals = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            String dealId = "EV-" + UUID.randomUUID();
            Response response = qualify(deal(dealId, i % 2 == 0));
            answered.put(response.header("Decision-Id"), JSON.readTree(response.asString()));
            deals.put(response.header("Decision-Id"), dealId);
        }
        Map<String, KafkaTopics.Read> events = byId(EventsOn.DECISIONS, answered.keySet().stream().toList());
        for (Map.Entry<String, JsonNode> each : answered.entrySet()) {
            KafkaTopics.Read read = events.get(each.getKey());
            JsonNode event = read.json();
            assertEquals(deals.get(each.getKey()), read.key(), "keyed by deal id");
            assertEquals("application/cloudevents+json; charset=UTF-8", read.headers().get("content-type"));
            assertEquals("1.0", event.get("specversion").asText());
            assertEquals("io.dealadvisor.decision.recorded.v1", event.get("type").asText());
            assertEquals("/deal-advisor/decisions", event.get("source").asText());
            assertEquals(deals.get(each.getKey()), event.get("subject").asText());
            assertEquals("application/json", event.get("datacontenttype").asText());
            JsonNode data = event.get("data");
            assertEquals(each.getValue(), data.get("advice"), "the advice document as answered");
            assertEquals(event.get("time").asText(), data.get("decidedAt").asText());
            assertEquals("single", data.get("channel").asText());
            assertEquals("demo", data.get("caller").asText());
            assertFalse(data.has("deal"), "the record without its deal: " + data);
        }
    }

    @Test
    void anOutcomeReportedBecomesAnEvent() throws Exception {
        String dealId = "EV-OUT-" + UUID.randomUUID();
        String decisionId = qualify(deal(dealId, false)).header("Decision-Id");
        Credentials.asDemo().contentType(ContentType.JSON)
                .body("{\"result\":\"BOUGHT_FROM_US\",\"adviceFollowed\":true,\"clientRetained\":true,"
                        + "\"reportedOn\":\"2027-01-10\"}")
                .put("/v1/decisions/" + decisionId + "/outcome").then().statusCode(200);
        KafkaTopics.Read read = KafkaTopics.readUntil(EventsOn.OUTCOMES, PATIENCE,
                all -> all.stream().anyMatch(each -> each.key().equals(dealId))).stream()
                .filter(each -> each.key().equals(dealId)).findFirst().orElseThrow();
        JsonNode event = read.json();
        assertEquals("io.dealadvisor.outcome.reported.v1", event.get("type").asText());
        assertEquals(dealId, event.get("subject").asText());
        assertEquals(decisionId, event.get("data").get("decisionId").asText());
        assertEquals(JSON.readTree("{\"result\":\"BOUGHT_FROM_US\",\"adviceFollowed\":true,\"clientRetained\":true,"
                + "\"reportedOn\":\"2027-01-10\",\"reportedBy\":\"demo\"}"), event.get("data").get("outcome"));
    }

    @Test
    @Order(1)
    void theRevisitsThatFallDueBecomeEventsOnceADay() throws Exception {
        // a far day (so that the service's own runs have not done it), before the other revisit tests' days
        LocalDate revisitOn = farDay(2060);
        String dealId = "EV-WAIT-" + UUID.randomUUID();
        Response response = decidedToWait(dealId, revisitOn);
        JsonNode advice = JSON.readTree(response.asString());
        String decisionId = response.header("Decision-Id");
        assertTrue(revisits.upTo(revisitOn) >= 1);
        assertEquals(0, revisits.upTo(revisitOn), "a day's revisits go out once");
        List<KafkaTopics.Read> events = revisitEventsOf(dealId);
        assertEquals(1, events.size(), "once");
        JsonNode event = events.get(0).json();
        assertEquals("io.dealadvisor.revisit.due.v1", event.get("type").asText());
        assertEquals(decisionId, event.get("data").get("decisionId").asText());
        assertEquals(revisitOn.toString(), event.get("data").get("revisitOn").asText());
        assertEquals(advice.get("headline").asText(), event.get("data").get("headline").asText());
    }

    @Test
    @Order(3)
    void daysMissedWhileTheServiceWasStoppedAreCaughtUp() throws Exception {
        // a day far ahead of any other test's, so that it is the last one done
        LocalDate revisitOn = farDay(2090);
        String dealId = "EV-MISSED-" + UUID.randomUUID();
        String decisionId = decidedToWait(dealId, revisitOn).header("Decision-Id");
        revisits.upTo(revisitOn.minusDays(3)); // the last day done before the service stopped

        // started again two days after the revisit fell due: the three days missed, and today, are done
        assertTrue(revisits.upTo(revisitOn.plusDays(2)) >= 1);
        assertEquals(0, revisits.upTo(revisitOn.plusDays(2)), "each day's revisits go out once");
        KafkaTopics.Read read = KafkaTopics.readUntil(EventsOn.REVISITS, PATIENCE,
                all -> all.stream().anyMatch(each -> each.key().equals(dealId))).stream()
                .filter(each -> each.key().equals(dealId)).findFirst().orElseThrow();
        assertEquals(decisionId, read.json().get("data").get("decisionId").asText());
        assertEquals(revisitOn.toString(), read.json().get("data").get("revisitOn").asText());
    }

    /**
     * A decision to wait until a day whose revisits went out already (a far day, done first) is due at once: its
     * revisit event goes out with the record, once; no later run goes back to that day.
     */
    @Test
    @Order(2)
    void aDecisionToWaitUntilADayAlreadyDoneIsDueAtOnce() throws Exception {
        decidedAfterItsDayIsDueAtOnce(revisits);
    }

    /** Its day is before {@link #daysMissedWhileTheServiceWasStoppedAreCaughtUp}'s, which runs after it. */
    static void decidedAfterItsDayIsDueAtOnce(RevisitEvents revisits) throws Exception {
        LocalDate revisitOn = farDay(2070);
        revisits.upTo(revisitOn); // the day's run, before the deal is decided
        String dealId = "EV-LATE-" + UUID.randomUUID();
        Response response = decidedToWait(dealId, revisitOn);
        JsonNode advice = JSON.readTree(response.asString());
        assertEquals(0, revisits.upTo(revisitOn), "the day is not done again");

        List<KafkaTopics.Read> events = revisitEventsOf(dealId);
        assertEquals(1, events.size(), "once");
        JsonNode data = events.get(0).json().get("data");
        assertEquals(response.header("Decision-Id"), data.get("decisionId").asText());
        assertEquals(revisitOn.toString(), data.get("revisitOn").asText());
        assertEquals(advice.get("headline").asText(), data.get("headline").asText());
    }

    /** A day among the 4,096 from 1 January of {@code year}: each revisit test waits until days of its own. */
    static LocalDate farDay(int year) {
        return LocalDate.of(year, 1, 1).plusDays(UUID.randomUUID().hashCode() & 0xfff);
    }

    /**
     * The example deal under {@code id}, its first milestone due on {@code revisitOn}: decided to wait until that day
     * and written; the answer.
     */
    static Response decidedToWait(String id, LocalDate revisitOn) throws Exception {
        ObjectNode deal = (ObjectNode) JSON.readTree(deal(id, false));
        ((ObjectNode) deal.withArray("milestones").get(0)).put("due", revisitOn.toString());
        Response response = qualify(deal.toString());
        JsonNode advice = JSON.readTree(response.asString());
        assertEquals("WAIT", advice.get("advice").asText(), advice.toString());
        assertEquals(revisitOn.toString(), advice.get("revisitOn").asText(), advice.toString());
        String decisionId = response.header("Decision-Id");
        Poll.until(PATIENCE, "the decision written", () -> Credentials.asDemo().get("/v1/decisions/" + decisionId)
                .statusCode(), status -> status == 200);
        return response;
    }

    /** The revisit events of the deal, once the outbox is empty (all sent), so that none sent twice is missed. */
    static List<KafkaTopics.Read> revisitEventsOf(String dealId) {
        Poll.until(PATIENCE, "the outbox empty", EventsOutageTest::health,
                health -> health.get("data").get("backlog").asLong() == 0);
        return KafkaTopics.readUntil(EventsOn.REVISITS, PATIENCE,
                all -> all.stream().anyMatch(each -> each.key().equals(dealId))).stream()
                .filter(each -> each.key().equals(dealId)).toList();
    }

    /** The spec's example deal (WAIT until its next milestone), or only what is required, under {@code id}. */
    static String deal(String id, boolean minimal) {
        ObjectNode deal = minimal ? DealSchema.contract().minimalExample() : DealSchema.contract().example();
        deal.put("id", id);
        return deal.toString();
    }

    static Response qualify(String deal) {
        Response response = Credentials.asDemo().contentType(ContentType.JSON).body(deal).post("/v1/qualifications");
        response.then().statusCode(200);
        return response;
    }

    /** The events of {@code topic} with these ids, by id, once each has arrived. */
    static Map<String, KafkaTopics.Read> byId(String topic, List<String> ids) {
        Map<String, KafkaTopics.Read> found = new LinkedHashMap<>();
        KafkaTopics.readUntil(topic, PATIENCE, all -> {
            found.clear();
            all.forEach(each -> found.putIfAbsent(each.json().get("id").asText(), each));
            return found.keySet().containsAll(ids);
        });
        return found;
    }
}
