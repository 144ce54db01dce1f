package io.dealadvisor.records;

import io.dealadvisor.testing.Management;
import com.fasterxml.jackson.databind.JsonNode;
import io.dealadvisor.security.Credentials;
import io.dealadvisor.testing.Poll;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.dealadvisor.records.Records.DECISIONS;
import static io.dealadvisor.records.Records.PATIENCE;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded store's folder cannot be created at first (a file stands where it should be), as if the database
 * were down: the health check says so, records wait in a buffer of three, the rest are dropped and counted, and
 * once the folder can be made the buffered records are written.
 */
@QuarkusTest
@TestProfile(UnreachableAtStart.class)
class UnreachableStoreTest {

    @Inject
    DecisionRecorder recorder;

    @Test
    void recordsWaitWhileTheStoreIsDownAndTheOverflowIsDroppedAndCounted() throws IOException {
        JsonNode down = Records.health();
        assertEquals("DOWN", down.get("status").asText(), down.toString());
        // the check names the state, never the driver's message (the log has that)
        assertEquals("unreachable", down.get("data").get("error").asText(), down.toString());
        Management.given().get("/q/health/ready").then().statusCode(200);

        String deal = Records.dealId("outage");
        Instant decidedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<DecisionRecord> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            records.add(Records.record(deal, decidedAt.plusMillis(i), "WAIT", Records.rulesetVersion()));
        }
        records.forEach(recorder::record);

        JsonNode data = Records.health().get("data");
        assertEquals(3, data.get("backlog").asInt(), data.toString());
        assertEquals(2, data.get("dropped").asInt(), data.toString());
        String metrics = Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("deal_advisor_decision_records_dropped_total 2.0"), metrics);
        assertTrue(metrics.contains("deal_advisor_decision_records_backlog 3.0"), metrics);
        Credentials.withKey(Credentials.AUDITOR_KEY).get(DECISIONS).then().statusCode(503)
                .contentType("application/problem+json");
        Credentials.withKey(Credentials.AUDITOR_KEY).get("/v1/evidence").then().statusCode(503)
                .contentType("application/problem+json");
        Credentials.withKey(Credentials.CALLER_KEY).contentType("application/json")
                .body("{\"result\":\"BOUGHT_FROM_US\",\"adviceFollowed\":true}")
                .put(DECISIONS + "/" + records.get(0).decisionId() + "/outcome").then().statusCode(503)
                .contentType("application/problem+json");

        Files.delete(UnreachableAtStart.BLOCKER);
        Poll.until(PATIENCE, "the store back and the buffer written", Records::health,
                check -> check.get("status").asText().equals("UP") && check.get("data").get("backlog").asInt() == 0);
        List<java.util.UUID> newestFirst = new ArrayList<>(Records.ids(records.subList(0, 3)));
        Collections.reverse(newestFirst);
        assertEquals(newestFirst, Records.allPages("dealId=" + deal, 10));
        assertEquals(2, Records.health().get("data").get("dropped").asInt());
    }
}
