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
import static org.junit.jupiter.api.Assertions.assertTrue;

class OwnYourMistakesTest {

    static final String RULE = "An open incident without an apology or generous amends comes before any sale";
    static final String APOLOGISE = "Apologise to the client for INC-7 (late delivery), without excuses.";
    static final String AMENDS = "Offer amends for INC-7 (late delivery) worth at least 1000 EUR.";

    private static Deals lateDelivery(String apologized, String amendsOffered) {
        return Deals.ready().add("incidents", "{\"id\": \"INC-7\", \"summary\": \"late delivery\", \"clientLoss\": 500,"
                + " \"apologized\": " + apologized + ", \"amendsOffered\": " + amendsOffered + ", \"resolved\": false}");
    }

    @ParameterizedTest(name = "apologized={0}, amends={1}")
    @CsvSource(delimiter = '|', value = {
            "true  | 999  | amends worth 1000 EUR                 | false | true",
            "true  | 0    | amends worth 1000 EUR                 | false | true",
            "false | 1000 | an apology                            | true  | false",
            "null  | 2500 | an apology                            | true  | false",
            "false | 999  | an apology and amends worth 1000 EUR  | true  | true",
            "false | null | an apology and amends worth 1000 EUR  | true  | true",
    })
    void anOpenIncidentWaitsForWhatIsStillOwedAndAsksOnlyForThat(String apologized, String amends, String awaits,
                                                                 boolean apologyAsked, boolean amendsAsked) {
        Verdict verdict = decide(lateDelivery(apologized, amends));

        assertEquals(Advice.WAIT, verdict.advice());
        Reason reason = Verdicts.onlyFrom(verdict, RULE);
        assertEquals("OWN_YOUR_MISTAKES", reason.truth());
        assertEquals(Advice.WAIT, reason.advice());
        assertEquals("INC-7 (late delivery) is open and still awaits " + awaits, reason.explanation());
        List<String> expected = apologyAsked && amendsAsked ? List.of(APOLOGISE, AMENDS)
                : apologyAsked ? List.of(APOLOGISE) : List.of(AMENDS);
        assertEquals(expected, verdict.actions());
    }

    @ParameterizedTest(name = "amends={0}")
    @ValueSource(strings = {"1000", "1000.00", "1500"})
    void anApologyWithAmendsOfAtLeastTwiceTheLossSettlesTheIncident(String amends) {
        Verdict verdict = decide(lateDelivery("true", amends));

        assertEquals(Advice.PROCEED, verdict.advice());
        assertFalse(Verdicts.fired(verdict, RULE));
    }

    @Test
    void aResolvedIncidentIsIgnoredWhatever() {
        Verdict verdict = decide(Deals.ready().add("incidents", "{\"id\": \"INC-3\", \"summary\": \"outage\","
                + " \"clientLoss\": 20000, \"apologized\": false, \"amendsOffered\": 0, \"resolved\": true}"));

        assertEquals(Advice.PROCEED, verdict.advice());
        assertTrue(Verdicts.citing(verdict, "OWN_YOUR_MISTAKES").isEmpty(), verdict.reasons()::toString);
    }

    @Test
    void anIncidentWithoutAResolvedFlagIsOpen() {
        Verdict verdict = decide(Deals.ready().add("incidents",
                "{\"id\": \"INC-9\", \"clientLoss\": 100, \"apologized\": true, \"amendsOffered\": 150}"));

        assertEquals(Advice.WAIT, verdict.advice());
        assertEquals(List.of("Offer amends for INC-9 worth at least 200 EUR."), verdict.actions());
    }

    @Test
    void eachOpenIncidentGetsItsOwnReasonNamedByIdOrPosition() {
        Verdict verdict = decide(lateDelivery("true", "1000")
                .add("incidents", "{\"id\": \"INC-8\", \"clientLoss\": 250, \"apologized\": false,"
                        + " \"amendsOffered\": 500}")
                .add("incidents", "{\"summary\": \"wrong invoice\", \"clientLoss\": 40, \"apologized\": true}"));

        assertEquals(Advice.WAIT, verdict.advice());
        assertEquals(List.of("INC-8 is open and still awaits an apology",
                        "incident 3 (wrong invoice) is open and still awaits amends worth 80 EUR"),
                Verdicts.from(verdict, RULE).stream().map(Reason::explanation).toList());
        assertEquals(List.of("Apologise to the client for INC-8, without excuses.",
                "Offer amends for incident 3 (wrong invoice) worth at least 80 EUR."), verdict.actions());
    }

    /** Money is decimal throughout: as doubles, these would come out as ...0.04 and 2469135780.2469134. */
    @ParameterizedTest(name = "loss {0}")
    @CsvSource({"100000000000000.01, 200000000000000.02", "1234567890.123456789, 2469135780.246913578"})
    void theAmendsFigureIsTwiceTheLossExactly(String loss, String owed) {
        Verdict verdict = decide(Deals.ready().add("incidents",
                "{\"id\": \"INC-1\", \"clientLoss\": " + loss + ", \"apologized\": true, \"amendsOffered\": 0}"));

        assertEquals(List.of("Offer amends for INC-1 worth at least " + owed + " EUR."), verdict.actions());
    }

    @Test
    void theAmendsFigureIsWrittenInTheOfferingsCurrency() {
        Verdict verdict = decide(lateDelivery("true", "0").with("offering.currency", "\"GBP\""));

        assertEquals(List.of("Offer amends for INC-7 (late delivery) worth at least 1000 GBP."), verdict.actions());
    }
}
