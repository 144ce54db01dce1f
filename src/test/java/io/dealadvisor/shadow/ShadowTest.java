package io.dealadvisor.shadow;

import io.dealadvisor.testing.Management;
import io.dealadvisor.security.Credentials;
import io.dealadvisor.testing.CandidateRules;
import io.dealadvisor.testing.EditableFolders;
import io.dealadvisor.testing.Poll;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A candidate that flips some advice: live answers are untouched, the records and GET /v1/shadow show it. */
@QuarkusTest
@TestProfile(EditableFolders.class)
class ShadowTest {

    private static final String READY = """
            {"id":"%s","asOf":"2026-11-23","client":{"name":"Northwind"},
             "offering":{"name":"Audit","amount":1000,"currency":"EUR"},
             "discovery":{"problemDiagnosed":true,"desiredOutcome":"halve audit time","positioning":"WANT",
                          "requirementsCovered":0.9},
             "infrastructure":{"fit":"SEAMLESS"}}""";

    @Test
    void aCandidateThatFlipsSomeAdviceShowsInTheRecordsAndTheShadowFigures() {
        EditableFolders.serveCandidate("shadow-trial.drl", CandidateRules.flipping());
        String flipped1 = qualify("OPP-FLIP-1");
        String flipped2 = qualify("OPP-FLIP-2");
        qualify("OPP-SAME-1");

        JsonPath shadow = Poll.until(Duration.ofSeconds(60), "three comparisons recorded",
                () -> Credentials.withKey(Credentials.AUDITOR_KEY).get("/v1/shadow").then().statusCode(200)
                        .extract().jsonPath(),
                view -> view.getLong("compared") >= 3);

        assertEquals(3, shadow.getLong("compared"));
        assertEquals(2, shadow.getLong("differ"));
        assertEquals(0, shadow.getLong("skipped"));
        assertEquals(1, shadow.getList("transitions").size(), shadow.prettify());
        assertEquals(Map.of("from", "PROCEED", "to", "WAIT", "deals", 2),
                Map.of("from", shadow.get("transitions[0].from"), "to", shadow.get("transitions[0].to"),
                        "deals", shadow.get("transitions[0].deals")));
        assertEquals(0, shadow.getInt("transitions[0].outcomes.followed.outcomes"), "no outcome reported yet");
        assertEquals(List.of(flipped2, flipped1), shadow.getList("examples.decisionId"), "newest first");
        assertEquals(List.of("OPP-FLIP-2", "OPP-FLIP-1"), shadow.getList("examples.dealId"));
        assertNotEquals(shadow.getString("live.version"), shadow.getString("candidate.version"));
        assertTrue(shadow.getString("candidate.dir").endsWith("rules"), shadow.prettify());
        assertNull(shadow.get("candidate.lastReloadError"));

        JsonPath record = Credentials.withKey(Credentials.AUDITOR_KEY).get("/v1/decisions/" + flipped1)
                .then().statusCode(200).extract().jsonPath();
        assertEquals("PROCEED", record.getString("advice.advice"), "the live answer");
        assertEquals("WAIT", record.getString("shadow.advice"));
        assertEquals(true, record.getBoolean("shadow.differs"));
        assertEquals(shadow.getString("candidate.version"), record.getString("shadow.rulesetVersion"));
        assertTrue(record.getList("shadow.reasons.rule").contains(CandidateRules.FLIP_RULE), record.prettify());

        // what became of the flipped deals under the live advice: one followed and kept, one not followed and lost
        report(flipped1, true, true);
        report(flipped2, false, false);
        JsonPath withOutcomes = Credentials.withKey(Credentials.ANALYST_KEY).get("/v1/shadow").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(Map.of("outcomes", 1, "retained", 1, "known", 1, "retentionRate", 1.0f,
                        "retentionInterval", List.of(0.206f, 1.0f),
                        "results", Map.of("BOUGHT_FROM_US", 1, "BOUGHT_ELSEWHERE", 0, "BOUGHT_NOTHING", 0)),
                withOutcomes.getMap("transitions[0].outcomes.followed"));
        assertEquals(Map.of("outcomes", 1, "retained", 0, "known", 1, "retentionRate", 0.0f,
                        "retentionInterval", List.of(0.0f, 0.794f),
                        "results", Map.of("BOUGHT_FROM_US", 1, "BOUGHT_ELSEWHERE", 0, "BOUGHT_NOTHING", 0)),
                withOutcomes.getMap("transitions[0].outcomes.notFollowed"));

        String metrics = Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("deal_advisor_shadow_decisions_total{")
                && line.contains("candidate=\"WAIT\"") && line.contains("live=\"PROCEED\"")
                && line.endsWith(" 2.0")), metrics);
    }

    @Test
    void theShadowFiguresAreForRulesAdminsAnalystsAndAuditorsOnly() {
        Credentials.withKey(Credentials.ADMIN_KEY).get("/v1/shadow").then().statusCode(200);
        Credentials.withKey(Credentials.ANALYST_KEY).get("/v1/shadow").then().statusCode(200);
        Credentials.withKey(Credentials.CALLER_KEY).get("/v1/shadow").then().statusCode(403);
        RestAssured.get("/v1/shadow").then().statusCode(401);
    }

    private static void report(String decisionId, boolean followed, boolean retained) {
        Credentials.withKey(Credentials.CALLER_KEY).contentType("application/json")
                .body("{\"result\":\"BOUGHT_FROM_US\",\"adviceFollowed\":" + followed + ",\"clientRetained\":"
                        + retained + "}")
                .put("/v1/decisions/" + decisionId + "/outcome").then().statusCode(200);
    }

    private static String qualify(String id) {
        return Credentials.asDemo().contentType("application/json").body(READY.formatted(id))
                .post("/v1/qualifications").then().statusCode(200).body("advice", equalTo("PROCEED"))
                .extract().header("Decision-Id");
    }
}
