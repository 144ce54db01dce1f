package io.dealadvisor.rules;

import io.dealadvisor.domain.Advice;
import io.dealadvisor.domain.Reason;
import io.dealadvisor.domain.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.dealadvisor.rules.RulesHarness.decide;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CloseTheClientTest {

    static final String RULE = "A client worth many times this deal is looked after whatever we advise";
    static final String PROTECT = "Protect the relationship: keep in touch and help the client, whatever happens to this deal.";

    /** The ready deal (120000 EUR) held back by the client's security review, for a client of the given value. */
    private static Deals waitingFor(String lifetimeValue) {
        return Deals.ready().with("client.lifetimeValue", lifetimeValue)
                .add("milestones", "{\"name\": \"Security review\", \"due\": \"2026-12-15\", \"status\": \"PENDING\"}");
    }

    @ParameterizedTest(name = "lifetime value {0} -> protected: {1}")
    @CsvSource({"360000, true", "359999.99, false", "360000.01, true", "2000000, true", "0, false"})
    void aClientWorthAtLeastThreeTimesTheDealIsLookedAfter(String lifetimeValue, boolean protectedRelationship) {
        Verdict verdict = decide(waitingFor(lifetimeValue));

        assertEquals(Advice.WAIT, verdict.advice());
        assertEquals(protectedRelationship, Verdicts.fired(verdict, RULE), verdict.reasons()::toString);
        assertEquals(protectedRelationship, verdict.actions().contains(PROTECT), verdict.actions()::toString);
    }

    @Test
    void theReasonStatesTheValueAndCastsNoVote() {
        Verdict verdict = decide(waitingFor("360000"));

        Reason reason = Verdicts.onlyFrom(verdict, RULE);
        assertEquals("CLOSE_THE_CLIENT", reason.truth());
        assertNull(reason.advice());
        assertEquals("the client's lifetime value of 360000 EUR is at least 3 times this deal", reason.explanation());
        int position = verdict.reasons().indexOf(reason);
        assertTrue(verdict.reasons().subList(position, verdict.reasons().size()).stream()
                .allMatch(later -> later.advice() == null), () -> "non-votes come after every vote: " + verdict.reasons());
    }

    @Test
    void aDealOfNoAmountIsNotMeasuredAgainstTheRelationship() {
        Verdict verdict = decide(waitingFor("500000").with("offering.amount", "0"));

        assertFalse(Verdicts.fired(verdict, RULE));
    }

    @Test
    void withoutAnAmountOrALifetimeValueThereIsNothingToCompare() {
        assertFalse(Verdicts.fired(decide(waitingFor("500000").without("offering.amount")), RULE));
        assertFalse(Verdicts.fired(decide(waitingFor("500000").without("client.lifetimeValue")), RULE));
    }

    @Test
    void aDealWeGoAheadWithNeedsNoReminder() {
        Verdict verdict = decide(Deals.ready().with("client.lifetimeValue", "5000000"));

        assertEquals(Advice.PROCEED, verdict.advice());
        assertFalse(Verdicts.fired(verdict, RULE));
        assertFalse(verdict.actions().contains(PROTECT));
    }

    static Stream<Arguments> dealsWeDoNotGoAheadWith() {
        return Stream.of(
                Arguments.of(Advice.WAIT, Deals.ready().with("infrastructure.approvalsRequired", "6")),
                Arguments.of(Advice.REFER, Deals.ready().with("infrastructure.fit", "\"INCOMPATIBLE\"")),
                Arguments.of(Advice.NO_SALE, Deals.ready().with("discovery.nothingNeeded", "true")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dealsWeDoNotGoAheadWith")
    void theRelationshipIsProtectedWhateverWeAdviseExceptProceedAndTheAdviceStands(Advice advice, Deals deal) {
        Verdict ordinary = decide(deal);
        Verdict valuable = decide(Deals.parse(deal.toString()).with("client.lifetimeValue", "900000"));

        assertEquals(advice, ordinary.advice());
        assertEquals(advice, valuable.advice());
        assertFalse(Verdicts.fired(ordinary, RULE));
        assertTrue(Verdicts.fired(valuable, RULE));
        assertTrue(valuable.actions().contains(PROTECT), valuable.actions()::toString);
    }
}
