package io.dealadvisor.records;

import io.dealadvisor.testing.PackagedService;
import io.dealadvisor.testing.Poll;
import io.dealadvisor.testing.QualificationLoad;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged service on its embedded store is killed with {@code SIGKILL} ({@link Process#destroyForcibly()})
 * under load, once with {@code durability=sync} and once with {@code buffered}, the same load on the same machine
 * one after the other. With {@code sync} every decision id answered 200 is in the database file afterwards (read
 * with JDBC once the process is gone); with {@code buffered} the decisions answered but lost are counted and
 * printed, not asserted: that loss is what the mode allows. The throughput and latency of the two runs before the
 * kill are printed as what {@code sync} costs.
 *
 * <p>Runs against {@code target/quarkus-app/quarkus-run.jar}: after {@code package}, by Failsafe.
 */
@Tag(SigtermIT.PACKAGED)
class SigkillIT {

    private static final Path FOLDER = Path.of("target/sigkill-it");
    private static final Duration STARTUP = Duration.ofSeconds(120);
    /** Every 2nd request a batch of 20 deals, from 8 clients. */
    private static final QualificationLoad.Shape SHAPE =
            new QualificationLoad.Shape(8, 2, 20, 2_000_000, Duration.ofSeconds(150));
    private static final int WARM_UP_DEALS = 5_000;
    private static final Duration MEASURED = Duration.ofSeconds(20);

    /** What one run under load, then SIGKILL, gave. */
    record Run(String durability, int answered, int missing, int stored, int backlogBeforeKill, double dealsPerSecond,
               double p50Millis, double p99Millis, long refused) {

        String describe() {
            return String.format("%s: %d deals answered 200, %d of them missing from the file after SIGKILL"
                            + " (%d stored; backlog %d just before the kill); before the kill %.0f deals/s, requests"
                            + " p50 %.1f ms, p99 %.1f ms; %d request(s) answered neither 200 nor cut by the kill",
                    durability, answered, missing, stored, backlogBeforeKill, dealsPerSecond, p50Millis, p99Millis,
                    refused);
        }
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void syncLosesNoAnsweredDecisionAndBufferedLosesAtMostItsBuffer() throws Exception {
        PackagedService.assertBuilt();
        Records.delete(FOLDER);
        Files.createDirectories(FOLDER);
        Run sync = killUnderLoad("sync");
        Run buffered = killUnderLoad("buffered");

        System.out.printf("[reliability] sigkill, %d clients (every 2nd request a batch of %d) on the packaged service"
                        + " (embedded store), %d s measured after %d deals of warm-up, then SIGKILL:%n  %s%n  %s%n"
                        + "  sync answered %.2fx the deals/s of buffered, p50 %.1fx, p99 %.1fx%n",
                SHAPE.clients(), SHAPE.batchSize(), MEASURED.toSeconds(), WARM_UP_DEALS, sync.describe(),
                buffered.describe(), sync.dealsPerSecond() / buffered.dealsPerSecond(),
                sync.p50Millis() / buffered.p50Millis(), sync.p99Millis() / buffered.p99Millis());
        assertEquals(0, sync.missing(), sync.describe());
        assertTrue(sync.answered() > 0 && buffered.answered() > 0, "no load was answered");
    }

    private static Run killUnderLoad(String durability) throws Exception {
        Path database = FOLDER.resolve(durability).resolve("decisions").toAbsolutePath();
        Path log = FOLDER.resolve(durability + "-service.log");
        PackagedService.Running running = PackagedService.startForLoad(database, log,
                "-Ddeal-advisor.decisions.durability=" + durability);
        Process service = running.process();
        URI base = running.base();
        URI management = running.management();
        String key = running.key();
        QualificationLoad load = null;
        long from;
        long killedAt;
        int backlog;
        try {
            PackagedService.awaitReady(service, management, log, STARTUP);
            load = QualificationLoad.start(base, key, SHAPE, Records.dealId("sigkill-" + durability));
            QualificationLoad warming = load;
            Poll.until(Duration.ofSeconds(90), WARM_UP_DEALS + " deals answered", () -> warming.answered().size(),
                    answered -> answered >= WARM_UP_DEALS);
            from = System.nanoTime();
            Thread.sleep(MEASURED.toMillis());
            backlog = PackagedService.backlog(management);
            killedAt = System.nanoTime();
            service.destroyForcibly(); // SIGKILL
            assertTrue(service.waitFor(30, TimeUnit.SECONDS), "the service outlived SIGKILL");
            load.stop();
        } finally {
            if (service.isAlive()) {
                service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            if (load != null) {
                load.stop();
            }
        }
        List<UUID> answered = load.answered();
        Set<UUID> stored = Records.storedIds("jdbc:sqlite:" + database + ".db", "", "");
        int missing = (int) answered.stream().filter(id -> !stored.contains(id)).count();
        // a request the kill cut has no status (-1); any other answer but 200 was a refusal (503) or an error
        long refused = load.requests().stream().filter(r -> r.status() != 200 && r.status() != -1).count();
        double seconds = (killedAt - from) / 1e9;
        return new Run(durability, answered.size(), missing, stored.size(), backlog,
                load.dealsAnswered(from, killedAt) / seconds, load.latencyMillis(50, from, killedAt),
                load.latencyMillis(99, from, killedAt), refused);
    }




}
