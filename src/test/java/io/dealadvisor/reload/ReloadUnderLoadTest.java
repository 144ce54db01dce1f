package io.dealadvisor.reload;

import io.dealadvisor.security.ApiKeyAuthenticationMechanism;
import io.dealadvisor.security.Credentials;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealadvisor.domain.Advice;
import io.dealadvisor.engine.Advisor;
import io.dealadvisor.engine.RulesetLoader;
import io.dealadvisor.rules.RulesHarness;
import io.dealadvisor.testing.EditableFolders;
import io.dealadvisor.testing.Poll;
import io.dealadvisor.testing.RulesFolder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reload promise (docs/rules.md): no request ever fails or sees a half-loaded ruleset because of a reload. Clients keep
 * asking for advice while the rules folder is rewritten again and again, with good and broken edits.
 */
@QuarkusTest
@TestProfile(EditableFolders.class)
class ReloadUnderLoadTest {

    private static final int CLIENTS = 4;
    /** Each good edit follows a broken one: 20 writes in all. */
    private static final int GOOD_EDITS = 10;
    private static final int WARM_UP_ANSWERS = 200;
    /** Checks that each edit lands, not how fast: a loaded CI machine may compile slowly. */
    private static final Duration RELOAD_DEADLINE = Duration.ofSeconds(30);
    /** A request that hangs counts as failed rather than hanging the test. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final String PROBE_FILE = "reload-probe.drl";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/v1/qualifications")
    URI qualifications;

    @TestHTTPResource("/v1/ruleset")
    URI ruleset;

    @TempDir
    Path scratch;

    /** A content of the probe file the service accepts, with the version and advice it must answer with. */
    private record Variant(String drl, String version, String advice) {
    }

    /** What a client saw: either an answer or why there was none. */
    private record Answer(String version, String advice, String failure) {
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void noRequestFailsOrMixesRulesetsWhileTheRulesAreRewritten() throws Exception {
        Variant waits = variant("waits", ProbeRules.file("Reload probe", Advice.WAIT));
        Variant refuses = variant("refuses", ProbeRules.file("Reload probe", Advice.NO_SALE));
        assertNotEquals(waits.advice(), refuses.advice(), "the two good edits must be told apart by their advice");
        Map<String, Variant> goodVersions = Map.of(waits.version(), waits, refuses.version(), refuses);
        RulesFolder rules = EditableFolders.servedRules();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        rules.write(PROBE_FILE, waits.drl());
        awaitVersion(http, waits);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger answered = new AtomicInteger();
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            running.add(clients.submit(() -> {
                while (!stop.get()) {
                    Answer answer = ask(http);
                    if (answer.failure() != null) {
                        failures.add(answer.failure());
                        continue;
                    }
                    Variant variant = goodVersions.get(answer.version());
                    if (variant == null || !variant.advice().equals(answer.advice())) {
                        failures.add("answered " + answer.advice() + " with ruleset " + answer.version()
                                + ", which no good edit gives");
                    } else {
                        versionsSeen.add(answer.version());
                        answered.incrementAndGet();
                    }
                }
            }));
        }

        Random pauses = new Random(20261123);
        Variant last = waits;
        int answeredBeforeEdits = 0;
        try {
            // Warm the request path up first, so that the first reload competes with requests, not with the JIT.
            answeredBeforeEdits = Poll.until(Duration.ofSeconds(30), WARM_UP_ANSWERS + " answers", answered::get,
                    count -> count >= WARM_UP_ANSWERS);
            // Each edit is awaited, so that every one is compiled and swapped in (or refused) under load
            // rather than folded into the next one by the watcher's quiet period.
            for (int edit = 0; edit < GOOD_EDITS; edit++) {
                rules.write(PROBE_FILE, RulesFolder.withSyntaxError(last.drl()));
                awaitRefusal(http);
                Thread.sleep(300 + pauses.nextInt(300));
                last = last == waits ? refuses : waits;
                rules.write(PROBE_FILE, last.drl());
                awaitVersion(http, last);
                Thread.sleep(300 + pauses.nextInt(300));
            }
        } finally {
            stop.set(true);
            for (Future<?> client : running) {
                client.get(10, TimeUnit.SECONDS);
            }
            clients.shutdown();
            rules.restoreShipped();
        }

        assertEquals(List.of(), List.copyOf(failures), "requests that failed or mixed rulesets");
        assertEquals(goodVersions.keySet(), versionsSeen, "clients saw both good edits served");
        int answeredDuringEdits = answered.get() - answeredBeforeEdits;
        assertTrue(answeredDuringEdits > 100, "only " + answeredDuringEdits + " answers while the rules were rewritten");
    }

    /** The version and advice the loader gives the shipped rules plus {@code drl} as the probe file. */
    private Variant variant(String name, String drl) throws Exception {
        RulesFolder folder = RulesFolder.copyOfShipped(scratch.resolve(name));
        folder.write(PROBE_FILE, drl);
        Advisor advisor = new RulesetLoader().load(folder.root());
        try {
            return new Variant(drl, advisor.version(), RulesHarness.decide(advisor, ProbeRules.DEAL).advice().name());
        } finally {
            advisor.release();
        }
    }

    private Answer ask(HttpClient http) {
        HttpRequest request = HttpRequest.newBuilder(qualifications)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header(ApiKeyAuthenticationMechanism.HEADER, Credentials.DEMO_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(ProbeRules.DEAL.toString()))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new Answer(null, null, "status " + response.statusCode() + ": " + response.body());
            }
            JsonNode verdict = JSON.readTree(response.body());
            return new Answer(verdict.path("ruleset").path("version").asText(), verdict.path("advice").asText(), null);
        } catch (Exception e) {
            return new Answer(null, null, e.toString());
        }
    }

    private void awaitVersion(HttpClient http, Variant variant) {
        Poll.until(RELOAD_DEADLINE, "serving " + variant.version(), () -> ask(http),
                answer -> variant.version().equals(answer.version()));
    }

    /** A good edit clears the reload error, so an error present now is the refusal of the latest edit. */
    private void awaitRefusal(HttpClient http) {
        Poll.until(RELOAD_DEADLINE, "the broken edit to be refused", () -> rulesetView(http),
                view -> view.hasNonNull("lastReloadError"));
    }

    private JsonNode rulesetView(HttpClient http) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(ruleset).timeout(REQUEST_TIMEOUT)
                            .header(ApiKeyAuthenticationMechanism.HEADER, Credentials.DEMO_KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
