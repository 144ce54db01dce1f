package io.dealadvisor.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.dealadvisor.records.Records;
import io.dealadvisor.security.ApiKeyAuthenticationMechanism;
import io.dealadvisor.testing.Management;
import io.dealadvisor.testing.PackagedService;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import static io.dealadvisor.fuzz.RandomDeals.JSON;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input never gets a 5xx: thousands of random deals and mutations of them, sent to the qualification
 * endpoints, each get advice or a 4xx problem document. Every advice answered is then in the export, whatever
 * text its deal held. The seed is printed; {@code -Dfuzz.seed=...} repeats a run and {@code -Dfuzz.cases=...}
 * changes its size.
 *
 * <p>The packaged service on a store of its own, by Failsafe after {@code package}: its thousands of decisions fire
 * every rule, which would leave no figure untouched in a start shared with other tests.
 */
@Tag("packaged")
class FuzzIT {

    private static final int CASES = Integer.getInteger("fuzz.cases", 10_000);
    private static final int BATCH_PERCENT = 10;
    /** More senders than cores, so that the service is busy while answers travel back. */
    private static final int SENDERS = 4;
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Set<String> ADVICES = Set.of("PROCEED", "WAIT", "REFER", "NO_SALE");
    private static final int VIOLATIONS_SHOWN = 10;
    private static final int PREVIEW_LENGTH = 300;
    private static final Path FOLDER = Path.of("target/fuzz-it");
    private static final Path LOG = FOLDER.resolve("service.log");
    private static final Duration STARTUP = Duration.ofSeconds(120);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<Integer, LongAdder> statuses = new ConcurrentSkipListMap<>();
    private final Queue<String> violations = new ConcurrentLinkedQueue<>();
    /** The decision id of every advice answered. */
    private final Set<String> decided = ConcurrentHashMap.newKeySet();
    private PackagedService.Running service;

    @Test
    void badInputGetsAdviceOrA4xxProblemNeverA5xx() throws Exception {
        PackagedService.assertBuilt();
        Records.delete(FOLDER);
        Files.createDirectories(FOLDER);
        service = PackagedService.startForLoad(FOLDER.resolve("decisions").toAbsolutePath(), LOG,
                "-Ddeal-advisor.auth.api-keys.load.roles=qualify,auditor");
        try {
            PackagedService.awaitReady(service.process(), service.management(), LOG, STARTUP);
            fuzz();
        } finally {
            PackagedService.stop(service.process());
        }
    }

    private void fuzz() throws InterruptedException {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.printf("FuzzIT seed %d (repeat with -Dfuzz.seed=%d)%n", seed, seed);
        List<FuzzCase> cases = FuzzCase.generate(seed, CASES, BATCH_PERCENT);

        Instant since = Instant.now().minusSeconds(1);
        long start = System.nanoTime();
        sendAll(cases);
        double seconds = (System.nanoTime() - start) / 1e9;

        long batches = cases.stream().filter(FuzzCase::batch).count();
        System.out.printf("FuzzIT seed %d: %d bodies (%d single, %d batch) in %.1f s; answers by status %s;"
                        + " %d violations%n", seed, cases.size(), cases.size() - batches, batches, seconds, statuses,
                violations.size());
        assertTrue(violations.isEmpty(), () -> violations.size() + " answers broke the promise (seed " + seed
                + "), the first ones:\n" + String.join("\n", violations.stream().limit(VIOLATIONS_SHOWN).toList()));
        Management.given(service.management()).get("/q/health/ready").then().statusCode(200);

        Records.awaitWritten(service.management());
        Set<String> exported = exportedIds(since);
        List<String> missing = decided.stream().filter(id -> !exported.contains(id)).limit(VIOLATIONS_SHOWN).toList();
        assertTrue(missing.isEmpty(), () -> "of " + decided.size() + " decisions answered, the export of "
                + exported.size() + " lacks " + missing);
    }

