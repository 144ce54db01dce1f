package io.dealadvisor.records;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decision records on H2, the embedded store of earlier versions, still selectable with
 * {@code deal-advisor.decisions.embedded-engine=h2} for bench/run's comparison: the same SQL holds there too.
 */
@QuarkusTest
@TestProfile(EmbeddedH2DecisionRecordsTest.OnH2.class)
class EmbeddedH2DecisionRecordsTest extends DecisionRecordsContract {

    static final Path FOLDER = Path.of("target/decisions-h2-engine");

    public static class OnH2 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Records.delete(FOLDER);
            return Map.of("deal-advisor.decisions.embedded-engine", "h2",
                    "deal-advisor.decisions.path", FOLDER.resolve("decisions").toString());
        }
    }

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
        assertTrue(Files.exists(FOLDER.resolve("decisions.mv.db")), "an H2 file, not SQLite's");
        assertFalse(Files.exists(FOLDER.resolve("decisions.db")), "no SQLite file");
    }
}
