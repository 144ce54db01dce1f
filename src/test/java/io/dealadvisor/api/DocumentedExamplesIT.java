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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
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
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The examples of the README and of {@code docs/} are real by construction. In each document, every {@code shell}
 * block is an example: the {@code json} or {@code text} block that follows it (blank lines apart) is its output.
 * The examples of one document are run with bash, in order, against a service of its own started from the
 * packaged jar on the shipped rules and a fresh store (localhost:8080 and localhost:9000 pointed at it, the demo
 * key given every role), so no document depends on what another one sent. Each output must be the block shown,
 * values that differ run to run (ids, times, cursors, the project's folder) aside. A {@code shell} block that
 * cannot be run here (it needs PostgreSQL, Kubernetes, a second replica) is marked just above its fence with
 * {@code <!-- example not run: why -->}; any other {@code shell} block without an output fails the test, since
 * nothing would check it. With {@code -Dexamples.rewrite=true} the outputs are written into the documents
 * instead. Failsafe runs it after {@code package}.
 */
@Tag("packaged")
class DocumentedExamplesIT {

    private static final Path README = Path.of("README.md");
    private static final Path DOCS = Path.of("docs");
    private static final Path FOLDER = Path.of("target/documented-examples-it");
    private static final Pattern FENCE = Pattern.compile("(?m)^```(\\w*)\n(.*?)^```\n", Pattern.DOTALL);
    private static final Pattern NOT_RUN = Pattern.compile("<!-- example not run: (\\S[^>]*?) -->\\s*$");
    private static final Set<String> OUTPUTS = Set.of("json", "text");
    /** Shown in place of the project's folder, which differs from clone to clone. */
    private static final String PROJECT_SHOWN = "/path/to/deal-advisor";
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

    /** A fenced block: its language, where its content starts and ends, and where its opening fence starts. */
    private record Block(String language, int fence, int start, int end) {
    }

    /** An example to run: its command and the block that shows its output. */
    private record Example(String command, Block output) {
    }

    /** The README, then every document in {@code docs/} that holds a {@code shell} block. */
    static Stream<Path> documents() throws IOException {
        try (Stream<Path> docs = Files.list(DOCS)) {
            List<Path> withShell = new ArrayList<>();
            for (Path doc : docs.filter(path -> path.toString().endsWith(".md")).sorted().toList()) {
                if (Files.readString(doc).contains("```shell\n")) {
                    withShell.add(doc);
                }
            }
            return Stream.concat(Stream.of(README), withShell.stream());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everyExampleAnswersWhatItsDocumentShows(Path document) throws Exception {
        String text = Files.readString(document);
        List<String> unchecked = new ArrayList<>();
        List<Example> examples = examples(text, unchecked);
        assertEquals(List.of(), unchecked, document + ": shell blocks that nothing checks; show the output each"
                + " gives in a json or text block after it, mark it <!-- example not run: why --> above its fence, or"
                + " write it as bash when it is only to be read");
        if (examples.isEmpty()) {
            return;
        }
        Files.createDirectories(FOLDER);
        // the examples call the service with curl and shorten answers with jq: Debian's, installed when missing
        run("for tool in curl jq; do command -v $tool >/dev/null || { apt-get update -qq"
                + " && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $tool >/dev/null; }; done");
        Path log = FOLDER.resolve(document.getFileName() + ".log");
        int port = PackagedService.freePort();
        URI management = URI.create("http://127.0.0.1:" + PackagedService.freePort() + "/");
        Path store = Files.createTempDirectory(FOLDER.toAbsolutePath(), "store-");
        Process service = new ProcessBuilder(PackagedService.java(), "-Xmx128m",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + management.getPort(),
                "-Ddeal-advisor.decisions.path=" + store.resolve("decisions"),
                "-Ddeal-advisor.auth.api-keys.demo.sha256=" + PackagedService.sha256("dev-demo-key"),
                "-Ddeal-advisor.auth.api-keys.demo.roles=qualify,rules-admin,analyst,auditor,privacy",
                "-jar", PackagedService.JAR.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        StringBuilder rewritten = new StringBuilder();
        List<String> differences = new ArrayList<>();
        try {
            PackagedService.awaitReady(service, management, log, Duration.ofSeconds(90));
            int copied = 0;
            for (Example example : examples) {
                String language = example.output().language();
                String shown = text.substring(example.output().start(), example.output().end());
                String answered = run(example.command().replace("localhost:8080", "127.0.0.1:" + port)
                        .replace("localhost:9000", "127.0.0.1:" + management.getPort()));
                String written = language.equals("json") ? pretty(answered) : answered;
                if (!comparable(language, shown).equals(comparable(language, answered))) {
                    differences.add("$ " + example.command() + document + " shows:\n" + shown
                            + "the service answered:\n" + written);
                }
                rewritten.append(text, copied, example.output().start()).append(written);
                copied = example.output().end();
            }
            rewritten.append(text.substring(copied));
        } finally {
            PackagedService.stop(service);
        }
        if (Boolean.getBoolean("examples.rewrite")) {
            Files.writeString(document, rewritten);
        } else {
            assertEquals(List.of(), differences, document + ": outputs that are no longer what the service"
                    + " answers; rewrite them as docs/development.md says (-Dexamples.rewrite=true)");
        }
    }

    /**
     * The examples of a document, in order; each {@code shell} block that is neither followed by an output nor
     * marked as not run is named in {@code unchecked}, with its line.
     */
    private static List<Example> examples(String text, List<String> unchecked) {
        List<Block> blocks = new ArrayList<>();
        Matcher fence = FENCE.matcher(text);
        while (fence.find()) {
            blocks.add(new Block(fence.group(1), fence.start(), fence.start(2), fence.end(2)));
        }
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            if (!block.language().equals("shell")) {
                continue;
            }
            int before = i == 0 ? 0 : blocks.get(i - 1).end();
            Block next = i + 1 < blocks.size() ? blocks.get(i + 1) : null;
            boolean followed = next != null && OUTPUTS.contains(next.language())
                    && text.substring(block.end(), next.fence()).matches("```\n\\s*");
            if (NOT_RUN.matcher(text.substring(before, block.fence())).find()) {
                continue;
            }
            if (followed) {
                examples.add(new Example(text.substring(block.start(), block.end()), next));
            } else {
                unchecked.add("line " + (text.substring(0, block.fence()).split("\n", -1).length) + ":\n"
                        + text.substring(block.start(), block.end()));
            }
        }
        return examples;
    }

    /**
     * Runs one example with bash from the project's root: its standard output, standard error appended, with
     * the project's folder as {@link #PROJECT_SHOWN}.
     */
    private static String run(String command) throws Exception {
        Process shell = new ProcessBuilder("bash", "-euo", "pipefail", "-c", command).redirectErrorStream(true)
                .start();
        String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .replace(Path.of("").toAbsolutePath().toString(), PROJECT_SHOWN);
        assertTrue(shell.waitFor(3, TimeUnit.MINUTES), "still running after 3 min: " + command);
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
            node.forEach(DocumentedExamplesIT::mask);
        }
        return node;
    }
}
