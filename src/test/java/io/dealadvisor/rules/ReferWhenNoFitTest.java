package io.dealadvisor.rules;

import io.dealadvisor.domain.Advice;
import io.dealadvisor.domain.Reason;
import io.dealadvisor.domain.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.dealadvisor.rules.RulesHarness.decide;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReferWhenNoFitTest {

    static final String COVERAGE_RULE = "Requirements we cover too little of are better served elsewhere";
    static final String INCOMPATIBLE_RULE = "An offering incompatible with the client's infrastructure is referred";
    static final String NAME_COMPETITOR_RULE = "When we refer, we name the first competitor that fits";
    static final String HELP_FIND_RULE = "When we refer and no competitor fits, we help the client find one";
    static final String HELP_FIND = "Help the client find a supplier whose offering fits their requirements and infrastructure.";

    @ParameterizedTest(name = "coverage {0} -> {1}")
    @CsvSource({"0.59, REFER", "0.6, PROCEED", "0.599, REFER", "0.60, PROCEED", "0, REFER", "1, PROCEED",
            "0.59999999999999999, REFER", "0.60000000000000001, PROCEED"})
    void coverageBelowTheThresholdIsReferred(String coverage, Advice expected) {
        Verdict verdict = decide(Deals.ready().with("discovery.requirementsCovered", coverage));

        assertEquals(expected, verdict.advice());
        assertEquals(expected == Advice.REFER, Verdicts.fired(verdict, COVERAGE_RULE), verdict.reasons()::toString);
    }

    @Test
    void theCoverageReasonStatesTheShareAndTheThreshold() {
        Reason reason = Verdicts.onlyFrom(decide(Deals.ready().with("discovery.requirementsCovered", "0.59")),
                COVERAGE_RULE);

        assertEquals("REFER_WHEN_NO_FIT", reason.truth());
        assertEquals(Advice.REFER, reason.advice());
        assertEquals("our offering covers 0.59 of the requirements, below 0.6", reason.explanation());
    }

    /** A coverage a double would round to 0.6 is stated as sent. */
    @Test
    void theCoverageReasonStatesTheShareExactly() {
        Reason reason = Verdicts.onlyFrom(decide(Deals.ready().with("discovery.requirementsCovered",
                "0.59999999999999999")), COVERAGE_RULE);

        assertEquals("our offering covers 0.59999999999999999 of the requirements, below 0.6", reason.explanation());
    }

    @ParameterizedTest(name = "requirementsCovered {0}")
    @ValueSource(strings = {"absent", "null"})
    void unknownCoverageCountsAsCovered(String coverage) {
        Deals deal = coverage.equals("absent") ? Deals.ready().without("discovery.requirementsCovered")
                : Deals.ready().with("discovery.requirementsCovered", coverage);

        Verdict verdict = decide(deal);

        assertEquals(Advice.PROCEED, verdict.advice());
        assertTrue(Verdicts.citing(verdict, "REFER_WHEN_NO_FIT").isEmpty(), verdict.reasons()::toString);
    }

    @Test
    void anIncompatibleOfferingIsReferred() {
        Verdict verdict = decide(Deals.ready().with("infrastructure.fit", "\"INCOMPATIBLE\""));

        assertEquals(Advice.REFER, verdict.advice());
        Reason reason = Verdicts.onlyFrom(verdict, INCOMPATIBLE_RULE);
        assertEquals("REFER_WHEN_NO_FIT", reason.truth());
        assertEquals("our offering is incompatible with the client's infrastructure", reason.explanation());
    }

    @Test
    void theFirstCompetitorInTheListThatFitsBothWaysIsRecommended() {
        Verdict verdict = decide(Deals.ready().with("discovery.requirementsCovered", "0.4")
                .add("competitors", "{\"name\": \"Globex\", \"fitsRequirements\": true, \"fitsInfrastructure\": false}")
                .add("competitors", "{\"name\": \"Initech\", \"fitsRequirements\": true, \"fitsInfrastructure\": true}")
                .add("competitors", "{\"name\": \"Acme\", \"fitsRequirements\": true, \"fitsInfrastructure\": true}"));

        assertEquals(Advice.REFER, verdict.advice());
        assertEquals("Initech", verdict.referTo());
        assertEquals("Initech fits both the requirements and the infrastructure",
                Verdicts.onlyFrom(verdict, NAME_COMPETITOR_RULE).explanation());
        assertEquals(List.of("Recommend Initech to the client and offer to introduce them."), verdict.actions());
        assertEquals("Recommend Initech instead: our offering covers 0.4 of the requirements, below 0.6.",
                verdict.headline());
        assertFalse(Verdicts.fired(verdict, HELP_FIND_RULE));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"name\": \"Umbrella\", \"fitsRequirements\": true}",
            "{\"name\": \"Umbrella\", \"fitsInfrastructure\": true}",
            "{\"name\": \"Umbrella\", \"fitsRequirements\": true, \"fitsInfrastructure\": false}",
            "{\"name\": \"Umbrella\", \"fitsRequirements\": null, \"fitsInfrastructure\": true}",
    })
    void withoutACompetitorThatFitsBothWaysWeHelpTheClientFindOne(String competitor) {
        Verdict verdict = decide(Deals.ready().with("infrastructure.fit", "\"INCOMPATIBLE\"")
                .add("competitors", competitor));

        assertEquals(Advice.REFER, verdict.advice());
        assertNull(verdict.referTo());
        assertEquals(List.of(HELP_FIND), verdict.actions());
        assertEquals("no known competitor fits both the requirements and the infrastructure",
                Verdicts.onlyFrom(verdict, HELP_FIND_RULE).explanation());
        assertEquals("Help the client find a better fit: our offering is incompatible with the client's infrastructure.",
                verdict.headline());
    }

    @ParameterizedTest(name = "name {0}")
    @ValueSource(strings = {"null", "\"  \""})
    void anUnnamedFirstFitIsNotRecommendedByNameNorPassedOverForALaterOne(String name) {
        Verdict verdict = decide(Deals.ready().with("infrastructure.fit", "\"INCOMPATIBLE\"")
                .add("competitors", "{\"name\": " + name + ", \"fitsRequirements\": true, \"fitsInfrastructure\": true}")
                .add("competitors", "{\"name\": \"Acme\", \"fitsRequirements\": true, \"fitsInfrastructure\": true}"));

        assertEquals(Advice.REFER, verdict.advice());
        assertNull(verdict.referTo());
        assertEquals(List.of(HELP_FIND), verdict.actions());
        assertEquals("the first competitor that fits, number 1 in the list, has no name",
                Verdicts.onlyFrom(verdict, NAME_COMPETITOR_RULE).explanation());
    }

    @Test
    void withNoCompetitorsListedWeHelpTheClientFindOne() {
        Verdict verdict = decide(Deals.ready().with("discovery.requirementsCovered", "0.3"));

        assertNull(verdict.referTo());
        assertEquals(List.of(HELP_FIND), verdict.actions());
    }

    @Test
    void aFittingCompetitorIsNotRecommendedWhenWeDoNotRefer() {
        Verdict verdict = decide(Deals.ready()
                .add("competitors", "{\"name\": \"Acme\", \"fitsRequirements\": true, \"fitsInfrastructure\": true}"));

        assertEquals(Advice.PROCEED, verdict.advice());
        assertNull(verdict.referTo());
        assertTrue(Verdicts.citing(verdict, "REFER_WHEN_NO_FIT").isEmpty(), verdict.reasons()::toString);
    }

    @Test
    void aReferOutvotedByNoSaleNamesNobody() {
        Verdict verdict = decide(Deals.ready().with("discovery.requirementsCovered", "0.3")
                .with("discovery.nothingNeeded", "true")
                .add("competitors", "{\"name\": \"Acme\", \"fitsRequirements\": true, \"fitsInfrastructure\": true}"));

        assertEquals(Advice.NO_SALE, verdict.advice());
        assertNull(verdict.referTo());
        assertFalse(Verdicts.fired(verdict, NAME_COMPETITOR_RULE));
        assertTrue(Verdicts.fired(verdict, COVERAGE_RULE), "the outvoted REFER still appears among the reasons");
    }
}
