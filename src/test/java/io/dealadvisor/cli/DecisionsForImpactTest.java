package io.dealadvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dealadvisor.domain.Reason;
import io.dealadvisor.domain.Verdict;
import io.dealadvisor.engine.Advisor;
import io.dealadvisor.engine.RuleProblem;
import io.dealadvisor.engine.Scenario;
import io.dealadvisor.engine.Scenarios;
import io.dealadvisor.rules.RulesHarness;
import io.dealadvisor.testing.RulesFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The rules workflow's filter (.github/scripts/decisions-for-impact.jq), run with jq on an export of every shipped
 * scenario's deal as the service records it: what comes out names no client, offering, milestone or agreed outcome
 * and holds no free text nor who called or reported, and yet rules-impact decides every deal of it exactly as it was
 * answered, and keeps what it counts of the outcomes.
 */
class DecisionsForImpactTest {

    private static final Path FILTER = Path.of(".github/scripts/decisions-for-impact.jq");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLER = "crm-integration-of-northwind";
    private static final String REPORTER = "seller-key-of-jane-doe";

    @TempDir
    Path temp;

    @Test
    void theFilteredExportKeepsEveryDecisionAndNoNameOrFreeText() throws Exception {
        assumeTrue(jqAnswers(), "jq is not installed; the rules workflow's runner has it");
        List<RuleProblem> problems = new ArrayList<>();
        List<Scenario> scenarios = Scenarios.load(RulesFolder.SHIPPED, problems);
        assertEquals(List.of(), problems);
        Advisor advisor = RulesHarness.shipped();
        StringBuilder export = new StringBuilder();
        Set<String> secrets = new TreeSet<>();
        for (Scenario scenario : scenarios) {
            Advisor.Decided decided = advisor.decide(scenario.deal());
            assertTrue(decided.ok(), scenario.name() + ": " + decided.errors());
            export.append(JSON.writeValueAsString(record(scenario.deal(), decided))).append('\n');
            secrets.addAll(namesAndTexts(scenario.deal()));
        }
        secrets.add(CALLER);
        secrets.add(REPORTER);
        assertTrue(secrets.size() > scenarios.size(), "the scenarios have names and texts to hide: " + secrets);
        Path raw = Files.writeString(temp.resolve("export.ndjson"), export);

        Path filtered = temp.resolve("decisions.ndjson");
        Process jq = new ProcessBuilder("jq", "-c", "-f", FILTER.toString(), raw.toString())
                .redirectOutput(filtered.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertTrue(jq.waitFor(30, TimeUnit.SECONDS), "jq did not finish");
        assertEquals(0, jq.exitValue(), "jq failed");

        String kept = Files.readString(filtered, StandardCharsets.UTF_8);
        assertEquals(scenarios.size(), kept.lines().count(), kept);
        List<String> leaked = secrets.stream().filter(kept::contains).toList();
        assertEquals(List.of(), leaked, "names or texts left in what the impact job gets");
        assertEquals(JSON.readTree("{\"result\": \"BOUGHT_FROM_US\", \"adviceFollowed\": true,"
                        + " \"clientRetained\": true}"),
                JSON.readTree(kept.lines().findFirst().orElseThrow()).path("outcome"), "what rules-impact counts");

        ToolRun run = ToolRun.of(RulesImpact::run, RulesFolder.SHIPPED.toString(), "--deals", filtered.toString());
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("No deal changes its advice, referTo or revisitOn."), run.out());
        assertTrue(run.out().contains(", " + scenarios.size() + " deals"), run.out());
    }

    /** A line of GET /v1/decisions/export as the service writes it: who called, the deal, the whole answer. */
    private static ObjectNode record(JsonNode deal, Advisor.Decided decided) {
        Verdict verdict = decided.verdict();
        ObjectNode record = JSON.createObjectNode()
                .put("decisionId", UUID.randomUUID().toString())
                .put("decidedAt", "2026-11-23T10:00:00Z")
                .put("dealId", verdict.dealId())
                .put("asOf", decided.asOf().toString())
                .put("caller", CALLER)
                .put("channel", "single")
                .put("durationMicros", 41);
        record.set("deal", deal);
        ObjectNode advice = record.putObject("advice")
                .put("dealId", verdict.dealId())
                .put("advice", verdict.advice().name())
                .put("headline", verdict.headline())
                .put("revisitOn", verdict.revisitOn() == null ? null : verdict.revisitOn().toString())
                .put("referTo", verdict.referTo());
        ArrayNode reasons = advice.putArray("reasons");
        for (Reason reason : verdict.reasons()) {
            reasons.addObject().put("rule", reason.rule()).put("truth", reason.truth())
                    .put("advice", reason.advice() == null ? null : reason.advice().name())
                    .put("explanation", reason.explanation());
        }
        verdict.actions().forEach(advice.putArray("actions")::add);
        verdict.warnings().forEach(advice.putArray("warnings")::add);
        record.putNull("shadow");
        record.putObject("outcome").put("result", "BOUGHT_FROM_US").put("adviceFollowed", true)
                .put("clientRetained", true).put("reportedOn", "2026-11-30").put("reportedBy", REPORTER);
        return record;
    }

    /** The deal's texts that name the client, the offering or a milestone, or that a person wrote. */
    private static List<String> namesAndTexts(JsonNode deal) {
        List<String> texts = new ArrayList<>();
        add(texts, deal.path("client").path("name"));
        add(texts, deal.path("offering").path("name"));
        add(texts, deal.path("discovery").path("desiredOutcome"));
        add(texts, deal.path("pressure").path("reason"));
        deal.path("milestones").forEach(milestone -> add(texts, milestone.path("name")));
        deal.path("incidents").forEach(incident -> add(texts, incident.path("summary")));
        return texts;
    }

    private static void add(List<String> texts, JsonNode text) {
        if (text.isTextual() && !text.asText().isBlank()) {
            texts.add(text.asText());
        }
    }

    private static boolean jqAnswers() {
        try {
            Process jq = new ProcessBuilder("jq", "--version").redirectErrorStream(true).start();
            jq.getInputStream().readAllBytes();
            return jq.waitFor(10, TimeUnit.SECONDS) && jq.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
