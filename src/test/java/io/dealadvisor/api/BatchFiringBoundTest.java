package io.dealadvisor.api;

import io.dealadvisor.testing.SwitchesFlipped;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.dealadvisor.api.Api.qualifyBatch;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * A rule that keeps re-activating itself on one deal of a batch: that deal gets a 500 problem of its own,
 * naming the rule, and the other deals still get advice. The runaway rule is added to the shipped ones by
 * {@link SwitchesFlipped}.
 */
@QuarkusTest
@TestProfile(SwitchesFlipped.class)
class BatchFiringBoundTest {

    @Test
    void onlyTheDealThatHitsTheBoundGetsA500Problem() {
        qualifyBatch(DealJson.batch(List.of(DealJson.ready(), DealJson.ready().withId(SwitchesFlipped.RUNAWAY_DEAL),
                DealJson.poorFit())))
                .statusCode(200)
                .body("results.index", contains(0, 1, 2))
                .body("results.collect { it.advice?.advice }", contains("PROCEED", null, "REFER"))
                .body("results[1].problem.status", equalTo(500))
                .body("results[1].problem.type", equalTo("urn:deal-advisor:problem:rule-failed"))
                .body("results[1].problem.detail", containsString("'" + SwitchesFlipped.RUNAWAY_RULE + "'"))
                .body("results[1].problem.detail",
                        containsString("more than " + SwitchesFlipped.MAX_FIRINGS + " rule firings"))
                .body("results[1].advice", nullValue())
                .body("summary.PROCEED", equalTo(1))
                .body("summary.REFER", equalTo(1))
                .body("summary.errors", equalTo(1));
    }
}
