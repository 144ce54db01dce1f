package io.dealadvisor.records;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first of two runs of the service on one embedded database file: its last act is recording decisions, so
 * many are still buffered when it is stopped. {@link RestartSecondRunTest}, run next on the same file (test classes run
 * grouped by profile, in name order), finds every one of them.
 */
@QuarkusTest
@TestProfile(RestartFirstRunTest.SameFile.class)
class RestartFirstRunTest {

    static final Path FOLDER = Path.of("target/decisions-restart");
    /** The deal the first run recorded decisions for, and how many, for the second run to look up. */
    static final Path EXPECTED = FOLDER.resolve("expected.txt");
    static final int RECORDS = 3_000;

    public static class SameFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("deal-advisor.decisions.path", FOLDER.resolve("decisions").toString());
        }
    }

    @Inject
    DecisionRecorder recorder;

    @Test
    void recordsUntilTheServiceStops() throws IOException {
        String deal = Records.dealId("restart");
        Files.createDirectories(FOLDER);
        Files.writeString(EXPECTED, deal + "\n" + RECORDS + "\n");
        Instant decidedAt = Instant.now();
        List<DecisionRecord> records = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            records.add(Records.record(deal, decidedAt.plusMillis(i), "PROCEED", Records.rulesetVersion()));
        }
        records.forEach(recorder::record);
        DecisionRecorder.Status status = recorder.status();
        assertTrue(status.backlog() > 0, "records are still buffered as the test ends: " + status);
    }
}
