package io.dealadvisor.api;

import io.dealadvisor.testing.HostileBodies;
import io.dealadvisor.testing.PackagedService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged service at the heap the Kubernetes manifests give it ({@code -Xmx128m}) takes every hostile body:
 * each gets its 4xx problem within a ceiling that only work growing faster than the body would break, a normal
 * deal sent beside it is advised, and nothing runs the service out of memory. Failsafe runs it after
 * {@code package}.
 */
@Tag("packaged")
class HostileBodiesIT {

    private static final Path FOLDER = Path.of("target/hostile-bodies-it");
    private static final Path LOG = FOLDER.resolve("service.log");
    private static final Duration CEILING = Duration.ofSeconds(10);
    private static final String KEY = "hostile-bodies-it-key";

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void everyHostileBodyGetsA4xxAtTheShippedHeapAndTheServiceKeepsAdvising() throws Exception {
        PackagedService.assertBuilt();
        Files.createDirectories(FOLDER);
        int port = PackagedService.freePort();
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        Process service = new ProcessBuilder(PackagedService.java(),
                "-Xmx128m", "-XX:+ExitOnOutOfMemoryError", "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port, "-Dquarkus.management.port=" + PackagedService.freePort(),
                "-Ddeal-advisor.decisions.path=" + FOLDER.resolve("decisions").toAbsolutePath(),
                "-Ddeal-advisor.auth.api-keys.it.sha256=" + PackagedService.sha256(KEY),
                "-Ddeal-advisor.auth.api-keys.it.roles=qualify,privacy",
                "-jar", PackagedService.JAR.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(LOG.toFile()).start();
        HttpClient http = HostileBodies.client();
        List<String> report = new ArrayList<>();
        try {
            awaitAdvice(service, http, base);
            for (HostileBodies.Attack attack : HostileBodies.all()) {
                HostileBodies.Answer answer = HostileBodies.send(http, base, attack, KEY);
                report.add(String.format("%s: %d in %d ms", attack, answer.status(), answer.took().toMillis()));
                assertEquals(attack.expected(), answer.status(), attack + ": " + answer.body());
                assertTrue(answer.body().contains("\"status\":" + attack.expected()), answer.body());
                assertTrue(answer.took().compareTo(CEILING) < 0, attack + " took " + answer.took());
                HostileBodies.Answer next = HostileBodies.send(http, base, "/v1/qualifications",
                        HostileBodies.normalDeal(), false, KEY);
                assertEquals(200, next.status(), "after " + attack + ": " + next.body());
            }
        } finally {
            PackagedService.stop(service);
            System.out.println("[hostile bodies at -Xmx128m] " + String.join("; ", report));
        }
        String log = Files.readString(LOG);
        assertFalse(log.contains("OutOfMemoryError"), "the service ran out of memory; see " + LOG);
    }

    private static void awaitAdvice(Process service, HttpClient http, URI base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (!service.isAlive()) {
                throw new AssertionError("the service exited:\n" + Files.readString(LOG));
            }
            try {
                HttpResponse<Void> truths = http.send(HttpRequest.newBuilder(base.resolve("/v1/truths"))
                        .header("X-API-Key", KEY).build(), HttpResponse.BodyHandlers.discarding());
                if (truths.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the service did not answer within 120 s:\n" + Files.readString(LOG));
    }


}
