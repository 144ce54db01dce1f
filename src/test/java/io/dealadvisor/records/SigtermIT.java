package io.dealadvisor.records;

import io.dealadvisor.testing.PackagedService;
import io.dealadvisor.testing.Poll;
import io.dealadvisor.testing.QualificationLoad;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged service on its embedded store gets SIGTERM while clients keep qualifying and one caller is in the
 * middle of sending a body a few bytes at a time, a request that would never end by itself: the process exits within
 * {@code quarkus.shutdown.timeout} (30 s) all the same, that caller's connection is closed without an answer, and
 * every decision answered 200 before the exit is in the database file afterwards, read with JDBC once the process
 * is gone.
 *
 * <p>Runs against {@code target/quarkus-app/quarkus-run.jar}, so Failsafe runs it in {@code integration-test},
 * after {@code package}; the tag keeps Surefire from running it before the jar is built, even under
 * {@code -Dtest=...}.
 */
@Tag(SigtermIT.PACKAGED)
class SigtermIT {

    /** Tests that need the packaged service. */
    static final String PACKAGED = "packaged";

    private static final Path FOLDER = Path.of("target/sigterm-it");
    private static final Path DATABASE = FOLDER.resolve("decisions").toAbsolutePath();
    private static final Path LOG = FOLDER.resolve("service.log");
    private static final Duration STARTUP = Duration.ofSeconds(120);
    /** quarkus.shutdown.timeout as shipped: the longest a stop may take, whatever is in flight. */
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    /** GracefulStop's message when it closes the connections of requests still in flight. */
    private static final Pattern CUT =
            Pattern.compile("(\\d+) request\\(s\\) still in flight ([\\d.]+) s after the stop began");
    /** Every 2nd request a batch of 50 deals: records come in bursts, so a stop may find some waiting. */
    private static final QualificationLoad.Shape SHAPE =
            new QualificationLoad.Shape(4, 2, 50, 200_000, Duration.ofSeconds(90));
    private static final int WARM_UP_DEALS = 2_000;
    private static final Pattern BUFFERED_AT_STOP =
            Pattern.compile("Writing (\\d+) buffered decision record\\(s\\) before stopping");

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void everyDecisionAnsweredBeforeExitIsRecorded() throws Exception {
        PackagedService.assertBuilt();
        Records.delete(FOLDER);
        Files.createDirectories(FOLDER);
        PackagedService.Running running = PackagedService.startForLoad(DATABASE, LOG);
        Process service = running.process();
        URI base = running.base();
        URI management = running.management();
        String key = running.key();
        QualificationLoad load = null;
        SlowBody slow = null;
        long sigtermAt;
        long exitedAt;
        int backlogBeforeSigterm;
        try {
            PackagedService.awaitReady(service, management, LOG, STARTUP);
            load = QualificationLoad.start(base, key, SHAPE, Records.dealId("sigterm"));
            QualificationLoad warming = load;
            Poll.until(Duration.ofSeconds(60), WARM_UP_DEALS + " deals answered", () -> warming.answered().size(),
                    answered -> answered >= WARM_UP_DEALS);
            slow = SlowBody.start(base.getPort(), key);
            Thread.sleep(1_000); // its headers and first bytes are in: the request is in flight
            assertTrue(slow.open(), "the slow request was answered before SIGTERM: " + slow.answer());
            backlogBeforeSigterm = PackagedService.backlog(management);
            sigtermAt = System.nanoTime();
            service.destroy(); // SIGTERM
            assertTrue(service.waitFor(90, TimeUnit.SECONDS), "the service did not exit within 90 s of SIGTERM");
            exitedAt = System.nanoTime();
            load.stop();
        } finally {
            if (slow != null) {
                slow.close();
            }
            if (service.isAlive()) {
                service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            if (load != null) {
                load.stop();
            }
        }

        String log = Files.readString(LOG);
        double stopSeconds = (exitedAt - sigtermAt) / 1e9;
        assertTrue(stopSeconds <= SHUTDOWN_TIMEOUT.toSeconds(), String.format("the service took %.1f s to stop after"
                + " SIGTERM, more than quarkus.shutdown.timeout (%s); see %s", stopSeconds, SHUTDOWN_TIMEOUT, LOG));
        assertFalse(slow.open(), "the slow request's connection outlived the service");
        assertTrue(slow.answer().isEmpty(), "the slow request, whose body never arrived, got " + slow.answer());
        Matcher cut = CUT.matcher(log);
        assertTrue(cut.find(), "no request was cut at the stop; see " + LOG);
        double slowClosedAfter = (slow.closedAt() - sigtermAt) / 1e9;
        long failedBeforeSigterm = load.requests().stream()
                .filter(r -> r.sentNanos() < sigtermAt && r.status() != 200).count();
        assertEquals(0, failedBeforeSigterm, "requests sent before SIGTERM that failed: " + load.someFailures());
        // refused by the stop's filter before it was read, or by the recorder after it was decided: the same answer
        List<String> refusedOtherwise = load.requests().stream().filter(r -> r.status() != 200 && r.status() != -1)
                .filter(r -> r.status() != 503 || !"urn:deal-advisor:problem:stopping".equals(r.problemType())
                        || !"1".equals(r.retryAfter()))
                .map(r -> r.status() + " " + r.problemType() + " Retry-After " + r.retryAfter()).limit(5).toList();
        assertEquals(List.of(), refusedOtherwise, "answers at the stop other than 503 stopping with Retry-After: 1");
        List<UUID> answered = load.answered();
        Set<UUID> stored = Records.storedIds("jdbc:sqlite:" + DATABASE + ".db", "", "");
        List<UUID> missing = answered.stream().filter(id -> !stored.contains(id)).toList();
        assertEquals(List.of(), missing.stream().limit(10).toList(),
                missing.size() + " of the " + answered.size() + " decisions answered 200 are not recorded; see " + LOG);
        // A request decided just as the stop closed its connection is recorded without its answer arriving: the
        // database may hold more than was answered, never more than was asked. A request refused (503) recorded
        // nothing, a batch neither: it is taken whole or refused whole.
        long unanswered = load.requests().stream().filter(r -> r.status() == -1).mapToLong(r -> r.deals()).sum();
        assertTrue(stored.size() >= answered.size() && stored.size() - answered.size() <= unanswered,
                stored.size() + " stored for " + answered.size() + " answered and " + unanswered
                        + " sent without an answer");

        Matcher buffered = BUFFERED_AT_STOP.matcher(log);
        int leftAtShutdown = buffered.find() ? Integer.parseInt(buffered.group(1)) : 0;
        System.out.printf("[reliability] sigterm: %d clients on the packaged service (embedded store) and one body"
                        + " sent a few bytes at a time; %d deals answered 200 (%d requests), %d of them by requests sent"
                        + " after SIGTERM; backlog %d just before SIGTERM, %d record(s) left to write at shutdown;"
                        + " %s request(s) cut %s s after SIGTERM, the slow one's connection closed %.1f s after it;"
                        + " exit %d, %.1f s after SIGTERM; %d of %d decision ids found in the database file,"
                        + " %d missing%n",
                SHAPE.clients(), answered.size(), load.requests().size(), load.dealsAnswered(sigtermAt, Long.MAX_VALUE),
                backlogBeforeSigterm, leftAtShutdown, cut.group(1), cut.group(2), slowClosedAfter, service.exitValue(),
                stopSeconds, answered.size() - missing.size(), answered.size(), missing.size());
    }


    /**
     * A caller that announces a body of 100,000 bytes and sends it a few bytes every 200 ms, so slowly that its
     * request would outlive any stop: the request a stop must not wait for. Records whatever the service answers
     * and when the connection ends.
     */
    private static final class SlowBody implements AutoCloseable {
        private final Socket socket;
        private final StringBuilder answer = new StringBuilder();
        private volatile boolean open = true;
        private volatile long closedAt;

        private SlowBody(Socket socket) {
            this.socket = socket;
        }

        static SlowBody start(int port, String key) throws IOException {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            SlowBody slow = new SlowBody(socket);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/qualifications HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "X-API-Key: " + key + "\r\nContent-Length: 100000\r\n\r\n"
                    + "{\"id\":\"OPP-SLOW\",\"asOf\":\"2026-11-23\",\"client\":{\"name\":\"")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread sender = new Thread(() -> {
                try {
                    while (slow.open) {
                        out.write("abc".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        Thread.sleep(200);
                    }
                } catch (IOException | InterruptedException e) {
                    // the service closed the connection, or the test ended
                }
            }, "slow-body-sender");
            Thread reader = new Thread(() -> {
                try {
                    InputStream in = socket.getInputStream();
                    byte[] buffer = new byte[4096];
                    for (int read; (read = in.read(buffer)) >= 0; ) {
                        synchronized (slow.answer) {
                            slow.answer.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
                        }
                    }
                } catch (IOException e) {
                    // reset by the service: ended all the same
                } finally {
                    slow.closedAt = System.nanoTime();
                    slow.open = false;
                }
            }, "slow-body-reader");
            sender.setDaemon(true);
            reader.setDaemon(true);
            sender.start();
            reader.start();
            return slow;
        }

        /** Whether the connection is still open: nothing answered and nothing closed. */
        boolean open() {
            return open;
        }

        long closedAt() {
            return closedAt;
        }

        String answer() {
            synchronized (answer) {
                return answer.toString();
            }
        }

        @Override
        public void close() throws IOException {
            open = false;
            socket.close();
        }
    }


}
