package io.dealadvisor.records;

import io.dealadvisor.testing.EditableFolders;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decision records on H2, the embedded store of earlier versions, still selectable with
 * {@code deal-advisor.decisions.embedded-engine=h2} for bench/run's comparison: the same SQL holds there too. It
 * shares its start with the tests that edit the service's folders ({@link EditableFolders}).
 */
@QuarkusTest
@TestProfile(EditableFolders.class)
class EmbeddedH2DecisionRecordsTest extends DecisionRecordsContract {

    @Override
    String dataSource() {
        return StoreSelection.H2;
    }

    @Override
    String store() {
        return "embedded";
    }

    @Test
    @Override
    void healthReportsTheStore() {
        super.healthReportsTheStore();
        assertTrue(Files.exists(EditableFolders.H2_FOLDER.resolve("decisions.mv.db")), "an H2 file, not SQLite's");
        assertFalse(Files.exists(EditableFolders.H2_FOLDER.resolve("decisions.db")), "no SQLite file");
    }
}
