package io.dealadvisor.shadow;

import io.dealadvisor.testing.CandidateRules;
import io.dealadvisor.testing.RulesFolder;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A service whose shadow candidate holds some deals for a long time. */
final class ShadowProfiles {

    private ShadowProfiles() {
    }

    /**
     * A candidate that takes 3 s on each deal whose id starts with OPP-HOLD, a shadow queue with room to spare, and a
     * buffer of three records: the records waiting for the candidate fill the buffer.
     */
    public static class HoldingCandidateSmallBuffer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            RulesFolder candidate = RulesFolder.copyOfShippedInTempFolder();
            candidate.write("holding.drl", CandidateRules.thinking("OPP-HOLD", 3000));
            return Map.of("deal-advisor.shadow.queue", "100", "deal-advisor.decisions.buffer", "3",
                    "deal-advisor.shadow.dir", candidate.root().toString(),
                    "deal-advisor.decisions.path", temp().toString());
        }
    }

    private static Path temp() {
        try {
            return Files.createTempDirectory("deal-advisor-shadow-holding").resolve("decisions");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
