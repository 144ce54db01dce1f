package io.dealadvisor.records;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The embedded store in a folder of its own (argument {@value #FOLDER}), emptied before each start of the profile that
 * lists it: {@code deal-advisor.decisions.path}, the file {@code decisions} in that folder. With {@value #BLOCKED}
 * {@code true}, a plain file stands where the folder should be, so the store cannot be reached until a test removes it.
 */
public class StoreFolder implements QuarkusTestResourceLifecycleManager {

    public static final String FOLDER = "folder";
    public static final String BLOCKED = "blocked";

    private Path folder;
    private boolean blocked;

    @Override
    public void init(Map<String, String> initArgs) {
        folder = Path.of(initArgs.get(FOLDER));
        blocked = Boolean.parseBoolean(initArgs.get(BLOCKED));
    }

    @Override
    public Map<String, String> start() {
        Records.delete(folder);
        if (blocked) {
            try {
                Files.createDirectories(folder.getParent());
                Files.writeString(folder, "not a folder");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Map.of("deal-advisor.decisions.path", folder.resolve("decisions").toString());
    }

    /** The folder stays for a look after the run; the next start empties it again. */
    @Override
    public void stop() {
    }
}
