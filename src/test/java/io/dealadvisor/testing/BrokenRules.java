package io.dealadvisor.testing;

/** Rule files with a fault of their own, for the tests of what the tools and the service make of them. */
public final class BrokenRules {

    /** The rule of {@link #CONDITION_THROWS}. */
    public static final String CONDITION_THROWS_RULE = "A client's name is read as a number";

    /** A whole .drl file whose one rule has a condition that throws on every deal (a name is not a number). */
    public static final String CONDITION_THROWS = """
            package dealadvisor.rules;

            import io.dealadvisor.domain.*;

            global Conclusions conclusions;

            rule "%s"
                @truth("DIAGNOSE_FIRST")
            when
                Client( Integer.parseInt(name) > 0 )
            then
                conclusions.act("never reached");
            end
            """.formatted(CONDITION_THROWS_RULE);

    private BrokenRules() {
    }
}
