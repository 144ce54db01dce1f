package io.dealadvisor.shadow;

import io.dealadvisor.testing.RulesFolder;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Services with a shadow candidate: a copy of the shipped rules plus one rule that changes some advice. */
final class ShadowProfiles {

    static final String FLIP_RULE = "Deals marked for the shadow trial wait";
    static final String FLIPPED_PREFIX = "OPP-FLIP";

    private ShadowProfiles() {
    }

    private static final String HEADER = """
            package dealadvisor.rules;

            import io.dealadvisor.domain.*;

            global Conclusions conclusions;

            """;

    /** The candidate waits on every deal whose id starts with OPP-FLIP; the live rules are the shipped ones. */
    public static class FlippingCandidate implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            RulesFolder candidate = RulesFolder.copyOfShippedInTempFolder();
            candidate.write("shadow-trial.drl", HEADER + """
                    rule "%s"
                        @truth("DIAGNOSE_FIRST")
                        @advice("WAIT")
                    when
                        Deal( id != null, id.startsWith("%s") )
                    then
                        conclusions.vote("the shadow trial holds this deal");
                    end
                    """.formatted(FLIP_RULE, FLIPPED_PREFIX));
            return Map.of("deal-advisor.shadow.dir", candidate.root().toString(),
                    "deal-advisor.decisions.path", temp("flipping").toString());
        }
    }

    /** A candidate that does not compile: the service must start and answer all the same. */
    public static class BrokenCandidate implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            RulesFolder candidate = RulesFolder.copyOfShippedInTempFolder();
            candidate.appendSyntaxError("best-sale-no-sale.drl");
            return Map.of("deal-advisor.shadow.dir", candidate.root().toString(),
                    "deal-advisor.decisions.path", temp("broken").toString());
        }
    }

    /** A candidate whose every decision takes 1 s, behind a queue of two: it must fall behind, not slow answers. */
    public static class SlowCandidate implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return thinking("OPP-SLOW", 1000, "slow", Map.of("deal-advisor.shadow.queue", "2"));
        }
    }

    /**
     * A candidate that takes 3 s on each deal whose id starts with OPP-HOLD, a shadow queue with room to spare, and a
     * buffer of three records: the records waiting for the candidate fill the buffer.
     */
    public static class HoldingCandidateSmallBuffer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return thinking("OPP-HOLD", 3000, "holding",
                    Map.of("deal-advisor.shadow.queue", "100", "deal-advisor.decisions.buffer", "3"));
        }
    }

    /** A candidate that sleeps {@code millis} on each deal whose id starts with {@code prefix}, and the settings. */
    private static Map<String, String> thinking(String prefix, int millis, String name, Map<String, String> settings) {
        RulesFolder candidate = RulesFolder.copyOfShippedInTempFolder();
        candidate.write(name + ".drl", HEADER + """
                rule "A candidate that thinks for a long time"
                    @truth("DIAGNOSE_FIRST")
                when
                    Deal( id != null, id.startsWith("%s") )
                then
                    Thread.sleep(%d);
                    conclusions.note("slept");
                end
                """.formatted(prefix, millis));
        Map<String, String> overrides = new java.util.HashMap<>(settings);
        overrides.put("deal-advisor.shadow.dir", candidate.root().toString());
        overrides.put("deal-advisor.decisions.path", temp(name).toString());
        return overrides;
    }

    private static Path temp(String name) {
        try {
            return Files.createTempDirectory("deal-advisor-shadow-" + name).resolve("decisions");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
