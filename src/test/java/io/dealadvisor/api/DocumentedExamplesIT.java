package io.dealadvisor.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dealadvisor.testing.PackagedService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's examples are real by construction: every {@code shell} block followed at once by a {@code json} or
 * {@code text} block is run with bash, in order, against the packaged service on the shipped rules and a fresh
 * store (localhost:8080 pointed at it, the demo key given every role), and its output must be the block that
 * follows, values that differ run to run (ids, times, cursors) aside. With {@code -Dexamples.rewrite=true} the
 * outputs are written into the README instead. Failsafe runs it after {@code package}.
 */
@Tag("packaged")
class ReadmeExamplesIT {

    private static final Path README = Path.of("README.md");
    private static final Path FOLDER = Path.of("target/readme-examples-it");
    private static final Pattern EXAMPLE = Pattern.compile(
            "```shell\n(.*?)```\n\n```(json|text)\n(.*?)```", Pattern.DOTALL);
    /** Members whose values differ from run to run: compared as present, not by value. */
    private static final Set<String> VOLATILE = Set.of("decisionId", "erasureId", "decidedAt", "loadedAt", "at",
            "reportedOn", "next", "durationMicros");
    private static final Pattern VOLATILE_TEXT = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Indented as jq prints: two spaces, one array element a line, "name": value, empty [] and {}. */
    private static final DefaultPrettyPrinter AS_JQ_PRINTS = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER).withArrayEmptySeparator("")
            .withObjectEmptySeparator("")).withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyExampleAnswersWhatTheReadmeShows() throws Exception {
        PackagedService.assertBuilt();
        Files.createDirectories(FOLDER);
        // the examples call the service with curl and shorten answers with jq: Debian's, installed when missing
        run("for tool in curl jq; do command -v $tool >/dev/null || { apt-get update -qq"
                + " && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $tool >/dev/null; }; done");
        Path log = FOLDER.resolve("service.log");
        int port = PackagedService.freePort();
        URI management = URI.create("http://127.0.0.1:" + PackagedService.freePort() + "/");
        Path store = Files.createTempDirectory(FOLDER.toAbsolutePath(), "store-");
        Process service = new ProcessBuilder(PackagedService.java(), "-Xmx128m",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + management.getPort(),
                "-Ddeal-advisor.decisions.path=" + store.resolve("decisions"),
                "-Ddeal-advisor.auth.api-keys.demo.sha256=" + PackagedService.sha256("dev-demo-key"),
                "-Ddeal-advisor.auth.api-keys.demo.roles=qualify,rules-admin,analyst,auditor,privacy",
                "-jar", PackagedService.JAR.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String readme = Files.readString(README);
        StringBuilder rewritten = new StringBuilder();
        List<String> differences = new ArrayList<>();
        int examples = 0;
        try {
            PackagedService.awaitReady(service, management, log, Duration.ofSeconds(90));
            Matcher example = EXAMPLE.matcher(readme);
            int copied = 0;
            while (example.find()) {
                examples++;
                String command = example.group(1);
                String shown = example.group(3);
                String answered = run(command.replace("localhost:8080", "127.0.0.1:" + port));
                String written = example.group(2).equals("json") ? pretty(answered) : answered;
                if (!comparable(example.group(2), shown).equals(comparable(example.group(2), answered))) {
                    differences.add("$ " + command + "README shows:\n" + shown + "the service answered:\n" + written);
                }
                rewritten.append(readme, copied, example.start(3)).append(written);
                copied = example.end(3);
            }
            rewritten.append(readme.substring(copied));
        } finally {
            PackagedService.stop(service);
        }
        assertTrue(examples >= 5, "the README's examples were not found (" + examples + ")");
        if (Boolean.getBoolean("examples.rewrite")) {
            Files.writeString(README, rewritten);
        } else {
            assertEquals(List.of(), differences, "README outputs that are no longer what the service answers;"
                    + " rewrite them as docs/development.md says (-Dexamples.rewrite=true)");
        }
    }

    /** Runs one example with bash from the project's root; its standard output, standard error appended. */
    private static String run(String command) throws Exception {
        Process shell = new ProcessBuilder("bash", "-euo", "pipefail", "-c", command).redirectErrorStream(true)
                .start();
        String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(shell.waitFor(60, TimeUnit.SECONDS), "still running after 60 s: " + command);
        assertEquals(0, shell.exitValue(), "failed: " + command + output);
        return output.endsWith("\n") ? output : output + "\n";
    }

    /** The JSON values of an output, each indented as jq prints them. */
    private static String pretty(String json) throws Exception {
        StringBuilder out = new StringBuilder();
        MappingIterator<JsonNode> values = JSON.readerFor(JsonNode.class).readValues(json);
        while (values.hasNext()) {
            out.append(JSON.writer(AS_JQ_PRINTS).writeValueAsString(values.next())).append('\n');
        }
        return out.toString();
    }

    /** What must match: JSON values with the volatile members masked, or text with ids and instants masked. */
    private static String comparable(String kind, String output) throws Exception {
        if (kind.equals("text")) {
            return VOLATILE_TEXT.matcher(output.strip()).replaceAll("<volatile>");
        }
        List<JsonNode> values = new ArrayList<>();
        JSON.readerFor(JsonNode.class).<JsonNode>readValues(output).forEachRemaining(value -> values.add(mask(value)));
        return values.toString();
    }

    private static JsonNode mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                object.set(name, VOLATILE.contains(name) && !object.get(name).isNull()
                        ? TextNode.valueOf("<volatile>") : mask(object.get(name)));
            }
        } else if (node.isArray()) {
            node.forEach(ReadmeExamplesIT::mask);
        }
        return node;
    }
}
