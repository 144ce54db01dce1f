package io.dealadvisor.records;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.Map;

/**
 * The store's folder of {@link OwnStoreFile} as the previous version left it: emptied, then the H2 file of
 * {@link EarlierH2FileTest} written at the store's path, for the service to import as it starts.
 */
public class PreviousVersionStore implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Records.delete(OwnStoreFile.FOLDER);
        try {
            Files.createDirectories(OwnStoreFile.FOLDER);
            EarlierH2FileTest.writePreviousVersionFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("deal-advisor.decisions.path", OwnStoreFile.PATH.toString());
    }

    /** The files stay for {@link RestartSecondRunTest}, which opens them again. */
    @Override
    public void stop() {
    }
}
