package io.dealadvisor.records;

import io.dealadvisor.testing.PackagedService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An age of the records that the service cannot keep to stops its start, naming the key and what is wrong, rather than
 * failing every retention run (or every keyed request) of a service that looks healthy.
 *
 * <p>The packaged service, by Failsafe after {@code package}: what is checked is that the process ends.
 */
class AgesRefusedAtStartIT {

    private static final Path FOLDER = Path.of("target/ages-refused-at-start-it");

    @BeforeAll
    static void jarIsBuilt() {
        PackagedService.assertBuilt();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            retention          | PT1H  | deal-advisor.decisions.retention must be at least PT24H, not PT1H
            detail-retention   | PT1M  | deal-advisor.decisions.detail-retention must be at least PT24H, not PT1M
            idempotency-window | 24h   | deal-advisor.decisions.idempotency-window must be an ISO-8601 period or duration
            idempotency-window | P100D | deal-advisor.decisions.idempotency-window (P100D) must not be longer than deal-advisor.decisions.detail-retention (P90D)
            """)
    void anAgeTheServiceCannotKeepToStopsTheStart(String key, String value, String message) throws Exception {
        Files.createDirectories(FOLDER);
        Path log = FOLDER.resolve(key + ".log");
        PackagedService.Running run = PackagedService.startForLoad(FOLDER.resolve(key).toAbsolutePath(), log,
                "-Ddeal-advisor.decisions." + key + "=" + value);
        try {
            assertTrue(run.process().waitFor(90, TimeUnit.SECONDS), "the start went on with " + key + "=" + value);
            assertNotEquals(0, run.process().exitValue(), Files.readString(log));
            assertTrue(Files.readString(log).contains(message), Files.readString(log));
        } finally {
            run.process().destroyForcibly();
        }
    }
}
