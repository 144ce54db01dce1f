package io.dealadvisor.api;

import io.dealadvisor.testing.HostileBodies;
import io.dealadvisor.testing.PackagedService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A caller that opens more requests than the request threads and sends their bodies slowly holds only its own share
 * of the threads: its requests past that share get 429 at once, and everyone else is still answered, probes included.
 * The pool is made small here (40 threads, 10 bodies a caller) so that the attack needs few connections; without
 * the limit, 45 such requests held every thread and the other caller's deal waited with them.
 */
@Tag("packaged")
class SlowBodiesIT {

    private static final Path FOLDER = Path.of("target/slow-bodies-it");
    private static final Path LOG = FOLDER.resolve("service.log");
    private static final String SLOW_KEY = "slow-bodies-it-slow";
    private static final String OTHER_KEY = "slow-bodies-it-other";
    private static final int THREADS = 40;
    private static final int PER_CALLER = 10;
    private static final int SLOW_REQUESTS = THREADS + 5;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aCallerSendingBodiesSlowlyHoldsOnlyItsShareOfTheThreads() throws Exception {
        PackagedService.assertBuilt();
        Files.createDirectories(FOLDER);
        int port = PackagedService.freePort();
        int managementPort = PackagedService.freePort();
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        URI management = URI.create("http://127.0.0.1:" + managementPort + "/");
        Process service = new ProcessBuilder(PackagedService.java(), "-Xmx128m", "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port, "-Dquarkus.management.host=127.0.0.1",
                "-Dquarkus.management.port=" + managementPort, "-Dquarkus.thread-pool.max-threads=" + THREADS,
                "-Ddeal-advisor.limits.max-uploads-per-caller=" + PER_CALLER,
                "-Ddeal-advisor.decisions.path=" + FOLDER.resolve("decisions").toAbsolutePath(),
                "-Ddeal-advisor.auth.api-keys.slow.sha256=" + PackagedService.sha256(SLOW_KEY),
                "-Ddeal-advisor.auth.api-keys.slow.roles=qualify",
                "-Ddeal-advisor.auth.api-keys.other.sha256=" + PackagedService.sha256(OTHER_KEY),
                "-Ddeal-advisor.auth.api-keys.other.roles=qualify",
                "-jar", PackagedService.JAR.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(LOG.toFile()).start();
        HttpClient http = HostileBodies.client();
        List<Socket> slow = new ArrayList<>();
        try {
            PackagedService.awaitReady(service, management, LOG, Duration.ofSeconds(120));
            for (int i = 0; i < SLOW_REQUESTS; i++) {
                slow.add(startSlowBody(port));
            }
            Set<Socket> refused = awaitRefused(slow, SLOW_REQUESTS - PER_CALLER);
            assertEquals(SLOW_REQUESTS - PER_CALLER, refused.size(), "requests of the slow caller refused with 429");

            HostileBodies.Answer other = HostileBodies.send(http, base, "/v1/qualifications",
                    HostileBodies.normalDeal(), false, OTHER_KEY);
            assertEquals(200, other.status(), other.body());
            assertTrue(other.took().compareTo(Duration.ofSeconds(5)) < 0, "the other caller waited " + other.took());
            HttpResponse<String> live = http.send(HttpRequest.newBuilder(management.resolve("/q/health/live"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, live.statusCode(), live.body());

            for (Socket socket : slow) {
                socket.close(); // the service's reads of the held bodies fail, and their places are given back
            }
            assertEquals(200, awaitAnswered(http, base), "the slow caller, once its bodies were closed");
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
            PackagedService.stop(service);
        }
    }

    /** Headers and the start of a 1,000-byte body, the rest never sent. */
    private static Socket startSlowBody(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.getOutputStream().write(("POST /v1/qualifications HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + SLOW_KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"id\":")
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        socket.setSoTimeout(100);
        return socket;
    }

    /** The sockets answered 429 within 20 s, once {@code expected} of them are (or the time is up). */
    private static Set<Socket> awaitRefused(List<Socket> sockets, int expected) throws IOException {
        Set<Socket> refused = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (refused.size() < expected && System.nanoTime() - deadline < 0) {
            for (Socket socket : sockets) {
                if (!refused.contains(socket) && statusLine(socket).startsWith("HTTP/1.1 429")) {
                    refused.add(socket);
                }
            }
        }
        return refused;
    }

    /** The start of what the service answered on the socket so far; empty while it answers nothing. */
    private static String statusLine(Socket socket) throws IOException {
        byte[] start = new byte[12];
        InputStream in = socket.getInputStream();
        try {
            int read = in.readNBytes(start, 0, start.length);
            return new String(start, 0, read, StandardCharsets.US_ASCII);
        } catch (SocketTimeoutException e) {
            return "";
        }
    }

    private static int awaitAnswered(HttpClient http, URI base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int status = 0;
        while (System.nanoTime() - deadline < 0) {
            status = HostileBodies.send(http, base, "/v1/qualifications", HostileBodies.normalDeal(), false, SLOW_KEY)
                    .status();
            if (status == 200) {
                return status;
            }
            Thread.sleep(200);
        }
        return status;
    }
}
