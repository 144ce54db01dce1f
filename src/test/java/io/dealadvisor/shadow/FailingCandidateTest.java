package io.dealadvisor.shadow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealadvisor.intake.DealRequest;
import io.dealadvisor.intake.DealReader;
import io.dealadvisor.records.DecisionRecord;
import io.dealadvisor.security.Credentials;
import io.dealadvisor.testing.CandidateRules;
import io.dealadvisor.testing.EditableFolders;
import io.dealadvisor.testing.Poll;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A candidate that fails with an Error (a rule that recurses without end) costs only its comparison: the live
 * answer is given, its record is written, marked skipped, and the comparer goes on with the next deal.
 */
@QuarkusTest
@TestProfile(EditableFolders.class)
class FailingCandidateTest {

    @Inject
    ShadowComparer comparer;

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

    /**
     * With {@code durability=sync}, and for deals from Kafka, the comparison runs on the caller's thread: the
     * candidate's Error there is the candidate's too, and the record comes back marked skipped, not the Error.
     */
    @Test
    void onTheCallersThreadTooTheCandidatesErrorOnlySkipsItsComparison() throws Exception {
        EditableFolders.serveCandidate("failing.drl", CandidateRules.failingWithError("OPP-ERROR"));
        DealRequest deal = DealReader.standalone().readValid(new ObjectMapper().readTree(deal("OPP-ERROR-1")));
        DecisionRecord live = DecisionRecord.builder().dealId("OPP-ERROR-1", LocalDate.parse("2026-11-23"))
                .deal(deal("OPP-ERROR-1"), null).asked("crm", DecisionRecord.SINGLE, 41)
                .answer("WAIT", null, LocalDate.parse("2026-12-15")).adviceJson("{}")
                .ruleset("0123456789ab", List.of()).build();

        DecisionRecord compared = comparer.compared(live, deal);

        assertEquals(live.decisionId(), compared.decisionId());
        assertNotNull(compared.shadow(), "marked skipped by the candidate's version");
        assertNull(compared.shadow().advice(), "no candidate advice");
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
