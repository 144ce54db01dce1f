package io.dealadvisor.rules;

import io.dealadvisor.domain.Advice;
import io.dealadvisor.domain.Reason;
import io.dealadvisor.domain.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.dealadvisor.rules.RulesHarness.decide;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoSwitchFromIncumbentTest {

    static final String RULE = "A like-for-like replacement of what the client already has is no sale";
    static final String COME_BACK = "Do not try to prove the client's current choice wrong;"
            + " come back when we have something entirely new for them.";

    /** An empty {@code clientSatisfied} cell leaves the field out. */
    private static Deals incumbent(String sameCategory, String clientSatisfied, String novelty) {
        Deals deal = Deals.ready()
                .with("offering.novelty", '"' + novelty + '"')
                .with("incumbent.vendor", "\"Contoso\"")
                .with("incumbent.sameCategory", sameCategory);
        return clientSatisfied == null ? deal : deal.with("incumbent.clientSatisfied", clientSatisfied);
    }

    @ParameterizedTest(name = "clientSatisfied={0}")
    @CsvSource({"true", "null", "''"})
    void aLikeForLikeReplacementOfAnIncumbentTheClientIsNotUnhappyWithIsNoSale(String clientSatisfied) {
        Verdict verdict = decide(incumbent("true", clientSatisfied.isEmpty() ? null : clientSatisfied, "REPLACEMENT"));

        assertEquals(Advice.NO_SALE, verdict.advice());
        Reason reason = Verdicts.onlyFrom(verdict, RULE);
        assertEquals("NO_SWITCH_FROM_INCUMBENT", reason.truth());
        assertEquals(Advice.NO_SALE, reason.advice());
        assertEquals("the client already has Contoso for this and we only offer a like-for-like replacement",
                reason.explanation());
        assertTrue(verdict.actions().contains(COME_BACK), verdict.actions()::toString);
    }

    @ParameterizedTest(name = "sameCategory={0}, clientSatisfied={1}, novelty={2}")
    @CsvSource({
            "true,  false, REPLACEMENT",    // an unhappy client may switch
            "true,  true,  NEW_TO_CLIENT",  // something entirely new is not a switch
            "true,  ,      NEW_TO_CLIENT",
            "false, true,  REPLACEMENT",    // not the same thing they already have
            "null,  true,  REPLACEMENT",
    })
    void otherwiseTheIncumbentDoesNotStopTheSale(String sameCategory, String clientSatisfied, String novelty) {
        Verdict verdict = decide(incumbent(sameCategory, clientSatisfied, novelty));

        assertEquals(Advice.PROCEED, verdict.advice());
        assertTrue(Verdicts.citing(verdict, "NO_SWITCH_FROM_INCUMBENT").isEmpty(), verdict.reasons()::toString);
    }

    @Test
    void anUnnamedIncumbentIsStillNamedInTheReason() {
        Verdict verdict = decide(incumbent("true", "true", "REPLACEMENT").without("incumbent.vendor"));

        assertEquals("the client already has a supplier for this and we only offer a like-for-like replacement",
                Verdicts.onlyFrom(verdict, RULE).explanation());
    }

    @Test
    void withNoIncumbentAReplacementIsNotNoSale() {
        Verdict verdict = decide(Deals.ready().with("offering.novelty", "\"REPLACEMENT\""));

        assertEquals(Advice.PROCEED, verdict.advice());
    }
}
