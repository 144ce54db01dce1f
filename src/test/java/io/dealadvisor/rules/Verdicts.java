package io.dealadvisor.rules;

import io.dealadvisor.domain.Reason;
import io.dealadvisor.domain.Verdict;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reads what the rule tests check out of a verdict: the reasons one truth or one rule contributed. */
final class Verdicts {

    private Verdicts() {
    }

    static List<Reason> citing(Verdict verdict, String truth) {
        return verdict.reasons().stream().filter(reason -> truth.equals(reason.truth())).toList();
    }

    static List<Reason> from(Verdict verdict, String rule) {
        return verdict.reasons().stream().filter(reason -> rule.equals(reason.rule())).toList();
    }

    /** The single reason the rule gave, failing with the whole verdict in view when it gave none or several. */
    static Reason onlyFrom(Verdict verdict, String rule) {
        List<Reason> reasons = from(verdict, rule);
        assertEquals(1, reasons.size(), () -> "expected one reason from '" + rule + "' in " + verdict.reasons());
        return reasons.get(0);
    }

    static boolean fired(Verdict verdict, String rule) {
        return !from(verdict, rule).isEmpty();
    }
}
