package io.dealadvisor.api;

import io.dealadvisor.testing.RulesFolder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.dealadvisor.api.Api.qualifyBatch;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * A rule that keeps re-activating itself on one deal of a batch: that deal gets a 500 problem of its own,
 * naming the rule, and the other deals still get advice.
 */
@QuarkusTest
@TestProfile(BatchFiringBoundTest.RunawayOnOneDeal.class)
class BatchFiringBoundTest {

    static final String RUNAWAY_RULE = "Every look at this one deal makes another";

    /** The shipped rules plus a runaway rule that only one deal id triggers (no scenario does). */
    public static class RunawayOnOneDeal implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            RulesFolder rules = RulesFolder.copyOfShippedInTempFolder();
            rules.write("runaway.drl", """
                    package dealadvisor.rules;

                    import io.dealadvisor.domain.*;

                    global Conclusions conclusions;

                    rule "%s"
                        @truth("DIAGNOSE_FIRST")
                    when
                        $deal : Deal( id != null, id.startsWith("OPP-RUNAWAY") )
                    then
                        insert(new Deal($deal.id() + "+", $deal.asOf()));
                    end
                    """.formatted(RUNAWAY_RULE));
            return Map.of("deal-advisor.rules.dir", rules.root().toString(),
                    "deal-advisor.rules.max-firings", "200", "deal-advisor.rules.watch", "false");
        }
    }

    @Test
    void onlyTheDealThatHitsTheBoundGetsA500Problem() {
        qualifyBatch(DealJson.batch(List.of(DealJson.ready(), DealJson.ready().withId("OPP-RUNAWAY"),
                DealJson.poorFit())))
                .statusCode(200)
                .body("results.index", contains(0, 1, 2))
                .body("results.collect { it.advice?.advice }", contains("PROCEED", null, "REFER"))
                .body("results[1].problem.status", equalTo(500))
                .body("results[1].problem.type", equalTo("urn:deal-advisor:problem:rule-failed"))
                .body("results[1].problem.detail", containsString("'" + RUNAWAY_RULE + "'"))
                .body("results[1].problem.detail", containsString("more than 200 rule firings"))
                .body("results[1].advice", nullValue())
                .body("summary.PROCEED", equalTo(1))
                .body("summary.REFER", equalTo(1))
                .body("summary.errors", equalTo(1));
    }
}
