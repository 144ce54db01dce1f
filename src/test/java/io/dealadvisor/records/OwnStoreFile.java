package io.dealadvisor.records;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.nio.file.Path;
import java.util.List;

/**
 * A store file of their own for the tests whose records would disturb the figures others read, and for the first
 * of two runs on one file: the fuzz test's ten thousand decisions, the import of an earlier version's H2 file found
 * at start ({@link PreviousVersionStore}), and {@link RestartFirstRunTest}, last by name (test classes of one profile
 * run in name order), so that its records are still buffered when this service stops.
 * {@link RestartSecondRunTest} opens the file again.
 */
public class OwnStoreFile implements QuarkusTestProfile {

    static final Path FOLDER = Path.of("target/decisions-own");
    static final Path PATH = FOLDER.resolve("decisions").toAbsolutePath();

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PreviousVersionStore.class));
    }
}
