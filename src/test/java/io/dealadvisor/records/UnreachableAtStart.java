package io.dealadvisor.records;

import io.dealadvisor.testing.CandidateRules;
import io.dealadvisor.testing.ShadowCandidateCopy;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The embedded store unreachable at start ({@link StoreFolder}), a buffer of three records, a shadow candidate
 * that holds each deal whose id starts with {@value #HELD} for 3 s, behind a queue with room to spare, and the
 * writer's connection that fails on demand ({@link FlakyWriterConnection}, which writes like the real one until told
 * otherwise). Test classes of one profile run in name order: {@link UnreachableStoreTest} first, which needs the
 * store down and then lets it be made, {@link WaitingForTheCandidateTest}, then {@link WriterRestartTest} last, which
 * leaves the writer given up.
 */
public class UnreachableAtStart implements QuarkusTestProfile {

    /** Where the database's folder should be; a plain file until {@link UnreachableStoreTest} removes it. */
    static final Path BLOCKER = Path.of("target/decisions-blocked/folder");
    static final int BUFFER = 3;
    /** The deals the candidate holds. */
    static final String HELD = "OPP-HOLD";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("deal-advisor.decisions.buffer", String.valueOf(BUFFER),
                "quarkus.arc.selected-alternatives", FlakyWriterConnection.class.getName());
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(StoreFolder.class,
                        Map.of(StoreFolder.FOLDER, BLOCKER.toString(), StoreFolder.BLOCKED, "true")),
                new TestResourceEntry(ShadowCandidateCopy.class,
                        Map.of("holding.drl", CandidateRules.thinking(HELD, 3000))));
    }
}
