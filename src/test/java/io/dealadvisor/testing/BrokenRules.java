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

    /**
     * A whole .drl file whose one rule has a condition that throws for one client's deals only (its name is not a
     * number), which no shipped scenario names: a ruleset with it passes validation and fails on that client's deals.
     */
    public static String conditionThrowsFor(String clientName) {
        return CONDITION_THROWS.replace("Client( Integer.parseInt(name) > 0 )",
                "Client( name == \"" + clientName + "\", Integer.parseInt(name) > 0 )");
    }

    /** The rule of {@link #CONSEQUENCE_THROWS_ERROR}. */
    public static final String CONSEQUENCE_ERROR_RULE = "A client called Boom blows up";
    /** The only client whose deals make {@link #CONSEQUENCE_ERROR_RULE} fire; no shipped scenario names it. */
    public static final String CONSEQUENCE_ERROR_CLIENT = "Boom";

    /** A whole .drl file whose one rule's consequence throws a plain {@code java.lang.Error}. */
    public static final String CONSEQUENCE_THROWS_ERROR = """
            package dealadvisor.rules;

            import io.dealadvisor.domain.*;

            global Conclusions conclusions;

            rule "%s"
                @truth("DIAGNOSE_FIRST")
            when
                Client( name == "%s" )
            then
                throw new Error("boom in consequence");
            end
            """.formatted(CONSEQUENCE_ERROR_RULE, CONSEQUENCE_ERROR_CLIENT);

    private BrokenRules() {
    }
}
