package io.dealadvisor.rules;

import io.dealadvisor.domain.Advice;
import io.dealadvisor.domain.Reason;
import io.dealadvisor.domain.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static io.dealadvisor.rules.RulesHarness.decide;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiagnoseFirstTest {

    static final String NO_DISCOVERY_RULE = "A deal with no discovery waits for a diagnosis";
    static final String UNDIAGNOSED_RULE = "An undiagnosed problem or an unagreed outcome waits for a diagnosis";
    static final String READY_RULE = "A diagnosed problem with an agreed outcome that we cover and that fits is ready";
    static final String DIAGNOSE = "Diagnose the client's problem before recommending anything.";
    static final String AGREE_OUTCOME = "Agree with the client on the outcome they want.";
    static final String EXPLAIN_HOW = "Explain in detail how the client will cut freight audit time by half.";
    static final String INVITE = "Invite the client to get started.";

    @Test
    void aDealWithNoDiscoveryWaitsForADiagnosis() {
        Verdict verdict = decide(Deals.ready().without("discovery"));

        assertEquals(Advice.WAIT, verdict.advice());
        List<Reason> reasons = Verdicts.citing(verdict, "DIAGNOSE_FIRST");
        assertEquals(1, reasons.size(), reasons::toString);
        assertEquals(NO_DISCOVERY_RULE, reasons.get(0).rule());
        assertEquals(Advice.WAIT, reasons.get(0).advice());
        assertEquals("nothing has been discovered about the client's problem yet", reasons.get(0).explanation());
        assertEquals(List.of(DIAGNOSE, AGREE_OUTCOME), verdict.actions());
    }

    @ParameterizedTest(name = "problemDiagnosed={0}, desiredOutcome={1}")
    @CsvSource(delimiter = '|', value = {
            "false | \"cut freight audit time by half\" | the problem is not diagnosed yet                       | true  | false",
            "null  | \"cut freight audit time by half\" | the problem is not diagnosed yet                       | true  | false",
            "true  | null                               | the outcome the client wants is not agreed yet         | false | true",
            "true  | \"   \"                             | the outcome the client wants is not agreed yet         | false | true",
            "false | null                               | the problem is not diagnosed and no outcome is agreed  | true  | true",
    })
    void anUndiagnosedProblemOrUnagreedOutcomeGivesOneReasonAndOnlyTheMissingSteps(
            String problemDiagnosed, String desiredOutcome, String explanation, boolean diagnose, boolean agree) {
        Verdict verdict = decide(Deals.ready().with("discovery.problemDiagnosed", problemDiagnosed)
                .with("discovery.desiredOutcome", desiredOutcome));

        assertEquals(Advice.WAIT, verdict.advice());
        List<Reason> reasons = Verdicts.citing(verdict, "DIAGNOSE_FIRST");
        assertEquals(1, reasons.size(), reasons::toString);
        assertEquals(UNDIAGNOSED_RULE, reasons.get(0).rule());
        assertEquals(explanation, reasons.get(0).explanation());
        assertEquals(diagnose, verdict.actions().contains(DIAGNOSE), verdict.actions()::toString);
        assertEquals(agree, verdict.actions().contains(AGREE_OUTCOME), verdict.actions()::toString);
    }

    @Test
    void aDiagnosedCoveredFittingDealWithNothingOutstandingIsReady() {
        Verdict verdict = decide(Deals.ready());

        assertEquals(Advice.PROCEED, verdict.advice());
        Reason reason = Verdicts.onlyFrom(verdict, READY_RULE);
        assertEquals("DIAGNOSE_FIRST", reason.truth());
        assertEquals(Advice.PROCEED, reason.advice());
        assertEquals("the problem is diagnosed, the client wants to cut freight audit time by half,"
                + " and nothing holds the sale back", reason.explanation());
        assertEquals(List.of(EXPLAIN_HOW, INVITE), verdict.actions());
    }

    static Stream<Arguments> whatHoldsReadinessBack() {
        return Stream.of(
                change("problem not diagnosed", deal -> deal.with("discovery.problemDiagnosed", "false")),
                change("no agreed outcome", deal -> deal.without("discovery.desiredOutcome")),
                change("coverage below 0.6", deal -> deal.with("discovery.requirementsCovered", "0.59")),
                change("major changes", deal -> deal.with("infrastructure.fit", "\"MAJOR_CHANGES\"")),
                change("incompatible", deal -> deal.with("infrastructure.fit", "\"INCOMPATIBLE\"")),
                change("fit unknown", deal -> deal.without("infrastructure.fit")),
                change("no infrastructure", deal -> deal.without("infrastructure")),
                change("pending milestone", deal -> deal.add("milestones",
                        "{\"name\": \"Budget approval\", \"due\": \"2027-01-15\", \"status\": \"PENDING\"}")),
                change("incident not apologised", deal -> deal.add("incidents",
                        "{\"id\": \"INC-1\", \"clientLoss\": 500, \"apologized\": false, \"amendsOffered\": 1000}")),
                change("incident amends short", deal -> deal.add("incidents",
                        "{\"id\": \"INC-1\", \"clientLoss\": 500, \"apologized\": true, \"amendsOffered\": 999}")));
    }

    private static Arguments change(String name, UnaryOperator<Deals> change) {
        return Arguments.of(name, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("whatHoldsReadinessBack")
    void eachOutstandingThingHoldsReadinessBack(String name, UnaryOperator<Deals> change) {
        Verdict verdict = decide(change.apply(Deals.ready()));

        assertFalse(Verdicts.fired(verdict, READY_RULE), verdict.reasons()::toString);
        assertFalse(verdict.actions().contains(INVITE), verdict.actions()::toString);
    }

    static Stream<Arguments> whatDoesNotHoldReadinessBack() {
        return Stream.of(
                change("coverage unknown", deal -> deal.without("discovery.requirementsCovered")),
                change("coverage exactly 0.6", deal -> deal.with("discovery.requirementsCovered", "0.6")),
                change("seamless fit", deal -> deal.with("infrastructure.fit", "\"SEAMLESS\"")),
                change("milestone done", deal -> deal.add("milestones",
                        "{\"name\": \"Budget approval\", \"due\": \"2027-01-15\", \"status\": \"DONE\"}")),
                change("resolved incident", deal -> deal.add("incidents",
                        "{\"id\": \"INC-1\", \"clientLoss\": 500, \"apologized\": false, \"resolved\": true}")),
                change("incident owned in full", deal -> deal.add("incidents",
                        "{\"id\": \"INC-1\", \"clientLoss\": 500, \"apologized\": true, \"amendsOffered\": 1000}")),
                change("positioned as a need", deal -> deal.with("discovery.positioning", "\"NEED\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("whatDoesNotHoldReadinessBack")
    void whatIsSettledOrUnknownDoesNotHoldReadinessBack(String name, UnaryOperator<Deals> change) {
        Verdict verdict = decide(change.apply(Deals.ready()));

        assertTrue(Verdicts.fired(verdict, READY_RULE), verdict.reasons()::toString);
        assertEquals(Advice.PROCEED, verdict.advice());
    }
}