    /** The decision ids of an export, each line read as a JSON record: an export cut short fails here. */
    private Set<String> exportedIds(Instant since) {
        String export = RestAssured.given().baseUri("http://" + service.base().getHost()).port(service.base().getPort())
                .header(ApiKeyAuthenticationMechanism.HEADER, service.key()).get("/v1/decisions/export?from=" + since)
                .then().statusCode(200).extract().asString();
        Set<String> ids = new HashSet<>();
        export.lines().forEach(line -> ids.add(readJson(line).path("decisionId").asText()));
        return ids;
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + preview(text.getBytes(StandardCharsets.UTF_8)), e);
        }
    }

    private void sendAll(List<FuzzCase> cases) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            Thread sender = new Thread(() -> {
                for (int index = next.getAndIncrement(); index < cases.size(); index = next.getAndIncrement()) {
                    send(cases.get(index));
                }
            }, "fuzz-sender-" + i);
            sender.start();
            senders.add(sender);
        }
        for (Thread sender : senders) {
            sender.join();
        }
    }

    private void send(FuzzCase fuzzCase) {
        String path = fuzzCase.batch() ? "/v1/qualifications/batch" : "/v1/qualifications";
        HttpRequest request = HttpRequest.newBuilder(service.base().resolve(path))
                .header(ApiKeyAuthenticationMechanism.HEADER, service.key())
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(fuzzCase.body()))
                .build();
        String violation;
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            statuses.computeIfAbsent(answer.statusCode(), status -> new LongAdder()).increment();
            violation = violation(fuzzCase, answer);
            if (violation == null && answer.statusCode() == 200) {
                collectDecisionIds(fuzzCase, answer);
            }
        } catch (IOException e) {
            violation = "no answer: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            violation = "interrupted";
        }
        if (violation != null) {
            violations.add("case " + fuzzCase.number() + " (" + fuzzCase.kind() + "): " + violation + "\n  sent: "
                    + preview(fuzzCase.body()));
        }
    }

    private void collectDecisionIds(FuzzCase fuzzCase, HttpResponse<String> answer) {
        if (fuzzCase.batch()) {
            readJson(answer.body()).path("results").forEach(result -> {
                if (result.has("advice")) {
                    decided.add(result.path("decisionId").asText());
                }
            });
        } else {
            answer.headers().firstValue("Decision-Id").ifPresent(decided::add);
        }
    }

    /** What is wrong with an answer, or null when it is advice or a 4xx problem document as it should be. */
    private static String violation(FuzzCase fuzzCase, HttpResponse<String> answer) {
        int status = answer.statusCode();
        String contentType = answer.headers().firstValue("Content-Type").orElse("");
        String got = "status " + status + " (" + contentType + ") " + preview(answer.body().getBytes(StandardCharsets.UTF_8));
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (JsonProcessingException e) {
            return got + ": the body is not JSON";
        }
        if (status == 200 && contentType.startsWith("application/json")) {
            String wrong = fuzzCase.batch() ? batchViolation(fuzzCase, body) : adviceViolation(body,
                    fuzzCase.mustBeAdvised() ? fuzzCase.dealIds().get(0) : null);
            return wrong == null ? null : got + ": " + wrong;
        }
        if (fuzzCase.mustBeAdvised()) {
            return got + ": valid deals must be advised";
        }
        if (status >= 400 && status < 500 && contentType.startsWith(PROBLEM_JSON)) {
            String wrong = problemViolation(body, status);
            return wrong == null ? null : got + ": " + wrong;
        }
        return got;
    }

    /** Advice needs its deal's id (the one sent, when known), one of the four advices and a list of reasons. */
    private static String adviceViolation(JsonNode advice, String dealId) {
        if (!advice.path("dealId").isTextual() || dealId != null && !dealId.equals(advice.path("dealId").asText())) {
            return "advice for deal " + advice.path("dealId") + ", expected " + (dealId == null ? "an id" : dealId);
        }
        if (!ADVICES.contains(advice.path("advice").asText())) {
            return "no advice in " + advice.path("advice");
        }
        return advice.path("reasons").isArray() ? null : "no list of reasons";
    }

    private static String problemViolation(JsonNode problem, int status) {
        for (String field : List.of("type", "title", "detail")) {
            if (!problem.path(field).isTextual() || problem.path(field).asText().isBlank()) {
                return "a problem document without " + field;
            }
        }
        return problem.path("status").asInt() == status ? null : "a problem document whose status is not " + status;
    }

    /** One result per deal in order, each advice or a 400 problem, counted right in the summary. */
    private static String batchViolation(FuzzCase fuzzCase, JsonNode answer) {
        JsonNode results = answer.path("results");
        if (!results.isArray()) {
            return "no results";
        }
        if (fuzzCase.mustBeAdvised() && results.size() != fuzzCase.dealIds().size()) {
            return results.size() + " results for " + fuzzCase.dealIds().size() + " deals";
        }
        int problems = 0;
        for (int index = 0; index < results.size(); index++) {
            JsonNode result = results.get(index);
            String wrong;
            if (result.path("index").asInt(-1) != index) {
                wrong = "out of order";
            } else if (result.has("advice")) {
                wrong = adviceViolation(result.get("advice"),
                        fuzzCase.mustBeAdvised() ? fuzzCase.dealIds().get(index) : null);
            } else if (fuzzCase.mustBeAdvised()) {
                wrong = "a valid deal was not advised";
            } else {
                problems++;
                wrong = problemViolation(result.path("problem"), 400);
            }
            if (wrong != null) {
                return "result " + index + ": " + wrong;
            }
        }
        int errors = answer.path("summary").path("errors").asInt(-1);
        return errors == problems ? null : "the summary counts " + errors + " errors, the results " + problems;
    }

    /** The start of a body, control characters escaped, so that a violation can be read in the test output. */
    private static String preview(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        StringBuilder shown = new StringBuilder();
        text.codePoints().limit(PREVIEW_LENGTH).forEach(c -> shown.append(c < 0x20 ? String.format("\\u%04x", c)
                : new String(Character.toChars(c))));
        return text.codePointCount(0, text.length()) > PREVIEW_LENGTH ? shown + "... (" + body.length + " bytes)"
                : shown.toString();
    }
}
