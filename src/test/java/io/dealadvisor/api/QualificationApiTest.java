package io.dealadvisor.api;

import io.dealadvisor.security.Credentials;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dealadvisor.testing.Poll;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static io.dealadvisor.api.Api.qualify;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** POST /v1/qualifications with whole deals, over real HTTP, decided by the shipped rules. */
@QuarkusTest
class QualificationApiTest {

    @Test
    void advisesOnARealisticDealWithReasonsActionsAndWarnings() {
        String liveVersion = Credentials.asDemo().get(Api.RULESET).then().statusCode(200).extract().path("version");

        qualify(DealJson.specExample())
                .statusCode(200)
                .contentType(Api.JSON)
                .body("dealId", equalTo("OPP-2026-0042"))
                .body("advice", equalTo("WAIT"))
                .body("headline", containsString("2026-12-15"))
                .body("revisitOn", equalTo("2026-12-15"))
                .body("$", hasKey("referTo"))
                .body("referTo", nullValue())
                .body("reasons", everyItem(allOf(hasKey("rule"), hasKey("truth"), hasKey("advice"),
                        hasKey("explanation"))))
                .body("reasons.rule", everyItem(not(emptyOrNullString())))
                .body("reasons.explanation", everyItem(not(emptyOrNullString())))
                .body("reasons.truth", hasItems("NO_PUSH_BEFORE_MILESTONES", "OWN_YOUR_MISTAKES", "CLOSE_THE_CLIENT"))
                .body("reasons.find { it.truth == 'CLOSE_THE_CLIENT' }.advice", nullValue())
                .body("reasons[0].advice", equalTo("WAIT"))
                .body("actions", hasItem(containsString("1000 EUR")))
                .body("warnings", hasItem(containsString("quarter end")))
                .body("ruleset.version", matchesPattern(Api.RULESET_VERSION))
                .body("ruleset.version", equalTo(liveVersion))
                .body("ruleset.loadedAt", not(emptyOrNullString()));
    }

    @Test
    void refersToTheFirstCompetitorThatFitsAndHasNoRevisitDate() {
        qualify(DealJson.poorFit())
                .statusCode(200)
                .body("advice", equalTo("REFER"))
                .body("referTo", equalTo("Acme"))
                .body("$", hasKey("revisitOn"))
                .body("revisitOn", nullValue());
    }

    @Test
    void proceedsWithRevisitOnAndReferToPresentButNull() {
        qualify(DealJson.ready())
                .statusCode(200)
                .body("advice", equalTo("PROCEED"))
                .body("$", allOf(hasKey("revisitOn"), hasKey("referTo")))
                .body("revisitOn", nullValue())
                .body("referTo", nullValue())
                .body("reasons", hasItem(hasEntry("advice", "PROCEED")));
    }

    /**
     * Milestones due yesterday and today: only {@code asOf} = today makes today the revisit date (yesterday's
     * would win an earlier asOf, none a later one) and yesterday's milestone overdue.
     */
    @Test
    void decidesForTodayInUtcWhenAsOfIsAbsent() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        DealJson deal = DealJson.specExample().without("asOf")
                .with("milestones[0].due", TextNode.valueOf(today.minusDays(1).toString()))
                .with("milestones[1]", """
                        { "name": "Budget sign-off", "due": "%s", "status": "PENDING" }""".formatted(today));

        ValidatableResponse response = qualify(deal).statusCode(200);
        assumeTrue(today.equals(LocalDate.now(ZoneOffset.UTC)), "the UTC date changed during the request");

        response.body("revisitOn", equalTo(today.toString()))
                .body("actions", hasItem(containsString("where they stand on Security review")));
    }

    @Test
    void ignoresUnknownFieldsAtTheTopAndInsideNestedObjects() {
        DealJson withCrmExtras = DealJson.specExample()
                .withUnknown("crm", "{ \"owner\": \"Jo\", \"stage\": 3, \"tags\": [\"q4\"] }")
                .withUnknown("client.segment", "\"ENTERPRISE\"")
                .withUnknown("offering.sku", "42")
                .withUnknown("milestones[0].owner", "{ \"name\": \"Kim\" }")
                .withUnknown("competitors[0].marketShare", "0.3")
                .withUnknown("incidents[0].ticket", "null");

        assertArrayEquals(body(DealJson.specExample()), body(withCrmExtras));
    }

    @Test
    void answersTheSameDealWithTheSameBytes() {
        assertArrayEquals(body(DealJson.specExample()), body(DealJson.specExample()));
    }

    private static byte[] body(DealJson deal) {
        return qualify(deal).statusCode(200).extract().asByteArray();
    }

    /** Numbers are decimals from the body to the advice and the record: as doubles, these were 0.6 and ...0.04. */
    @Test
    void decidesAndRecordsTheNumbersExactlyAsSent() {
        qualify(DealJson.ready().with("discovery.requirementsCovered", "0.59999999999999999")
                .with("infrastructure.fit", "\"SEAMLESS\"")).statusCode(200)
                .body("advice", equalTo("REFER"));
        String decisionId = qualify(DealJson.ready().with("incidents", "[{\"id\":\"I1\","
                + "\"clientLoss\":100000000000000.01,\"apologized\":true,\"amendsOffered\":0}]")).statusCode(200)
                .body("actions", hasItem("Offer amends for I1 worth at least 200000000000000.02 EUR."))
                .extract().header("Decision-Id");

        String recorded = "/v1/decisions/" + decisionId;
        Poll.until(Duration.ofSeconds(60), "the decision recorded", () -> Credentials.asDemo().get(recorded)
                .statusCode(), status -> status == 200);
        assertThat(Credentials.asDemo().get(recorded).asString(), containsString("\"clientLoss\":100000000000000.01"));
    }
}
