package io.dealadvisor.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealadvisor.engine.Advisor;
import io.dealadvisor.engine.RuleProblem;
import io.dealadvisor.engine.Scenario;
import io.dealadvisor.engine.Scenarios;
import io.dealadvisor.records.RecordedOutcome;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where the deals {@code rules-impact} decides come from: a deals file or export, or the folders' scenarios. */
final class ImpactDeals {

    /**
     * A deal to decide. When it comes from an export, {@code answered} is the advice that was answered and
     * {@code outcome} what was reported about it (null while nothing was).
     */
    record LabelledDeal(String label, JsonNode deal, JsonNode answered, RecordedOutcome outcome) {

        boolean recorded() {
            return answered != null;
        }
    }

    private ImpactDeals() {
    }

    /** The deals of both folders' scenarios, each once. */
    static List<LabelledDeal> ofScenarios(Advisor base, Advisor changed, List<String> errors) {
        Map<JsonNode, LabelledDeal> deals = new LinkedHashMap<>();
        for (Advisor advisor : List.of(base, changed)) {
            List<RuleProblem> problems = new ArrayList<>();
            for (Scenario scenario : Scenarios.load(advisor.ruleset().directory(), problems)) {
                deals.putIfAbsent(scenario.deal(), new LabelledDeal(scenario.name(), scenario.deal(), null, null));
            }
            problems.forEach(problem -> errors.add(problem.toString()));
        }
        return new ArrayList<>(deals.values());
    }

    /**
     * A JSON array of deals, or one deal per line (NDJSON): a deal, or a recorded decision holding one. A recorded
     * decision whose deal is gone (erased, or its details expired) has nothing to decide: it is left out, and its
     * label added to {@code withoutDeal}.
     */
    static List<LabelledDeal> ofFile(Path file, ObjectMapper json, List<String> errors, List<String> withoutDeal) {
        List<LabelledDeal> deals = new ArrayList<>();
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.startsWith("[")) {
                JsonNode array = json.readTree(text);
                for (int i = 0; i < array.size(); i++) {
                    add(deals, file.getFileName() + "[" + i + "]", array.get(i), json, errors, withoutDeal);
                }
            } else {
                List<String> lines = text.lines().toList();
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).isBlank()) {
                        continue;
                    }
                    String label = file.getFileName() + ":" + (i + 1);
                    try {
                        add(deals, label, json.readTree(lines.get(i)), json, errors, withoutDeal);
                    } catch (JsonProcessingException e) {
                        errors.add(label + ": not valid JSON: " + e.getOriginalMessage());
                    }
                }
            }
        } catch (IOException e) {
            errors.add(file + ": " + e.getMessage());
        }
        return deals;
    }

    private static void add(List<LabelledDeal> deals, String label, JsonNode node, ObjectMapper json,
                            List<String> errors, List<String> withoutDeal) {
        if (node.hasNonNull("decisionId") && node.path("deal").isNull() && node.path("detail").isTextual()) {
            withoutDeal.add(label);
        } else {
            deals.add(labelled(label, node, json, errors));
        }
    }

    /**
     * A recorded decision (an export line) carries its deal, as read, the advice that was answered and, once
     * reported, its outcome.
     */
    private static LabelledDeal labelled(String label, JsonNode node, ObjectMapper json, List<String> errors) {
        if (node.hasNonNull("decisionId") && node.path("deal").isObject()) {
            String recorded = label + " " + node.get("decisionId").asText();
            return new LabelledDeal(recorded, node.get("deal"),
                    node.path("advice").isObject() ? node.get("advice") : null, outcome(recorded, node, json, errors));
        }
        return new LabelledDeal(label, node, null, null);
    }

    private static RecordedOutcome outcome(String label, JsonNode record, ObjectMapper json, List<String> errors) {
        if (!record.path("outcome").isObject()) {
            return null;
        }
        try {
            return json.treeToValue(record.get("outcome"), RecordedOutcome.class);
        } catch (JsonProcessingException e) {
            errors.add(label + ": its outcome cannot be read: " + e.getOriginalMessage());
            return null;
        }
    }
}
