package io.dealadvisor.records;

import io.dealadvisor.testing.ShadowCandidateCopy;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code durability=sync} with the embedded store unreachable at start ({@link StoreFolder}), a shadow
 * candidate that is a copy of the shipped rules, the writer's connection that holds a batch on demand
 * ({@link FlakyWriterConnection}, which writes like the real one until told otherwise), and no credentials needed
 * ({@code deal-advisor.auth.enabled=false}, for {@code AuthSwitchedOffTest}; the others here send a credential all the
 * same). Test classes of one profile run in name order: {@link SyncAcrossAnOutageTest} first, which needs the store
 * down and then lets it be made, then {@link SyncDurabilityTest}, {@link SyncLateCommitTest} and
 * {@code AuthSwitchedOffTest}, which need it up.
 */
public class SyncUnreachableAtStart implements QuarkusTestProfile {

    /** Where the database's folder should be; a plain file until {@link SyncAcrossAnOutageTest} removes it. */
    static final Path BLOCKER = Path.of("target/decisions-sync-blocked/folder");

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("deal-advisor.decisions.durability", "sync",
                "deal-advisor.auth.enabled", "false",
                "quarkus.arc.selected-alternatives", FlakyWriterConnection.class.getName());
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(StoreFolder.class,
                        Map.of(StoreFolder.FOLDER, BLOCKER.toString(), StoreFolder.BLOCKED, "true")),
                new TestResourceEntry(ShadowCandidateCopy.class));
    }
}
