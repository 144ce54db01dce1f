package io.dealadvisor.rules;

import io.dealadvisor.domain.Advice;
import io.dealadvisor.domain.Reason;
import io.dealadvisor.domain.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static io.dealadvisor.rules.RulesHarness.decide;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ready deal is decided as of 2026-11-23. */
class NoPushBeforeMilestonesTest {

    static final String PENDING_RULE = "A pending milestone of the client's holds the sale until it is reached";
    static final String OVERDUE_RULE = "An overdue milestone is a question to ask, not a push";
    static final String PRESSURE_RULE = "Internal pressure to close is noted and never changes the advice";
    static final String REVISIT_RULE = "While we wait, we come back at the client's next milestone";

    private static String milestone(String name, String due, String status) {
        return "{\"name\": \"" + name + "\", \"due\": " + (due == null ? "null" : '"' + due + '"')
                + ", \"status\": \"" + status + "\"}";
    }

    private static String letThemReach(String milestone) {
        return "Let the client reach " + milestone + " before asking for a decision.";
    }

    private static String askWhereTheyStand(String milestone) {
        return "Ask the client where they stand on " + milestone + ", without pressure.";
    }

    @Test
    void aFutureMilestoneHoldsTheSaleUntilItsDate() {
        Verdict verdict = decide(Deals.ready().add("milestones", milestone("Security review", "2026-12-15", "PENDING")));

        assertEquals(Advice.WAIT, verdict.advice());
        assertEquals(LocalDate.of(2026, 12, 15), verdict.revisitOn());
        Reason reason = Verdicts.onlyFrom(verdict, PENDING_RULE);
        assertEquals("NO_PUSH_BEFORE_MILESTONES", reason.truth());
        assertEquals(Advice.WAIT, reason.advice());
        assertEquals("Security review is pending, due 2026-12-15", reason.explanation());
        assertEquals("Wait until 2026-12-15: Security review is pending, due 2026-12-15.", verdict.headline());
        assertFalse(Verdicts.fired(verdict, OVERDUE_RULE));
        assertEquals(List.of(letThemReach("Security review")), verdict.actions(),
                "nothing to chase before the client's own date");
    }

    @Test
    void anOverdueMilestoneIsAQuestionToAskAndGivesNoRevisitDate() {
        Verdict verdict = decide(Deals.ready().add("milestones", milestone("Security review", "2026-11-01", "PENDING")));

        assertEquals(Advice.WAIT, verdict.advice());
        assertNull(verdict.revisitOn());
        assertFalse(Verdicts.fired(verdict, REVISIT_RULE));
        Reason overdue = Verdicts.onlyFrom(verdict, OVERDUE_RULE);
        assertNull(overdue.advice());
        assertEquals("Security review was due 2026-11-01 and is still pending", overdue.explanation());
        assertEquals(List.of(letThemReach("Security review"), askWhereTheyStand("Security review")),
                verdict.actions());
        assertEquals("Wait: Security review is pending, due 2026-11-01.", verdict.headline());
    }

    @Test
    void aMilestoneDueOnTheDayOfTheDecisionIsNotOverdueAndIsTheRevisitDate() {
        Verdict verdict = decide(Deals.ready().add("milestones", milestone("Board meeting", "2026-11-23", "PENDING")));

        assertEquals(Advice.WAIT, verdict.advice());
        assertEquals(LocalDate.of(2026, 11, 23), verdict.revisitOn());
        assertFalse(Verdicts.fired(verdict, OVERDUE_RULE));
    }

    @Test
    void theRevisitDateIsTheEarliestPendingDateNotYetPastWhateverTheListOrder() {
        Verdict verdict = decide(Deals.ready()
                .add("milestones", milestone("Budget sign-off", "2027-02-01", "PENDING"))
                .add("milestones", milestone("Pilot review", "2026-10-30", "PENDING"))
                .add("milestones", milestone("Legal review", "2026-11-05", "DONE"))
                .add("milestones", milestone("Security review", "2026-12-15", "PENDING"))
                .add("milestones", milestone("Reference call", "2026-11-30", "DONE")));

        assertEquals(Advice.WAIT, verdict.advice());
        assertEquals(LocalDate.of(2026, 12, 15), verdict.revisitOn());
        assertEquals(List.of(letThemReach("Budget sign-off"), letThemReach("Pilot review"),
                letThemReach("Security review"), askWhereTheyStand("Pilot review")), verdict.actions(),
                "every pending milestone is left to the client; only the overdue one is asked about");
        assertEquals(3, Verdicts.from(verdict, PENDING_RULE).size(), "one reason per pending milestone");
        assertEquals("revisit on 2026-12-15, when Security review is due",
                Verdicts.onlyFrom(verdict, REVISIT_RULE).explanation());
    }

