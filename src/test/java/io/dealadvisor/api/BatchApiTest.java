package io.dealadvisor.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.dealadvisor.api.Api.assertInvalid;
import static io.dealadvisor.api.Api.assertProblem;
import static io.dealadvisor.api.Api.qualify;
import static io.dealadvisor.api.Api.qualifyBatch;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** POST /v1/qualifications/batch: one result per deal, in order, a bad deal failing on its own. */
@QuarkusTest
class BatchApiTest {

    private static final DealJson BAD_DEAL = DealJson.specExample().withId("OPP-BAD")
            .with("client.name", "\"\"")
            .with("offering.amount", "-1");
    private static final List<DealJson> MIXED = List.of(DealJson.ready(), BAD_DEAL, DealJson.poorFit(),
            DealJson.nothingNeeded(), DealJson.specExample());

    @Test
    void answersEveryDealInRequestOrderAndGivesABadDealItsOwnProblem() {
        qualifyBatch(DealJson.batch(MIXED))
                .statusCode(200)
                .contentType(Api.JSON)
                .body("results.index", contains(0, 1, 2, 3, 4))
                .body("results.collect { it.advice?.dealId }", contains("OPP-READY", null, "OPP-POOR-FIT",
                        "OPP-NOTHING-NEEDED", "OPP-2026-0042"))
                .body("results.collect { it.advice?.advice }", contains("PROCEED", null, "REFER", "NO_SALE", "WAIT"))
                .body("results[1]", not(hasKey("advice")))
                .body("results[0]", not(hasKey("problem")))
                .body("results[1].problem.type", notNullValue())
                .body("results[1].problem.title", notNullValue())
                .body("results[1].problem.status", equalTo(400))
                .body("results[1].problem.errors.field", contains("[1].client.name", "[1].offering.amount"))
                .body("summary", equalTo(Map.of("PROCEED", 1, "WAIT", 1, "REFER", 1, "NO_SALE", 1, "errors", 1)));
    }

    @Test
    void givesEachDealTheSameAdviceAsOnItsOwn() {
        JsonPath batch = qualifyBatch(DealJson.batch(MIXED)).statusCode(200).extract().jsonPath();

        for (int index : new int[] {0, 2, 3, 4}) {
            Map<String, Object> alone = qualify(MIXED.get(index)).statusCode(200).extract().jsonPath().getMap("$");
            assertEquals(alone, batch.getMap("results[" + index + "].advice"), "deal " + index);
        }
    }

    @Test
    void answersAnEmptyBatchWithEmptyResults() {
        qualifyBatch("[]")
                .statusCode(200)
                .body("results", empty())
                .body("summary", equalTo(Map.of("PROCEED", 0, "WAIT", 0, "REFER", 0, "NO_SALE", 0, "errors", 0)));
    }

    @Test
    void answersAThousandDeals() {
        qualifyBatch(DealJson.batch(Collections.nCopies(1_000, DealJson.minimal())))
                .statusCode(200)
                .body("results", hasSize(1_000))
                .body("results[999].index", equalTo(999))
                .body("summary.WAIT", equalTo(1_000));
    }

    /** The deals are decided on several threads; the answer still follows the request, deal by deal. */
    @Test
    void keepsRequestOrderAcrossAThousandDifferentDeals() {
        List<DealJson> kinds = List.of(DealJson.ready(), DealJson.poorFit(), DealJson.nothingNeeded(),
                DealJson.specExample());
        List<DealJson> deals = new java.util.ArrayList<>();
        for (int index = 0; index < 1_000; index++) {
            deals.add(kinds.get(index % kinds.size()).withId("OPP-ORDER-" + index));
        }
        JsonPath batch = qualifyBatch(DealJson.batch(deals)).statusCode(200).extract().jsonPath();

        List<String> answeredIds = batch.getList("results.advice.dealId");
        for (int index = 0; index < 1_000; index++) {
            assertEquals("OPP-ORDER-" + index, answeredIds.get(index), "result " + index);
        }
        for (int index : new int[] {0, 1, 2, 3, 998, 999}) {
            Map<String, Object> alone = qualify(deals.get(index)).statusCode(200).extract().jsonPath().getMap("$");
            assertEquals(alone, batch.getMap("results[" + index + "].advice"), "deal " + index);
        }
        assertEquals(Map.of("PROCEED", 250, "WAIT", 250, "REFER", 250, "NO_SALE", 250, "errors", 0),
                batch.getMap("summary"));
    }

    @Test
    void refusesMoreThanAThousandDeals() {
        assertThat(assertProblem(qualifyBatch(DealJson.batch(Collections.nCopies(1_001, DealJson.minimal()))), 413)
                .detail(), containsString("1000"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{}                      | must be a JSON array",
            "null                    | must be a JSON array",
            "''                      | must be a JSON array",
            "\"deals\"               | must be a JSON array",
            "[ { \"id\": \"OPP-1\"   | is not valid JSON",
            "[] []                   | is not valid JSON"})
    void rejectsABodyThatIsNotAnArrayOfDeals(String body, String allowed) {
        assertInvalid(qualifyBatch(body), "", allowed);
    }

    /** The prefix keeps paths from the batch's root, whatever the depth of the bad field. */
    @Test
    void prefixesNestedFieldPathsWithTheIndex() {
        List<DealJson> deals = List.of(DealJson.ready(), DealJson.ready(),
                DealJson.ready().with("milestones", "[ { \"due\": \"soon\" } ]"));

        qualifyBatch(DealJson.batch(deals))
                .statusCode(200)
                .body("results[2].problem.errors.field", contains("[2].milestones[0].due"))
                .body("summary.errors", equalTo(1));
    }

    /** A member given twice is refused by the deal reader, not the parser: the deals around it are still advised. */
    @Test
    void aDealWithAMemberGivenTwiceGetsItsOwnProblem() {
        String good = "{\"id\":\"a\",\"client\":{\"name\":\"c\"},\"offering\":{\"name\":\"o\"}}";

        qualifyBatch("[" + good + ",{\"id\":\"a\",\"id\":\"b\"}," + good.replace("\"a\"", "\"c\"") + "]")
                .statusCode(200)
                .body("results.collect { it.advice?.dealId }", contains("a", null, "c"))
                .body("results[1].problem.status", equalTo(400))
                .body("results[1].problem.errors.findAll { it.field == '[1].id' }.message",
                        contains("is given more than once"))
                .body("summary.errors", equalTo(1));
    }

    /** A limit of the parser ends the whole body, naming the deal and the field where it stood. */
    @Test
    void aNumberOverTheParsersLimitNamesItsDealAndField() {
        List<DealJson> deals = List.of(DealJson.ready(), DealJson.ready().with("client.relationshipYears",
                "1".repeat(200)));

        assertInvalid(qualifyBatch(DealJson.batch(deals)), "[1].client.relationshipYears", "Number value length");
    }
}
