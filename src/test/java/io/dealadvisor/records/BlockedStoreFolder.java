package io.dealadvisor.records;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Path;
import java.util.Map;

/**
 * The embedded store cannot be reached at start: a plain file stands where its folder (argument {@code blocker})
 * should be, until a test removes it ({@link Records#blockedStorePath}).
 */
public class BlockedStoreFolder implements QuarkusTestResourceLifecycleManager {

    public static final String BLOCKER = "blocker";

    private Path blocker;

    @Override
    public void init(Map<String, String> initArgs) {
        blocker = Path.of(initArgs.get(BLOCKER));
    }

    @Override
    public Map<String, String> start() {
        return Map.of("deal-advisor.decisions.path", Records.blockedStorePath(blocker));
    }

    /** A blocker the test did not remove is replaced at the next start. */
    @Override
    public void stop() {
    }
}
