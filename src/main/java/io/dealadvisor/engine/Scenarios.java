package io.dealadvisor.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dealadvisor.domain.Advice;
import io.dealadvisor.domain.Reason;
import io.dealadvisor.domain.Verdict;
import io.dealadvisor.intake.FieldError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads the analysts' scenario files of a rules folder, and checks an advisor's answer against one. */
public final class Scenarios {

    /** A scenario's deal keeps its decimals exact, as one sent to the service does. */
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Set<String> EXPECTATIONS = Set.of("advice", "truths", "referTo", "revisitOn");

    private Scenarios() {
    }

    /** Every {@code *.yaml} or {@code *.yml} under {@code scenarios/}, in path order; malformed ones are problems. */
    public static List<Scenario> load(Path rulesDirectory, List<RuleProblem> problems) {
        Path folder = rulesDirectory.resolve(RulesFiles.SCENARIOS);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(path -> !RulesFiles.isEditorLitter(folder.relativize(path)))
                    .filter(path -> path.toString().endsWith(".yaml") || path.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            problems.add(new RuleProblem(RulesFiles.SCENARIOS, null, "cannot be listed: " + e.getMessage()));
            return List.of();
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (Path path : files) {
            String file = rulesDirectory.relativize(path).toString().replace('\\', '/');
            try {
                byte[] content = Files.readAllBytes(path);
                Optional<RuleProblem> notUtf8 = RulesFiles.notUtf8(file, content);
                if (notUtf8.isPresent()) {
                    problems.add(notUtf8.get());
                    continue;
                }
                List<JsonNode> documents = documents(content);
                if (documents.size() > 1) {
                    problems.add(new RuleProblem(file, null, "holds " + documents.size() + " YAML documents"
                            + " (separated by ---): a scenario file holds one scenario; put each in a file of its own"));
                    continue;
                }
                scenarios.add(parse(file, documents.isEmpty() ? null : documents.get(0), problems));
            } catch (IOException e) {
                problems.add(new RuleProblem(file, null, "is not valid YAML: " + e.getMessage()));
            }
        }
        scenarios.removeIf(Objects::isNull);
        return scenarios;
    }

    /**
     * The documents of a file that hold something: reading only the first would run one scenario and silently skip
     * the others. A {@code ---} with nothing after it adds none.
     */
    private static List<JsonNode> documents(byte[] content) throws IOException {
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(content)) {
            return documents.readAll().stream().filter(node -> node != null && !node.isNull()).toList();
        }
    }

    private static Scenario parse(String file, JsonNode node, List<RuleProblem> problems) {
        int before = problems.size();
        if (node == null || !node.isObject()) {
            problems.add(new RuleProblem(file, null, "must hold name, deal and expect"));
            return null;
        }
        if (!node.path("name").isTextual() || node.path("name").asText().isBlank()) {
            problems.add(new RuleProblem(file, null, "needs a name"));
        }
        if (!node.path("deal").isObject()) {
            problems.add(new RuleProblem(file, null, "needs a deal"));
        } else if (!node.path("deal").path("asOf").isTextual()) {
            problems.add(new RuleProblem(file, null, "deal must set asOf, so the scenario gives the same answer"
                    + " on every day it runs"));
        }
        JsonNode expect = node.path("expect");
        if (!expect.isObject() || !expect.path("advice").isTextual()) {
            problems.add(new RuleProblem(file, null, "needs expect.advice"));
        } else {
            String advice = expect.path("advice").asText();
            if (Arrays.stream(Advice.values()).noneMatch(known -> known.name().equals(advice))) {
                problems.add(new RuleProblem(file, null, "expect.advice '" + advice + "' is not an advice; use one"
                        + " of " + List.of(Advice.values())));
            }
            if (expect.has("truths") && !expect.get("truths").isArray()) {
                problems.add(new RuleProblem(file, null, "expect.truths must be a list, such as [DIAGNOSE_FIRST]"));
            }
            expect.fieldNames().forEachRemaining(key -> {
                if (!EXPECTATIONS.contains(key)) {
                    problems.add(new RuleProblem(file, null, "expect." + key + " is not something a scenario"
                            + " checks; use " + new TreeSet<>(EXPECTATIONS)));
                }
            });
        }
        return problems.size() > before ? null
                : new Scenario(file, node.get("name").asText(), node.get("deal"), expect);
    }

    /** Decides the scenario's deal with the advisor and compares the answer with what it expects. */
    static ScenarioResult run(Advisor advisor, Scenario scenario, FiringWatch watch) {
        String expected = describe(scenario.expect());
        Advisor.Decided decided;
        try {
            decided = advisor.decide(scenario.deal(), watch);
        } catch (EvaluationException e) {
            return new ScenarioResult(scenario, expected, "error", List.of(e.getMessage()), null);
        }
        if (!decided.ok()) {
            return new ScenarioResult(scenario, expected, "invalid deal",
                    decided.errors().stream().map(FieldError::toString).toList(), null);
        }
        Verdict verdict = decided.verdict();
        List<String> failures = new ArrayList<>();
        JsonNode expect = scenario.expect();
        if (!expect.path("advice").asText().equals(verdict.advice().name())) {
            failures.add("advice: expected " + expect.path("advice").asText() + ", got " + verdict.advice()
                    + " because " + explain(verdict));
        }
        Set<String> cited = verdict.reasons().stream().map(Reason::truth).collect(Collectors.toSet());
        for (JsonNode truth : expect.path("truths")) {
            if (!cited.contains(truth.asText())) {
                failures.add("truths: expected " + truth.asText() + " among the reasons, got " + new TreeSet<>(cited));
            }
        }
        if (expect.has("referTo") && !Objects.equals(text(expect.get("referTo")), verdict.referTo())) {
            failures.add("referTo: expected " + text(expect.get("referTo")) + ", got " + verdict.referTo());
        }
        if (expect.has("revisitOn") && !Objects.equals(text(expect.get("revisitOn")),
                verdict.revisitOn() == null ? null : verdict.revisitOn().toString())) {
            failures.add("revisitOn: expected " + text(expect.get("revisitOn")) + ", got " + verdict.revisitOn());
        }
        return new ScenarioResult(scenario, expected, describe(verdict), failures, verdict);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static String describe(JsonNode expect) {
        StringBuilder text = new StringBuilder(expect.path("advice").asText());
        if (expect.has("referTo")) {
            text.append(" referTo=").append(text(expect.get("referTo")));
        }
        if (expect.has("revisitOn")) {
            text.append(" revisitOn=").append(text(expect.get("revisitOn")));
        }
        return text.toString();
    }

    private static String describe(Verdict verdict) {
        StringBuilder text = new StringBuilder(verdict.advice().name());
        if (verdict.referTo() != null) {
            text.append(" referTo=").append(verdict.referTo());
        }
        if (verdict.revisitOn() != null) {
            text.append(" revisitOn=").append(verdict.revisitOn());
        }
        return text.toString();
    }

    private static String explain(Verdict verdict) {
        return verdict.reasons().stream().filter(reason -> reason.advice() != null)
                .map(reason -> reason.advice() + " from '" + reason.rule() + "' (" + reason.explanation() + ")")
                .collect(Collectors.joining("; "));
    }
}
