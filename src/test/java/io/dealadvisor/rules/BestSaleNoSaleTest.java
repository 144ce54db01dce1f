package io.dealadvisor.rules;

import io.dealadvisor.domain.Advice;
import io.dealadvisor.domain.Reason;
import io.dealadvisor.domain.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.dealadvisor.rules.RulesHarness.decide;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BestSaleNoSaleTest {

    static final String RULE = "When our analysis finds the client needs nothing, we tell them so";
    static final String TELL_THEM = "Tell the client plainly that they do not need to buy anything.";

    @Test
    void aClientWhoNeedsNothingIsToldSoInsteadOfBeingSold() {
        Verdict verdict = decide(Deals.ready().with("discovery.nothingNeeded", "true"));

        assertEquals(Advice.NO_SALE, verdict.advice());
        Reason reason = Verdicts.onlyFrom(verdict, RULE);
        assertEquals("BEST_SALE_NO_SALE", reason.truth());
        assertEquals(Advice.NO_SALE, reason.advice());
        assertEquals("our analysis found that the client needs nothing", reason.explanation());
        assertEquals("Do not sell: our analysis found that the client needs nothing.", verdict.headline());
        assertTrue(verdict.actions().contains(TELL_THEM), verdict.actions()::toString);
    }

    @Test
    void theReadinessActionsOfTheOutvotedProceedAreDropped() {
        Verdict verdict = decide(Deals.ready().with("discovery.nothingNeeded", "true"));

        assertEquals(List.of(TELL_THEM), verdict.actions());
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "null"})
    void withoutThatFindingTheDealGoesAhead(String nothingNeeded) {
        Verdict verdict = decide(Deals.ready().with("discovery.nothingNeeded", nothingNeeded));

        assertEquals(Advice.PROCEED, verdict.advice());
        assertFalse(Verdicts.fired(verdict, RULE));
    }
}
