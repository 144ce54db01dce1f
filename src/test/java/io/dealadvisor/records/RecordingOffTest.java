package io.dealadvisor.records;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealadvisor.rules.Deals;
import io.dealadvisor.security.Credentials;
import io.dealadvisor.testing.SwitchesFlipped;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Instant;

import static io.dealadvisor.records.Records.DECISIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * With {@code deal-advisor.decisions.enabled=false} nothing is recorded, no database is opened, and answers carry
 * no decision id (there is no record it could name), even with {@code durability=sync}.
 */
@QuarkusTest
@TestProfile(SwitchesFlipped.class)
class RecordingOffTest {

    @Inject
    DecisionRecorder recorder;

    @Test
    void recordsNothingAndSaysSo() {
        recorder.record(Records.record(Records.dealId("off"), Instant.now(), "WAIT", Records.rulesetVersion()));

        JsonNode check = Records.health();
        assertEquals("UP", check.get("status").asText(), check.toString());
        assertFalse(check.get("data").get("enabled").asBoolean());
        assertEquals(0, check.get("data").get("backlog").asInt());
        Credentials.withKey(Credentials.AUDITOR_KEY).get(DECISIONS).then().statusCode(503)
                .contentType("application/problem+json");
        Credentials.withKey(Credentials.CALLER_KEY).contentType("application/json")
                .body(Deals.ready().json().toString()).post("/v1/qualifications").then().statusCode(200).header("Decision-Id", nullValue());
        assertFalse(Files.exists(SwitchesFlipped.RECORDS_FOLDER), "no database file is made");
    }

    @Test
    void anIdempotencyKeyIsIgnored() {
        String body = Deals.ready().json().toString();
        for (String other : new String[]{body, body.replace("2026-11-23", "2026-11-24")}) {
            // the same key again, even with another body: answered afresh, neither replayed nor refused
            Credentials.withKey(Credentials.CALLER_KEY).contentType("application/json")
                    .header("Idempotency-Key", "off-1").body(other).post("/v1/qualifications").then().statusCode(200)
                    .header("Idempotent-Replayed", nullValue());
        }
        // however it is sent: empty, or twice
        Credentials.withKey(Credentials.CALLER_KEY).contentType("application/json").header("Idempotency-Key", "")
                .body(body).post("/v1/qualifications").then().statusCode(200);
        Credentials.withKey(Credentials.CALLER_KEY).contentType("application/json").header("Idempotency-Key", "a")
                .header("Idempotency-Key", "b").body(body).post("/v1/qualifications").then().statusCode(200);
        assertFalse(Files.exists(SwitchesFlipped.RECORDS_FOLDER), "no database file is made");
    }
}
