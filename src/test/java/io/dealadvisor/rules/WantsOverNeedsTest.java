package io.dealadvisor.rules;

import io.dealadvisor.domain.Advice;
import io.dealadvisor.domain.Reason;
import io.dealadvisor.domain.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.dealadvisor.rules.RulesHarness.decide;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WantsOverNeedsTest {

    static final String PRICED_NEED_RULE = "A need priced above the competition is bought on price";
    static final String WANT_RULE = "A want we cover and that fits is worth going ahead with";
    static final String COMMODITY_RULE = "A commodity sold as a need invites a price fight";
    static final String FIND_THE_WANT = "Find out what the client wants beyond the need.";
    static final String PRICE_FIGHT = "Expect a price fight: a commodity sold as a need is compared on price alone.";

    /** A deal sold as a need at our price against the lowest competitor's; an empty cell leaves the price out. */
    private static Deals needAt(String ourPrice, String lowestCompetitorPrice) {
        Deals deal = Deals.ready().with("discovery.positioning", "\"NEED\"");
        if (ourPrice != null) {
            deal.with("pricing.ourPrice", ourPrice);
        }
        if (lowestCompetitorPrice != null) {
            deal.with("pricing.lowestCompetitorPrice", lowestCompetitorPrice);
        }
        return deal;
    }

    @Test
    void aNeedPricedAboveTheCompetitionWaitsToFindTheWant() {
        Verdict verdict = decide(needAt("120000", "100000"));

        assertEquals(Advice.WAIT, verdict.advice());
        Reason reason = Verdicts.onlyFrom(verdict, PRICED_NEED_RULE);
        assertEquals("WANTS_OVER_NEEDS", reason.truth());
        assertEquals(Advice.WAIT, reason.advice());
        assertEquals("positioned as a need, our price 120000 EUR is above the lowest competitor's 100000 EUR",
                reason.explanation());
        assertEquals(List.of(FIND_THE_WANT), verdict.actions());
    }

    @ParameterizedTest(name = "ours={0}, lowest={1}")
    @CsvSource({"100000, 100000", "100000.00, 100000", "99999.99, 100000", ", 100000", "120000,", ","})
    void aNeedPricedAtOrBelowTheCompetitionOrWithoutBothPricesIsNotHeldBackOnPrice(String ours, String lowest) {
        Verdict verdict = decide(needAt(ours, lowest));

        assertFalse(Verdicts.fired(verdict, PRICED_NEED_RULE), verdict.reasons()::toString);
        assertEquals(Advice.PROCEED, verdict.advice(), "the readiness rule still votes for a diagnosed, fitting need");
    }

    @Test
    void aWantIsNotJudgedOnPrice() {
        Verdict verdict = decide(Deals.ready().with("pricing.ourPrice", "150000")
                .with("pricing.lowestCompetitorPrice", "90000"));

        assertEquals(Advice.PROCEED, verdict.advice());
        assertFalse(Verdicts.fired(verdict, PRICED_NEED_RULE));
    }

    @ParameterizedTest(name = "category {0}, positioning {1}")
    @CsvSource({"COMMODITY, NEED, true", "COMMODITY, WANT, false", "SPECIALTY, NEED, false", "LUXURY, NEED, false"})
    void aCommoditySoldAsANeedWarnsOfAPriceFightWithoutChangingTheAdvice(String category, String positioning,
                                                                         boolean warned) {
        Deals deal = Deals.ready().with("offering.category", '"' + category + '"')
                .with("discovery.positioning", '"' + positioning + '"');

        Verdict verdict = decide(deal);

        assertEquals(warned ? List.of(PRICE_FIGHT) : List.of(), verdict.warnings());
        assertEquals(Advice.PROCEED, verdict.advice());
        if (warned) {
            Reason reason = Verdicts.onlyFrom(verdict, COMMODITY_RULE);
            assertEquals("WANTS_OVER_NEEDS", reason.truth());
            assertNull(reason.advice(), "a warning is not a vote");
            assertEquals("a commodity positioned as a need", reason.explanation());
        }
    }

    @Test
    void aCommodityNeedPricedAboveTheCompetitionBothWaitsAndWarns() {
        Verdict verdict = decide(needAt("120000", "100000").with("offering.category", "\"COMMODITY\""));

        assertEquals(Advice.WAIT, verdict.advice());
        assertEquals(List.of(PRICE_FIGHT), verdict.warnings());
        assertEquals(List.of(FIND_THE_WANT), verdict.actions());
    }

    @ParameterizedTest(name = "positioning {0}, coverage {1}, fit {2} -> votes PROCEED: {3}")
    @CsvSource({
            "WANT,    0.85, MINOR_CHANGES, true",
            "WANT,    0.6,  SEAMLESS,      true",
            "WANT,    ,     SEAMLESS,      true",   // unknown coverage counts as covered
            "WANT,    0.59, SEAMLESS,      false",
            "WANT,    0.85, MAJOR_CHANGES, false",
            "WANT,    0.85, INCOMPATIBLE,  false",
            "NEED,    0.85, SEAMLESS,      false",
            "UNKNOWN, 0.85, SEAMLESS,      false",
    })
    void aWantWeCoverAndThatFitsVotesToProceed(String positioning, String coverage, String fit, boolean votes) {
        Deals deal = Deals.ready().with("discovery.positioning", '"' + positioning + '"')
                .with("infrastructure.fit", '"' + fit + '"');
        deal = coverage == null ? deal.without("discovery.requirementsCovered")
                : deal.with("discovery.requirementsCovered", coverage);

        Verdict verdict = decide(deal);

        assertEquals(votes, Verdicts.fired(verdict, WANT_RULE), verdict.reasons()::toString);
        if (votes) {
            Reason reason = Verdicts.onlyFrom(verdict, WANT_RULE);
            assertEquals("WANTS_OVER_NEEDS", reason.truth());
            assertEquals(Advice.PROCEED, reason.advice());
            assertEquals("the client wants this, we cover their requirements and it fits their infrastructure",
                    reason.explanation());
        }
    }

    @Test
    void theWantVoteAloneCarriesAnUndiagnosedDealNoFurtherThanWaiting() {
        Verdict verdict = decide(Deals.ready().with("discovery.problemDiagnosed", "false"));

        assertTrue(Verdicts.fired(verdict, WANT_RULE));
        assertEquals(Advice.WAIT, verdict.advice());
    }
}
