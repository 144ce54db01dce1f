package io.dealadvisor.rules;

import io.dealadvisor.domain.Advice;
import io.dealadvisor.domain.Reason;
import io.dealadvisor.domain.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.dealadvisor.rules.RulesHarness.decide;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the votes of all rules become one verdict: which advice wins, and how reasons and actions are ordered. */
class PrecedenceTest {

    private static final List<Advice> STRONGEST_FIRST = List.of(Advice.NO_SALE, Advice.REFER, Advice.WAIT,
            Advice.PROCEED);
    private static final String FUTURE_MILESTONE =
            "{\"name\": \"Security review\", \"due\": \"2026-12-15\", \"status\": \"PENDING\"}";
    private static final String OVERDUE_MILESTONE =
            "{\"name\": \"Pilot review\", \"due\": \"2026-11-01\", \"status\": \"PENDING\"}";
    private static final String UNOWNED_INCIDENT = "{\"id\": \"INC-7\", \"summary\": \"late delivery\","
            + " \"clientLoss\": 500, \"apologized\": false, \"amendsOffered\": 0}";
    private static final String PRESSURE = "{\"internalPushToClose\": true, \"reason\": \"quarter end\"}";

    static Stream<Arguments> combinedVotes() {
        return Stream.of(
                Arguments.of(Advice.NO_SALE, EnumSet.of(Advice.NO_SALE, Advice.REFER, Advice.WAIT),
                        Deals.ready().with("discovery.nothingNeeded", "true")
                                .with("discovery.requirementsCovered", "0.4")
                                .add("milestones", FUTURE_MILESTONE)),
                Arguments.of(Advice.NO_SALE, EnumSet.of(Advice.NO_SALE, Advice.WAIT, Advice.PROCEED),
                        Deals.ready().with("client.needConfirmed", "false")
                                .with("infrastructure.politicalResistance", "\"HIGH\"")),
                Arguments.of(Advice.REFER, EnumSet.of(Advice.REFER, Advice.WAIT),
                        Deals.ready().with("infrastructure.fit", "\"INCOMPATIBLE\"")
                                .add("milestones", FUTURE_MILESTONE).add("incidents", UNOWNED_INCIDENT)),
                Arguments.of(Advice.WAIT, EnumSet.of(Advice.WAIT, Advice.PROCEED),
                        Deals.ready().with("infrastructure.approvalsRequired", "9")),
                Arguments.of(Advice.PROCEED, EnumSet.of(Advice.PROCEED), Deals.ready()));
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @MethodSource("combinedVotes")
    void theStrongestVoteWins(Advice expected, Set<Advice> votes, Deals deal) {
        Verdict verdict = decide(deal);

        assertEquals(votes, votesIn(verdict), "the deal must really combine these votes");
        assertEquals(expected, verdict.advice());
    }

    @Test
    void aDealNobodyVotesOnWaits() {
        // Without infrastructure facts neither the readiness nor the want rule can vote, and nothing else objects.
        Verdict verdict = decide(Deals.ready().without("infrastructure"));

        assertEquals(List.of(), verdict.reasons());
        assertEquals(Advice.WAIT, verdict.advice());
        assertEquals("Wait: nothing known about this deal is enough to advise a sale yet.", verdict.headline());
        assertEquals(List.of(), verdict.actions());
        assertNull(verdict.revisitOn());
        assertNull(verdict.referTo());
    }

    @Test
    void reasonsListVotesStrongestFirstByTruthAndRuleThenTheRulesThatCastNoVote() {
        Verdict verdict = decide(Deals.ready()
                .with("client.lifetimeValue", "900000")
                .with("discovery.nothingNeeded", "true")
                .with("discovery.requirementsCovered", "0.4")
                .with("infrastructure", "{\"fit\": \"INCOMPATIBLE\", \"approvalsRequired\": 6,"
                        + " \"politicalResistance\": \"HIGH\"}")
                .add("milestones", FUTURE_MILESTONE)
                .add("milestones", OVERDUE_MILESTONE)
                .add("incidents", UNOWNED_INCIDENT)
                .with("pressure", PRESSURE));

        assertEquals(List.of(
                "NO_SALE BEST_SALE_NO_SALE When our analysis finds the client needs nothing, we tell them so",
                "REFER REFER_WHEN_NO_FIT An offering incompatible with the client's infrastructure is referred",
                "REFER REFER_WHEN_NO_FIT Requirements we cover too little of are better served elsewhere",
                "WAIT FITS_EXISTING_INFRASTRUCTURE High political resistance means mapping the decision first",
                "WAIT FITS_EXISTING_INFRASTRUCTURE Too many sign-offs mean mapping the decision first",
                "WAIT NO_PUSH_BEFORE_MILESTONES A pending milestone of the client's holds the sale until it is reached",
                "WAIT NO_PUSH_BEFORE_MILESTONES A pending milestone of the client's holds the sale until it is reached",
                "WAIT OWN_YOUR_MISTAKES An open incident without an apology or generous amends comes before any sale",
                "null CLOSE_THE_CLIENT A client worth many times this deal is looked after whatever we advise",
                "null NO_PUSH_BEFORE_MILESTONES An overdue milestone is a question to ask, not a push",
                "null NO_PUSH_BEFORE_MILESTONES Internal pressure to close is noted and never changes the advice"),
                verdict.reasons().stream().map(r -> r.advice() + " " + r.truth() + " " + r.rule()).toList());
        assertEquals(Advice.NO_SALE, verdict.advice());
        assertEquals("Do not sell: our analysis found that the client needs nothing.", verdict.headline(),
                "the headline gives the strongest reason");
        // Only the winning vote's action, and those of the rules that cast no vote, in the order of the reasons.
        assertEquals(List.of("Tell the client plainly that they do not need to buy anything.",
                "Protect the relationship: keep in touch and help the client, whatever happens to this deal.",
                "Ask the client where they stand on Pilot review, without pressure."), verdict.actions());
        assertEquals(List.of("Internal pressure to close (quarter end) is not the client's reason to buy; do not push."),
                verdict.warnings());
        assertNull(verdict.referTo(), "we do not refer, so nobody is named");
        assertNull(verdict.revisitOn(), "we do not wait, so there is no date to come back");
    }

    @Test
    void votesForTheSameAdviceAreOrderedByTruthCode() {
        Verdict verdict = decide(Deals.ready().with("client.needConfirmed", "false")
                .with("infrastructure.approvalsRequired", "6"));

        assertEquals(List.of("NO_SALE SIDE_BY_SIDE", "WAIT FITS_EXISTING_INFRASTRUCTURE", "PROCEED DIAGNOSE_FIRST",
                        "PROCEED WANTS_OVER_NEEDS"),
                verdict.reasons().stream().map(r -> r.advice() + " " + r.truth()).toList());
    }

    @Test
    void actionsComeFromEveryWinningVoteInReasonOrderWithoutDuplicates() {
        Verdict verdict = decide(Deals.ready().without("discovery")
                .with("client.lifetimeValue", "900000")
                .with("infrastructure.approvalsRequired", "6")
                .with("infrastructure.politicalResistance", "\"HIGH\"")
                .add("incidents", UNOWNED_INCIDENT)
                .with("pressure", PRESSURE));

        assertEquals(Advice.WAIT, verdict.advice());
        assertEquals(List.of(
                "Diagnose the client's problem before recommending anything.",
                "Agree with the client on the outcome they want.",
                "Map who decides and what each of them needs.",
                "Apologise to the client for INC-7 (late delivery), without excuses.",
                "Offer amends for INC-7 (late delivery) worth at least 1000 EUR.",
                "Protect the relationship: keep in touch and help the client, whatever happens to this deal."),
                verdict.actions());
    }

    @Test
    void theSameDealAlwaysGetsTheSameVerdict() {
        Deals deal = Deals.ready().with("client.lifetimeValue", "900000")
                .with("discovery.requirementsCovered", "0.5")
                .add("competitors", "{\"name\": \"Acme\", \"fitsRequirements\": true, \"fitsInfrastructure\": true}")
                .add("milestones", FUTURE_MILESTONE).add("milestones", OVERDUE_MILESTONE)
                .add("incidents", UNOWNED_INCIDENT).with("pressure", PRESSURE);

        Verdict first = decide(deal);
        decide(Deals.ready().with("discovery.nothingNeeded", "true"));
        Verdict second = decide(deal);

        assertEquals(first, second);
        assertEquals(Advice.REFER, first.advice());
        assertEquals("Acme", first.referTo());
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @MethodSource("combinedVotes")
    void everyVerdictListsVotesByPrecedenceThenNonVotes(Advice expected, Set<Advice> votes, Deals deal) {
        List<Reason> reasons = decide(deal).reasons();

        for (int i = 1; i < reasons.size(); i++) {
            assertTrue(rank(reasons.get(i - 1)) <= rank(reasons.get(i)), () -> "out of order: " + reasons);
        }
    }

    private static int rank(Reason reason) {
        return reason.advice() == null ? STRONGEST_FIRST.size() : STRONGEST_FIRST.indexOf(reason.advice());
    }

    private static Set<Advice> votesIn(Verdict verdict) {
        return verdict.reasons().stream().map(Reason::advice).filter(Objects::nonNull)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Advice.class)));
    }
}
