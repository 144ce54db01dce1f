package io.dealadvisor.records;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealadvisor.security.Credentials;
import io.dealadvisor.testing.Management;
import io.dealadvisor.testing.Poll;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writer never gives up quietly, on the real embedded store: a writer ended by an Error is restarted and writes
 * the record it held, with liveness UP; one that fails on every attempt is given up, and liveness turns DOWN. The
 * second test leaves the writer dead, so it runs last.
 */
@QuarkusTest
@TestProfile(UnreachableAtStart.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WriterRestartTest {

    private static final String DEAL = """
            {"id":"%s","asOf":"2026-11-23","client":{"name":"Northwind"},"offering":{"name":"Audit"}}""";

    @Test
    @Order(1)
    void aWriterEndedByAnErrorIsRestartedAndWritesTheRecordItHeld() {
        int thrownBefore = FlakyWriterConnection.thrown();
        int droppedBefore = Records.health().get("data").get("dropped").asInt();
        FlakyWriterConnection.failNext(1);

        String decisionId = qualify(Records.dealId("restart"));

        Poll.until(Records.PATIENCE, "the record written by the restarted writer",
                () -> Credentials.withKey(Credentials.AUDITOR_KEY).get(Records.DECISIONS + "/" + decisionId)
                        .then().extract().statusCode(), status -> status == 200);
        assertEquals(thrownBefore + 1, FlakyWriterConnection.thrown(), "the first attempt ended in an Error");
        JsonNode writer = writerCheck(Management.given().get("/q/health/live").then().statusCode(200).extract());
        assertEquals("UP", writer.get("status").asText(), writer.toString());
        JsonNode records = Records.health();
        assertEquals("UP", records.get("status").asText(), records.toString());
        assertEquals(0, records.get("data").get("backlog").asInt(), records.toString());
        assertEquals(droppedBefore, records.get("data").get("dropped").asInt(), "none dropped: " + records);
    }

    @Test
    @Order(2)
    void aWriterThatFailsOnEveryAttemptIsGivenUpAndLivenessIsDown() throws InterruptedException {
        FlakyWriterConnection.failNext(Integer.MAX_VALUE);

        qualify(Records.dealId("given-up"));

        // five failures within a minute, restarted after 1, 2, 4 and 8 s: about 15 s
        ExtractableResponse<Response> live = Poll.until(Duration.ofSeconds(60), "liveness DOWN",
                () -> Management.given().get("/q/health/live").then().extract(),
                response -> response.statusCode() == 503);
        JsonNode writer = writerCheck(live);
        assertEquals("DOWN", writer.get("status").asText(), writer.toString());
        assertEquals("writer-stopped", writer.get("data").get("writer").asText(), writer.toString());
        JsonNode records = Records.health();
        assertEquals("writer-stopped", records.get("data").get("error").asText(), records.toString());
        assertEquals(1, records.get("data").get("backlog").asInt(), "the record is still held, not lost silently");
        int thrown = FlakyWriterConnection.thrown();
        Thread.sleep(3_000);
        assertEquals(thrown, FlakyWriterConnection.thrown(), "given up: no further attempt");
        assertTrue(thrown <= 1 + RecordWriter.MOST_FAILURES, "attempts: " + thrown);
    }

    private static String qualify(String dealId) {
        return Credentials.withKey(Credentials.CALLER_KEY).contentType("application/json")
                .body(DEAL.formatted(dealId)).post("/v1/qualifications").then().statusCode(200).extract()
                .header("Decision-Id");
    }

    private static JsonNode writerCheck(ExtractableResponse<Response> live) {
        for (JsonNode check : Records.json(live.asString()).get("checks")) {
            if (check.get("name").asText().equals("decision-records-writer")) {
                return check;
            }
        }
        throw new AssertionError("no decision-records-writer check in " + live.asString());
    }
}
