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
import static org.junit.jupiter.api.Assertions.assertTrue;

class SideBySideTest {

    static final String ASK_WHY_RULE = "A client who says they need nothing is asked why before anything else";
    static final String CONFIRMED_RULE = "A client who, once asked, needs nothing gets no sale";
    static final String ASK_WHY = "Ask the client what makes them think so, and what they do need;"
            + " do not argue or cut the price.";
    static final String AGREE = "Agree with the client that they do not need this, and stay at their side for what comes next.";

    /** An empty cell leaves the field out of the deal, a {@code null} cell sends JSON null: both count as absent. */
    private static Deals client(String statedNoNeed, String needConfirmed) {
        Deals deal = Deals.ready();
        if (statedNoNeed != null) {
            deal.with("client.statedNoNeed", statedNoNeed);
        }
        if (needConfirmed != null) {
            deal.with("client.needConfirmed", needConfirmed);
        }
        return deal;
    }

    @ParameterizedTest(name = "statedNoNeed={0}, needConfirmed={1}")
    @CsvSource({"true,", "true,null"})
    void aClientWhoSaysTheyNeedNothingIsAskedWhyBeforeAnythingElse(String statedNoNeed, String needConfirmed) {
        Verdict verdict = decide(client(statedNoNeed, needConfirmed));

        assertEquals(Advice.WAIT, verdict.advice());
        Reason reason = Verdicts.onlyFrom(verdict, ASK_WHY_RULE);
        assertEquals("SIDE_BY_SIDE", reason.truth());
        assertEquals(Advice.WAIT, reason.advice());
        assertEquals("the client said they do not need this, and nobody has asked why yet", reason.explanation());
        assertEquals(List.of(ASK_WHY), verdict.actions());
    }

    @ParameterizedTest(name = "statedNoNeed={0}, needConfirmed=false")
    @CsvSource({"true", "false", "null", "''"})
    void aConfirmedAbsenceOfNeedIsNoSaleWhateverTheClientFirstSaid(String statedNoNeed) {
        Verdict verdict = decide(client(statedNoNeed.isEmpty() ? null : statedNoNeed, "false"));

        assertEquals(Advice.NO_SALE, verdict.advice());
        Reason reason = Verdicts.onlyFrom(verdict, CONFIRMED_RULE);
        assertEquals("SIDE_BY_SIDE", reason.truth());
        assertEquals(Advice.NO_SALE, reason.advice());
        assertEquals("asked what they need, the client confirmed they need nothing", reason.explanation());
        assertTrue(verdict.actions().contains(AGREE), verdict.actions()::toString);
        assertFalse(Verdicts.fired(verdict, ASK_WHY_RULE), "the question was already asked");
    }

    @ParameterizedTest(name = "statedNoNeed={0}, needConfirmed={1}")
    @CsvSource({"true,true", "false,", "false,true", ",true", "null,null", ","})
    void aClientWithANeedOrWhoNeverDeniedOneIsNotHeldBack(String statedNoNeed, String needConfirmed) {
        Verdict verdict = decide(client(statedNoNeed, needConfirmed));

        assertEquals(Advice.PROCEED, verdict.advice());
        assertTrue(Verdicts.citing(verdict, "SIDE_BY_SIDE").isEmpty(), verdict.reasons()::toString);
    }

    @Test
    void askingWhyIsNotOverriddenByAReadyDealsProceedVote() {
        Verdict verdict = decide(client("true", null));

        assertTrue(Verdicts.citing(verdict, "DIAGNOSE_FIRST").stream().anyMatch(r -> r.advice() == Advice.PROCEED),
                "the deal is otherwise ready, so the WAIT must win over a PROCEED vote");
        assertEquals(Advice.WAIT, verdict.advice());
        assertFalse(verdict.actions().contains("Invite the client to get started."), verdict.actions()::toString);
    }
}
