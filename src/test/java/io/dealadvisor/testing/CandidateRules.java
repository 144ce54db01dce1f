package io.dealadvisor.testing;

/**
 * Rules a shadow candidate adds to the shipped ones, for the shadow's tests: one changes advice, one takes time, one
 * fails with an Error.
 */
public final class CandidateRules {

    public static final String FLIP_RULE = "Deals marked for the shadow trial wait";
    /** The deals the flipping rule waits on. */
    private static final String FLIPPED_PREFIX = "OPP-FLIP";

    private static final String HEADER = """
            package dealadvisor.rules;

            import io.dealadvisor.domain.*;

            global Conclusions conclusions;

            """;

    private CandidateRules() {
    }

    /** Waits on every deal whose id starts with {@link #FLIPPED_PREFIX}. */
    public static String flipping() {
        return HEADER + """
                rule "%s"
                    @truth("DIAGNOSE_FIRST")
                    @advice("WAIT")
                when
                    Deal( id != null, id.startsWith("%s") )
                then
                    conclusions.vote("the shadow trial holds this deal");
                end
                """.formatted(FLIP_RULE, FLIPPED_PREFIX);
    }

    /** Sleeps {@code millis} on each deal whose id starts with {@code prefix}, and changes no advice. */
    public static String thinking(String prefix, int millis) {
        return HEADER + """
                rule "A candidate that thinks for a long time"
                    @truth("DIAGNOSE_FIRST")
                when
                    Deal( id != null, id.startsWith("%s") )
                then
                    Thread.sleep(%d);
                    conclusions.note("slept");
                end
                """.formatted(prefix, millis);
    }

    /**
     * Throws a {@link StackOverflowError} on each deal whose id starts with {@code prefix}, as a runaway rule would.
     */
    public static String overflowing(String prefix) {
        return throwing(prefix, "A candidate rule that recurses without end",
                "new StackOverflowError(\"the candidate recursed without end\")");
    }

    /**
     * Throws a plain {@link Error} on each deal whose id starts with {@code prefix}: one the rules' evaluation does
     * not turn into a rule's failure, as it does a recursion without end.
     */
    public static String failingWithError(String prefix) {
        return throwing(prefix, "A candidate rule that fails with an Error", "new Error(\"the candidate failed\")");
    }

    private static String throwing(String prefix, String rule, String thrown) {
        return HEADER + """
                rule "%s"
                    @truth("DIAGNOSE_FIRST")
                when
                    Deal( id != null, id.startsWith("%s") )
                then
                    throw %s;
                end
                """.formatted(rule, prefix, thrown);
    }
}
