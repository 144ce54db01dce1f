package io.dealadvisor.shadow;

import io.dealadvisor.security.Credentials;
import io.dealadvisor.testing.CandidateRules;
import io.dealadvisor.testing.EditableFolders;
import io.dealadvisor.testing.Poll;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A candidate that takes 1 s a deal, behind a queue of two ({@link EditableFolders}), while 20 deals are answered
 * back to back: every answer comes back, the candidate falls behind, and the comparisons it cannot make are counted as
 * skipped in the records (not waited for). The figures go to the test output for the README.
 */
@QuarkusTest
@TestProfile(EditableFolders.class)
class SlowCandidateTest {

    private static final int DEALS = 20;

    @Test
    void aSlowCandidateFallsBehindWithoutHoldingUpAnswers() {
        EditableFolders.serveCandidate("slow.drl", CandidateRules.thinking("OPP-SLOW", 1000));
        long start = System.nanoTime();
        for (int i = 0; i < DEALS; i++) {
            Credentials.asDemo().contentType("application/json")
                    .body("{\"id\":\"OPP-SLOW-" + i + "\",\"asOf\":\"2026-11-23\",\"client\":{\"name\":\"N\"},"
                            + "\"offering\":{\"name\":\"A\"}}")
                    .post("/v1/qualifications").then().statusCode(200);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("SlowCandidateTest: %d answers in %d ms with a candidate taking 1 s a deal%n", DEALS,
                millis);

        JsonPath shadow = Poll.until(Duration.ofSeconds(60), "every decision recorded, compared or skipped",
                () -> Credentials.asDemo().get("/v1/shadow").then().statusCode(200).extract().jsonPath(),
                view -> view.getLong("compared") + view.getLong("skipped") == DEALS);

        assertTrue(shadow.getLong("skipped") > 0, shadow::prettify);
        assertTrue(millis < DEALS * 1000L, "answers waited for the candidate: " + millis + " ms");
        assertEquals(DEALS, shadow.getLong("compared") + shadow.getLong("skipped"));
    }

    /**
     * Records still waiting for the candidate when an erasure comes are in the buffer like any other: the erasure
     * waits for them and counts them (it answered 0 for them, and its log kept 0).
     */
    @Test
    void anErasureCountsTheRecordsStillWaitingForTheCandidate() {
        EditableFolders.serveCandidate("slow.drl", CandidateRules.thinking("OPP-SLOW", 1000));
        String deal = "{\"id\":\"OPP-SLOW-ERASED\",\"asOf\":\"2026-11-23\",\"client\":{\"name\":\"N\"},"
                + "\"offering\":{\"name\":\"A\"}}";
        for (int i = 0; i < 2; i++) {
            Credentials.asDemo().contentType("application/json").body(deal).post("/v1/qualifications").then()
                    .statusCode(200);
        }
        Credentials.asDemo().contentType("application/json").body("{\"dealId\":\"OPP-SLOW-ERASED\"}")
                .post("/v1/erasures").then().statusCode(201).body("records", org.hamcrest.Matchers.equalTo(2));
    }
}
