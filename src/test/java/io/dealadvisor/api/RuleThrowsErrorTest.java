package io.dealadvisor.api;

import io.dealadvisor.testing.BrokenRules;
import io.dealadvisor.testing.SwitchesFlipped;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.dealadvisor.api.Api.assertProblem;
import static io.dealadvisor.api.Api.qualify;
import static io.dealadvisor.api.Api.qualifyBatch;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * A consequence that throws a plain {@code java.lang.Error} on one client's deals, which no scenario reaches: those
 * deals get a 500 problem naming the rule, alone or in a batch, and the other deals of the batch still get advice.
 * The rule is added to the shipped ones by {@link SwitchesFlipped}.
 */
@QuarkusTest
@TestProfile(SwitchesFlipped.class)
class RuleThrowsErrorTest {

    private static final DealJson BOOM = DealJson.ready().withId("OPP-BOOM")
            .with("client.name", "\"" + BrokenRules.CONSEQUENCE_ERROR_CLIENT + "\"");

    @Test
    void aDealAloneGetsARuleFailedProblemNamingTheRule() {
        Api.Problem problem = assertProblem(qualify(BOOM), 500);

        assertThat(problem.type(), endsWith(":rule-failed"));
        assertThat(problem.detail(), containsString("'" + BrokenRules.CONSEQUENCE_ERROR_RULE + "'"));
        assertThat(problem.detail(), containsString("Error: boom in consequence"));
    }

    @Test
    void onlyThatDealOfABatchGetsAProblemAndTheOthersAreAdvised() {
        qualifyBatch(DealJson.batch(List.of(DealJson.ready(), BOOM, DealJson.poorFit())))
                .statusCode(200)
                .body("results.index", contains(0, 1, 2))
                .body("results.collect { it.advice?.advice }", contains("PROCEED", null, "REFER"))
                .body("results[1].problem.status", equalTo(500))
                .body("results[1].problem.type", equalTo("urn:deal-advisor:problem:rule-failed"))
                .body("results[1].problem.detail", containsString("'" + BrokenRules.CONSEQUENCE_ERROR_RULE + "'"))
                .body("results[1].advice", nullValue())
                .body("summary.PROCEED", equalTo(1))
                .body("summary.REFER", equalTo(1))
                .body("summary.errors", equalTo(1));
    }
}
