package io.dealadvisor.records;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Path;
import java.util.Map;

/**
 * The embedded store in a folder of its own, emptied before each start of the profile that lists it (argument
 * {@code folder}): {@code deal-advisor.decisions.path}, the file {@code decisions} in that folder.
 */
public class EmptyStoreFolder implements QuarkusTestResourceLifecycleManager {

    public static final String FOLDER = "folder";

    private Path folder;

    @Override
    public void init(Map<String, String> initArgs) {
        folder = Path.of(initArgs.get(FOLDER));
    }

    @Override
    public Map<String, String> start() {
        Records.delete(folder);
        return Map.of("deal-advisor.decisions.path", folder.resolve("decisions").toString());
    }

    /** The folder stays for a look after the run; the next start empties it. */
    @Override
    public void stop() {
    }
}
