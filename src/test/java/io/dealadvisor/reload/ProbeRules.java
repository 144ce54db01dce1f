package io.dealadvisor.reload;

import io.dealadvisor.domain.Advice;
import io.dealadvisor.rules.Deals;

/**
 * A deal and rules that decide only that deal, so a reload test can change its advice without changing the
 * advice for any other deal, and so without failing any scenario the rules folder ships.
 */
final class ProbeRules {

    static final String DEAL_ID = "OPP-RELOAD-PROBE";
    /** The ready deal, which goes ahead under the shipped rules. */
    static final Deals DEAL = Deals.ready().with("id", "\"" + DEAL_ID + "\"");
    static final String HEADER = """
            package dealadvisor.rules;

            import io.dealadvisor.domain.*;

            global Conclusions conclusions;
            """;

    private ProbeRules() {
    }

    /** A rule voting {@code advice} for the probe deal, to append to a {@code .drl} file. */
    static String rule(String name, Advice advice) {
        return """

                rule "%s"
                    @truth("DIAGNOSE_FIRST")
                    @advice("%s")
                when
                    Deal( id == "%s" )
                then
                    conclusions.vote("the reload probe says so");
                end
                """.formatted(name, advice.name(), DEAL_ID);
    }

    /** A {@code .drl} file holding just that rule. */
    static String file(String name, Advice advice) {
        return HEADER + rule(name, advice);
    }
}
