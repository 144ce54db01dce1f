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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A candidate that fails with an Error (a rule that recurses without end) costs only its comparison: the live
 * answer is given, its record is written, marked skipped, and the comparer goes on with the next deal.
 */
@QuarkusTest
@TestProfile(EditableFolders.class)
class FailingCandidateTest {

    private static final Duration RECORDED = Duration.ofSeconds(30);

    @Test
    void aCandidateFailingWithAnErrorSkipsThatComparisonOnly() {
        EditableFolders.serveCandidate("overflowing.drl", CandidateRules.overflowing("OPP-OVERFLOW"));

        String failed = qualify("OPP-OVERFLOW-1");
        JsonPath skipped = recorded(failed);
        assertNull(skipped.get("shadow.advice"), skipped.prettify());
        assertEquals("WAIT", skipped.getString("advice.advice"), "the live answer");

        String next = qualify("OPP-AFTER-OVERFLOW-1");
        JsonPath compared = recorded(next);
        assertEquals("WAIT", compared.getString("shadow.advice"), "compared: the comparer still runs");
        assertEquals(false, compared.getBoolean("shadow.differs"));

        // a batch's deals are compared one by one, as if sent alone
        List<String> batch = Credentials.asDemo().contentType("application/json")
                .body("[" + deal("OPP-OVERFLOW-2") + "," + deal("OPP-AFTER-OVERFLOW-2") + "]")
                .post("/v1/qualifications/batch").then().statusCode(200).extract().jsonPath()
                .getList("results.decisionId");
        assertNull(recorded(batch.get(0)).get("shadow.advice"));
        assertEquals("WAIT", recorded(batch.get(1)).getString("shadow.advice"));
    }

    private static String qualify(String dealId) {
        return Credentials.asDemo().contentType("application/json").body(deal(dealId))
                .post("/v1/qualifications").then().statusCode(200).extract().header("Decision-Id");
    }

    private static String deal(String dealId) {
        return "{\"id\":\"" + dealId + "\",\"asOf\":\"2026-11-23\",\"client\":{\"name\":\"N\"},"
                + "\"offering\":{\"name\":\"A\"}}";
    }

    private static JsonPath recorded(String decisionId) {
        return Poll.until(RECORDED, "decision " + decisionId + " recorded",
                () -> Credentials.withKey(Credentials.AUDITOR_KEY).get("/v1/decisions/" + decisionId),
                response -> response.statusCode() == 200).then().extract().jsonPath();
    }
}
