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

class FitsExistingInfrastructureTest {

    static final String MAJOR_REFER_RULE = "Major infrastructure changes send the client to a competitor that fits";
    static final String MAJOR_WAIT_RULE = "Major infrastructure changes with no competitor that fits mean waiting";
    static final String APPROVALS_RULE = "Too many sign-offs mean mapping the decision first";
    static final String POLITICS_RULE = "High political resistance means mapping the decision first";
    static final String MAP_DECIDERS = "Map who decides and what each of them needs.";
    static final String WORK_OUT_CHANGES = "Work out with the client what the changes would take, and who would carry"
            + " them, before proposing anything.";

    private static Deals majorChanges() {
        return Deals.ready().with("infrastructure.fit", "\"MAJOR_CHANGES\"");
    }

    @Test
    void majorChangesWithACompetitorThatFitsAsItIsAreReferredToIt() {
        Verdict verdict = decide(majorChanges()
                .add("competitors", "{\"name\": \"Hooli\", \"fitsRequirements\": true}")
                .add("competitors", "{\"name\": \"Acme\", \"fitsRequirements\": true, \"fitsInfrastructure\": true}"));

        assertEquals(Advice.REFER, verdict.advice());
        assertEquals("Acme", verdict.referTo());
        Reason reason = Verdicts.onlyFrom(verdict, MAJOR_REFER_RULE);
        assertEquals("FITS_EXISTING_INFRASTRUCTURE", reason.truth());
        assertEquals(Advice.REFER, reason.advice());
        assertEquals("our offering needs major changes to the client's infrastructure and a competitor fits as it is",
                reason.explanation());
        assertFalse(Verdicts.fired(verdict, MAJOR_WAIT_RULE));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"name\": \"Acme\", \"fitsRequirements\": true}",
            "{\"name\": \"Acme\", \"fitsInfrastructure\": true}",
            "{\"name\": \"Acme\", \"fitsRequirements\": false, \"fitsInfrastructure\": true}",
            "{\"name\": \"Acme\"}",
    })
    void majorChangesWithNoCompetitorThatFitsMeanWaiting(String competitor) {
        Verdict verdict = decide(majorChanges().add("competitors", competitor));

        assertEquals(Advice.WAIT, verdict.advice());
        assertNull(verdict.referTo());
        Reason reason = Verdicts.onlyFrom(verdict, MAJOR_WAIT_RULE);
        assertEquals("FITS_EXISTING_INFRASTRUCTURE", reason.truth());
        assertEquals(Advice.WAIT, reason.advice());
        assertEquals("our offering needs major changes to the client's infrastructure", reason.explanation());
        assertEquals(List.of(WORK_OUT_CHANGES), verdict.actions());
        assertFalse(Verdicts.fired(verdict, MAJOR_REFER_RULE));
    }

    @Test
    void majorChangesWithNoCompetitorsListedMeanWaiting() {
        Verdict verdict = decide(majorChanges());

        assertEquals(Advice.WAIT, verdict.advice());
        assertTrue(Verdicts.fired(verdict, MAJOR_WAIT_RULE));
    }

    @ParameterizedTest(name = "fit {0}")
    @ValueSource(strings = {"SEAMLESS", "MINOR_CHANGES"})
    void aFittingOfferingIsNotHeldBackByItsInfrastructure(String fit) {
        Verdict verdict = decide(Deals.ready().with("infrastructure.fit", '"' + fit + '"')
                .add("competitors", "{\"name\": \"Acme\", \"fitsRequirements\": true, \"fitsInfrastructure\": true}"));

        assertEquals(Advice.PROCEED, verdict.advice());
        assertTrue(Verdicts.citing(verdict, "FITS_EXISTING_INFRASTRUCTURE").isEmpty(), verdict.reasons()::toString);
    }

    @ParameterizedTest(name = "{0} approvals -> {1}")
    @CsvSource({"4, PROCEED", "5, WAIT", "0, PROCEED", "12, WAIT"})
    void moreThanFourApprovalsMeanMappingTheDecisionFirst(int approvals, Advice expected) {
        Verdict verdict = decide(Deals.ready().with("infrastructure.approvalsRequired", String.valueOf(approvals)));

        assertEquals(expected, verdict.advice());
        if (expected == Advice.WAIT) {
            Reason reason = Verdicts.onlyFrom(verdict, APPROVALS_RULE);
            assertEquals("FITS_EXISTING_INFRASTRUCTURE", reason.truth());
            assertEquals(Advice.WAIT, reason.advice());
            assertEquals(approvals + " approvals are required, more than 4", reason.explanation());
            assertEquals(List.of(MAP_DECIDERS), verdict.actions());
        } else {
            assertFalse(Verdicts.fired(verdict, APPROVALS_RULE));
            assertFalse(verdict.actions().contains(MAP_DECIDERS));
        }
    }

    @ParameterizedTest(name = "resistance {0} -> {1}")
    @CsvSource({"HIGH, WAIT", "MEDIUM, PROCEED", "LOW, PROCEED"})
    void highPoliticalResistanceMeansMappingTheDecisionFirst(String resistance, Advice expected) {
        Verdict verdict = decide(Deals.ready().with("infrastructure.politicalResistance", '"' + resistance + '"'));

        assertEquals(expected, verdict.advice());
        assertEquals(expected == Advice.WAIT, Verdicts.fired(verdict, POLITICS_RULE));
        assertEquals(expected == Advice.WAIT, verdict.actions().contains(MAP_DECIDERS));
    }

    @Test
    void manyApprovalsAndHighResistanceGiveTwoReasonsButOneAction() {
        Verdict verdict = decide(Deals.ready().with("infrastructure.approvalsRequired", "7")
                .with("infrastructure.politicalResistance", "\"HIGH\""));

        assertEquals(Advice.WAIT, verdict.advice());
        assertEquals(2, Verdicts.citing(verdict, "FITS_EXISTING_INFRASTRUCTURE").size());
        assertEquals(List.of(MAP_DECIDERS), verdict.actions());
    }
}
