package io.dealadvisor.records;

import io.dealadvisor.testing.Poll;
import io.dealadvisor.testing.QualificationLoad;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Path FOLDER = Path.of("target/sigkill-it");
    private static final Duration STARTUP = Duration.ofSeconds(120);
    /** Every 2nd request a batch of 20 deals, from 8 clients. */
    private static final QualificationLoad.Shape SHAPE =
            new QualificationLoad.Shape(8, 2, 20, 2_000_000, Duration.ofSeconds(150));
    private static final int WARM_UP_DEALS = 5_000;
    private static final Duration MEASURED = Duration.ofSeconds(20);
    private static final Pattern BACKLOG = Pattern.compile("\"backlog\"\\s*:\\s*(\\d+)");

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
        assertTrue(Files.isRegularFile(JAR), JAR + " is built by package, before Failsafe runs this test");
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
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String key = HexFormat.of().formatHex(secret);
        int port = freePort();
        int managementPort = freePort();
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        URI management = URI.create("http://127.0.0.1:" + managementPort + "/");
        Process service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + managementPort,
                "-Ddeal-advisor.decisions.path=" + database,
                "-Ddeal-advisor.decisions.durability=" + durability,
                "-Ddeal-advisor.auth.api-keys.load.sha256=" + sha256(key),
                "-Ddeal-advisor.auth.api-keys.load.roles=qualify",
                "-jar", JAR.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        QualificationLoad load = null;
        long from;
        long killedAt;
        int backlog;
        try {
            awaitReady(service, management, log);
            load = QualificationLoad.start(base, key, SHAPE, Records.dealId("sigkill-" + durability));
            QualificationLoad warming = load;
            Poll.until(Duration.ofSeconds(90), WARM_UP_DEALS + " deals answered", () -> warming.answered().size(),
                    answered -> answered >= WARM_UP_DEALS);
            from = System.nanoTime();
            Thread.sleep(MEASURED.toMillis());
            backlog = backlog(management);
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

    private static void awaitReady(Process service, URI management, Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(management.resolve("/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (!service.isAlive()) {
                throw new AssertionError("the service exited with " + service.exitValue() + ":\n"
                        + Files.readString(log));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the service was not ready within " + STARTUP + ":\n" + Files.readString(log));
    }

    private static int backlog(URI management) throws IOException, InterruptedException {
        String health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(management.resolve("/q/health/well"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher backlog = BACKLOG.matcher(health);
        assertTrue(backlog.find(), "no backlog in " + health);
        return Integer.parseInt(backlog.group(1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String sha256(String key) throws NoSuchAlgorithmException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }
}
