package io.dealadvisor.records;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealadvisor.security.Credentials;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.dealadvisor.records.Records.allPages;
import static io.dealadvisor.records.Records.awaitWritten;
import static io.dealadvisor.records.Records.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The decision records as a system of record, on either store: idempotency keys, details that expire before the
 * summary, erasure. Each subclass runs it against one store, over real HTTP.
 */
abstract class SystemOfRecordContract {

    static final String QUALIFICATIONS = "/v1/qualifications";
    static final String BATCH = "/v1/qualifications/batch";
    static final String KEY = "Idempotency-Key";

    @Inject
    DecisionRecorder recorder;

    static String deal(String id) {
        return """
                {"id":"%s","client":{"id":"ACC-%s","name":"Northwind"},"offering":{"name":"Freight audit"},
                 "milestones":[{"name":"Security review","due":"2099-12-15","status":"PENDING"}]}"""
                .formatted(id, id);
    }

    static RequestSpecification qualifying(String apiKey, String idempotencyKey, String body) {
        RequestSpecification request = Credentials.withKey(apiKey).contentType(ContentType.JSON).body(body);
        return idempotencyKey == null ? request : request.header(KEY, idempotencyKey);
    }

    @Test
    void aRetryWithTheSameKeyAndBodyGetsTheSameAnswerAndMakesNoRecord() {
        String deal = Records.dealId("idem");
        String key = "retry-" + UUID.randomUUID();
        Response first = qualifying(Credentials.CALLER_KEY, key, deal(deal)).post(QUALIFICATIONS);
        first.then().statusCode(200);
        assertNull(first.header("Idempotent-Replayed"));
        Response again = qualifying(Credentials.CALLER_KEY, key, deal(deal)).post(QUALIFICATIONS);
        again.then().statusCode(200).contentType("application/json").header("Idempotent-Replayed", "true");
        assertArrayEquals(first.asByteArray(), again.asByteArray());
        assertEquals(first.header("Decision-Id"), again.header("Decision-Id"));

        // Another caller's key of the same name is its own.
        Response other = qualifying(Credentials.DEMO_KEY, key, deal(deal)).post(QUALIFICATIONS);
        other.then().statusCode(200);
        assertNull(other.header("Idempotent-Replayed"));
        assertNotEquals(first.header("Decision-Id"), other.header("Decision-Id"));

        awaitWritten();
        assertEquals(Set.of(UUID.fromString(first.header("Decision-Id")), UUID.fromString(other.header("Decision-Id"))),
                new HashSet<>(allPages("dealId=" + deal, 50)), "one record per caller, none for the retry");
    }

    @Test
    void aBatchRetryGetsTheSameResultsAndIds() {
        String deal = Records.dealId("idem-batch");
        String key = "batch-" + UUID.randomUUID();
        String body = "[" + deal(deal) + "," + deal(deal + "-b") + ",{\"id\":\"broken\"}]";
        Response first = qualifying(Credentials.CALLER_KEY, key, body).post(BATCH);
        first.then().statusCode(200);
        Response again = qualifying(Credentials.CALLER_KEY, key, body).post(BATCH);
        again.then().statusCode(200).header("Idempotent-Replayed", "true");
        assertArrayEquals(first.asByteArray(), again.asByteArray());
        List<UUID> ids = new ArrayList<>();
        json(first.asString()).get("results").forEach(result -> {
            if (result.has("decisionId")) {
                ids.add(UUID.fromString(result.get("decisionId").asText()));
            }
        });
        assertEquals(2, ids.size());
        awaitWritten();
        assertEquals(List.of(ids.get(0)), allPages("dealId=" + deal, 50));
        assertEquals(List.of(ids.get(1)), allPages("dealId=" + deal + "-b", 50));
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        String deal = Records.dealId("idem-reused");
        String key = "reused-" + UUID.randomUUID();
        qualifying(Credentials.CALLER_KEY, key, deal(deal)).post(QUALIFICATIONS).then().statusCode(200);
        // The same JSON but for one space: another body.
        Response reused = qualifying(Credentials.CALLER_KEY, key, deal(deal) + " ").post(QUALIFICATIONS);
        reused.then().statusCode(422).contentType("application/problem+json");
        JsonNode problem = json(reused.asString());
        assertEquals("urn:deal-advisor:problem:idempotency-key-reused", problem.get("type").asText());
        assertEquals(422, problem.get("status").asInt());
        qualifying(Credentials.CALLER_KEY, key, "[" + deal(deal) + "]").post(BATCH).then().statusCode(422);
        awaitWritten();
        assertEquals(1, allPages("dealId=" + deal, 50).size());
    }

    /** Clients that send the same request at the same moment: one decision, the same answer for all. */
    @Test
    void concurrentRequestsWithOneKeyMakeOneDecision() throws Exception {
        String deal = Records.dealId("idem-race");
        String key = "race-" + UUID.randomUUID();
        int clients = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Callable<Response> call = () -> {
                    start.await();
                    return qualifying(Credentials.CALLER_KEY, key, deal(deal)).post(QUALIFICATIONS);
                };
                answers.add(pool.submit(call));
            }
            start.countDown();
            Set<String> ids = new HashSet<>();
            Set<String> bodies = new HashSet<>();
            int replayed = 0;
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                assertEquals(200, response.statusCode(), response.asString());
                ids.add(response.header("Decision-Id"));
                bodies.add(response.asString());
                replayed += "true".equals(response.header("Idempotent-Replayed")) ? 1 : 0;
            }
            assertEquals(1, ids.size(), "one decision id for all: " + ids);
            assertEquals(1, bodies.size());
            assertEquals(clients - 1, replayed);
            awaitWritten();
            assertEquals(1, allPages("dealId=" + deal, 50).size());
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "Idempotency-Key \"{0}\" is refused")
    @ValueSource(strings = {"two words", "tab\there", "caf\u00e9"})
    void aKeyThatIsNotVisibleAsciiIsAProblemNamingTheHeader(String key) {
        assertBadKey(key);
    }

    @Test
    void aKeyLongerThan128IsAProblemNamingTheHeader() {
        assertBadKey("k".repeat(129));
        qualifying(Credentials.CALLER_KEY, UUID.randomUUID().toString().repeat(4).substring(0, 127) + "~", deal(Records.dealId("idem-long")))
                .post(QUALIFICATIONS).then().statusCode(200);
    }

    private static void assertBadKey(String key) {
        Response response = qualifying(Credentials.CALLER_KEY, null, deal(Records.dealId("idem-bad")))
                .header(KEY, key).post(QUALIFICATIONS);
        response.then().statusCode(400).contentType("application/problem+json");
        JsonNode problem = json(response.asString());
        assertEquals(List.of(KEY), Arrays.stream(new String[]{problem.get("errors").get(0).get("field").asText()})
                .toList(), problem.toString());
        assertEquals(1, problem.get("errors").size());
    }
}