    @Test
    void twoMilestonesDueTheSameDayGiveThatDayNamingTheFirstListed() {
        Verdict verdict = decide(Deals.ready()
                .add("milestones", milestone("Security review", "2026-12-15", "PENDING"))
                .add("milestones", milestone("Budget sign-off", "2026-12-15", "PENDING")));

        assertEquals(LocalDate.of(2026, 12, 15), verdict.revisitOn());
        assertEquals("revisit on 2026-12-15, when Security review is due",
                Verdicts.onlyFrom(verdict, REVISIT_RULE).explanation());
    }

    @Test
    void aPendingMilestoneWithoutADateHoldsTheSaleWithoutARevisitDate() {
        Verdict verdict = decide(Deals.ready().add("milestones", milestone("Pilot", null, "PENDING")));

        assertEquals(Advice.WAIT, verdict.advice());
        assertNull(verdict.revisitOn());
        assertEquals("Pilot is pending", Verdicts.onlyFrom(verdict, PENDING_RULE).explanation());
        assertFalse(Verdicts.fired(verdict, OVERDUE_RULE));
    }

    @ParameterizedTest(name = "due {0}")
    @ValueSource(strings = {"2026-10-01", "2026-11-23", "2027-03-01"})
    void milestonesTheClientHasReachedAreIgnored(String due) {
        Verdict verdict = decide(Deals.ready().add("milestones", milestone("Security review", due, "DONE")));

        assertEquals(Advice.PROCEED, verdict.advice());
        assertNull(verdict.revisitOn());
        assertTrue(Verdicts.citing(verdict, "NO_PUSH_BEFORE_MILESTONES").isEmpty(), verdict.reasons()::toString);
    }

    @Test
    void thereIsNoRevisitDateWhenTheAdviceIsNotToWait() {
        Verdict verdict = decide(Deals.ready().with("discovery.nothingNeeded", "true")
                .add("milestones", milestone("Security review", "2026-12-15", "PENDING")));

        assertEquals(Advice.NO_SALE, verdict.advice());
        assertNull(verdict.revisitOn());
        assertTrue(Verdicts.fired(verdict, PENDING_RULE), "the outvoted WAIT is still a reason");
    }

    static Stream<Arguments> dealsUnderPressure() {
        return Stream.of(
                Arguments.of("ready", Deals.ready()),
                Arguments.of("waiting for a milestone", Deals.ready()
                        .add("milestones", milestone("Security review", "2026-12-15", "PENDING"))),
                Arguments.of("referred", Deals.ready().with("discovery.requirementsCovered", "0.4")),
                Arguments.of("needing nothing", Deals.ready().with("discovery.nothingNeeded", "true")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dealsUnderPressure")
    void internalPressureToCloseWarnsAndNeverChangesTheAdvice(String name, Deals deal) {
        Verdict calm = decide(deal);
        Verdict pressed = decide(Deals.parse(deal.toString())
                .with("pressure", "{\"internalPushToClose\": true, \"reason\": \"quarter end\"}"));

        assertEquals(calm.advice(), pressed.advice());
        assertEquals(calm.actions(), pressed.actions());
        assertEquals(calm.revisitOn(), pressed.revisitOn());
        assertEquals(calm.referTo(), pressed.referTo());
        assertEquals(List.of("Internal pressure to close (quarter end) is not the client's reason to buy; do not push."),
                pressed.warnings());
        Reason reason = Verdicts.onlyFrom(pressed, PRESSURE_RULE);
        assertEquals("NO_PUSH_BEFORE_MILESTONES", reason.truth());
        assertNull(reason.advice());
        assertEquals("there is internal pressure to close (quarter end)", reason.explanation());
    }

    @Test
    void pressureWithoutAStatedReasonStillWarns() {
        Verdict verdict = decide(Deals.ready().with("pressure", "{\"internalPushToClose\": true, \"reason\": \" \"}"));

        assertEquals(List.of("Internal pressure to close is not the client's reason to buy; do not push."),
                verdict.warnings());
    }

    @ParameterizedTest(name = "internalPushToClose {0}")
    @ValueSource(strings = {"false", "null"})
    void noPushToCloseNoWarning(String push) {
        Verdict verdict = decide(Deals.ready().with("pressure", "{\"internalPushToClose\": " + push
                + ", \"reason\": \"quarter end\"}"));

        assertEquals(List.of(), verdict.warnings());
        assertFalse(Verdicts.fired(verdict, PRESSURE_RULE));
    }
}
