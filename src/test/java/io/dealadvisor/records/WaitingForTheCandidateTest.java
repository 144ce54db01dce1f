package io.dealadvisor.records;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealadvisor.security.Credentials;
import io.dealadvisor.testing.Poll;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Records waiting for the shadow candidate count in the recorder's buffer: with a buffer of three and a candidate
 * that holds each deal for 3 s, six deals answered at once leave three records waiting (the backlog says so) and
 * three dropped and counted, exactly as when the buffer is full of records waiting for the database. Every answer is
 * still 200. The candidate and the buffer are those of {@link UnreachableAtStart}; the test runs once
 * {@link UnreachableStoreTest} has let the store be made, and counts the drops it causes.
 */
@QuarkusTest
@TestProfile(UnreachableAtStart.class)
class WaitingForTheCandidateTest {

    private static final int DEALS = 6;
    private static final int BUFFER = UnreachableAtStart.BUFFER;

    @Test
    void recordsWaitingForTheShadowCountInTheBuffer() {
        int droppedBefore = Records.health().get("data").get("dropped").asInt();
        for (int i = 0; i < DEALS; i++) {
            Credentials.asDemo().contentType("application/json")
                    .body("{\"id\":\"" + UnreachableAtStart.HELD + "-" + i + "\",\"asOf\":\"2026-11-23\","
                            + "\"client\":{\"name\":\"N\"},\"offering\":{\"name\":\"A\"}}")
                    .post("/v1/qualifications").then().statusCode(200);
        }

        JsonNode waiting = Records.health().get("data");
        assertEquals(BUFFER, waiting.get("backlog").asInt(), waiting.toString());
        assertEquals(DEALS - BUFFER, waiting.get("dropped").asInt() - droppedBefore, waiting.toString());

        JsonPath shadow = Poll.until(Duration.ofSeconds(60), "the records kept compared and written",
                () -> Credentials.asDemo().get("/v1/shadow").then().statusCode(200).extract().jsonPath(),
                view -> view.getLong("compared") == BUFFER);
        assertEquals(0, shadow.getLong("skipped"), shadow.prettify());
        Records.awaitWritten();
        assertEquals(DEALS - BUFFER, Records.health().get("data").get("dropped").asInt() - droppedBefore);
    }
}
