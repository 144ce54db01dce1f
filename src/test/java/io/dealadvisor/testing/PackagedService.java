package io.dealadvisor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the tests of the packaged service (the {@code *IT} classes Failsafe runs after {@code package}) share: the
 * jar, free ports, an API key's stored hash, waiting until the service is ready, and its buffer's backlog.
 */
public final class PackagedService {

    public static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PackagedService() {
    }

    /** A service started from the jar: its process, API and management addresses, and the API key it takes. */
    public record Running(Process process, URI base, URI management, String key) {
    }

    /**
     * Starts the jar under load-test settings: {@code -Xmx256m}, loopback ports of its own, the decisions in
     * {@code database}, a fresh random key with role {@code qualify}, output to {@code log}; {@code properties} are
     * added as they are ({@code -Dname=value}).
     */
    public static Running startForLoad(Path database, Path log, String... properties) throws IOException {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String key = HexFormat.of().formatHex(secret);
        int port = freePort();
        int managementPort = freePort();
        List<String> command = new ArrayList<>(List.of(java(),
                "-Xmx256m", "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + managementPort,
                "-Ddeal-advisor.decisions.path=" + database,
                "-Ddeal-advisor.auth.api-keys.load.sha256=" + sha256(key),
                "-Ddeal-advisor.auth.api-keys.load.roles=qualify"));
        command.addAll(List.of(properties));
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Running(process, URI.create("http://127.0.0.1:" + port + "/"),
                URI.create("http://127.0.0.1:" + managementPort + "/"), key);
    }

    /** Fails the test unless {@code package} has built the jar: Failsafe runs the tests of the jar after it. */
    public static void assertBuilt() {
        assertTrue(Files.isRegularFile(JAR),
                JAR + " is built by package, before Failsafe runs this test");
    }

    /** Stops the service as Kubernetes would: SIGTERM, and SIGKILL if it has not exited within 40 s. */
    public static void stop(Process service) throws InterruptedException {
        service.destroy();
        if (!service.waitFor(40, TimeUnit.SECONDS)) {
            service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The java binary of the JVM running the tests, to start the jar with. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** An API key as {@code deal-advisor.auth.api-keys.<id>.sha256} stores it. */
    public static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Waits until the readiness check on the management interface answers 200; fails with the service's log. */
    public static void awaitReady(Process service, URI management, Path log, Duration startup) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(management.resolve("/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + startup.toNanos();
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
        throw new AssertionError("the service was not ready within " + startup + ":\n" + Files.readString(log));
    }

    /**
     * Records waiting to be written, as the decision-records health check reports them (the decision-events check
     * has a backlog of its own: the outbox's).
     */
    public static int backlog(URI management) throws IOException, InterruptedException {
        String health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(management.resolve("/q/health/well"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        for (JsonNode check : JSON.readTree(health).path("checks")) {
            if (check.path("name").asText().equals("decision-records")) {
                return check.path("data").path("backlog").asInt();
            }
        }
        throw new AssertionError("no decision-records check in " + health);
    }
}
