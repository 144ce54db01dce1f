package io.dealadvisor.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dealadvisor.domain.Reason;
import io.dealadvisor.domain.Verdict;
import io.dealadvisor.engine.Advisor;
import io.dealadvisor.engine.EvaluationException;
import io.dealadvisor.engine.RuleProblem;
import io.dealadvisor.engine.RulesetLoader;
import io.dealadvisor.engine.RulesetRejectedException;
import io.dealadvisor.engine.Scenario;
import io.dealadvisor.engine.Scenarios;
import io.dealadvisor.intake.DealReader;
import io.dealadvisor.intake.StrictJson;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The impact of a rule change: decides the same deals with two rules folders (say the main branch's and a
 * pull request's) and reports every deal whose advice, referTo or revisitOn changes, with the reasons on
 * each side, and how many deals moved from which advice to which.
 *
 * <pre>rules-impact [BASE_FOLDER] CHANGED_FOLDER [--deals FILE.json|FILE.ndjson] [--json REPORT.json]</pre>
 * <p>Without {@code --deals}, the deals are those of both folders' scenarios. The deals file may be an export
 * of recorded decisions ({@code GET /v1/decisions/export}): each is decided again for its own {@code asOf}, and
 * without a base folder the change is compared with the advice that was actually answered. Exit code 0:
 * nothing changed; 1: something changed; 2: an error (a folder that does not compile, a deal that cannot be
 * read).
 */
public final class RulesImpact {

    private static final String USAGE = "usage: rules-impact [BASE_FOLDER] CHANGED_FOLDER"
            + " [--deals FILE.json|FILE.ndjson] [--json REPORT.json] [--max-firings N]";
    private static final ObjectMapper JSON = StrictJson.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String ANSWERED = "the advice answered";

    /** One side of a comparison. */
    public record Side(String advice, String referTo, LocalDate revisitOn, List<String> reasons) {
        static Side of(Verdict verdict) {
            return new Side(verdict.advice().name(), verdict.referTo(), verdict.revisitOn(), verdict.reasons().stream()
                    .map(RulesImpact::describe).toList());
        }

        /** The advice document as it was answered and recorded. */
        static Side answered(JsonNode advice) {
            List<String> reasons = new ArrayList<>();
            advice.path("reasons").forEach(reason -> reasons.add((reason.path("advice").isNull()
                    ? "(no vote)" : reason.path("advice").asText()) + " " + reason.path("truth").asText() + ": "
                    + reason.path("rule").asText() + " - " + reason.path("explanation").asText()));
            return new Side(advice.path("advice").asText(), text(advice.get("referTo")),
                    advice.hasNonNull("revisitOn") ? LocalDate.parse(advice.get("revisitOn").asText()) : null,
                    reasons);
        }

        boolean sameAdvice(Side other) {
            return advice.equals(other.advice) && Objects.equals(referTo, other.referTo)
                    && Objects.equals(revisitOn, other.revisitOn);
        }
    }

    public record Change(String deal, String label, Side before, Side after) {
    }

    public record Move(String from, String to, int deals) {
    }

    public record Report(String base, String baseVersion, String changed, String changedVersion, int deals,
                         int changedDeals, List<Move> moves, List<Change> changes, List<String> errors) {
    }

    /** A deal to decide; {@code answered} is the recorded advice when the deal comes from an export. */
    private record LabelledDeal(String label, JsonNode deal, JsonNode answered) {
    }

    private RulesImpact() {
    }

    public static void main(String[] args) {
        Arguments.exitWith(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments arguments;
        int maxFirings;
        try {
            arguments = Arguments.parse(args, 1, 2, List.of("--deals", "--json", "--max-firings"));
            maxFirings = arguments.intOption("--max-firings", RulesetLoader.DEFAULT_MAX_FIRINGS);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        boolean againstAnswers = arguments.positionalCount() == 1;
        if (againstAnswers && arguments.option("--deals") == null) {
            err.println("without a base folder, --deals must name an export of recorded decisions");
            err.println(USAGE);
            return 2;
        }
        RulesetLoader loader = new RulesetLoader(RulesImpact.class.getClassLoader(), Clock.systemUTC(),
                DealReader.standalone(), maxFirings, RulesetLoader.DEFAULT_VALIDATION_TIMEOUT);
        Advisor base;
        Advisor changed;
        try {
            base = againstAnswers ? null : compile(loader, Path.of(arguments.positional(0)), err);
            changed = compile(loader, Path.of(arguments.positional(arguments.positionalCount() - 1)), err);
        } catch (RulesetRejectedException rejected) {
            return 2;
        }
        List<String> errors = new ArrayList<>();
        List<LabelledDeal> deals = arguments.option("--deals") == null
                ? scenarioDeals(base, changed, errors)
                : fileDeals(Path.of(arguments.option("--deals")), errors);

        List<Change> changes = new ArrayList<>();
        Map<String, Integer> moves = new LinkedHashMap<>();
        for (LabelledDeal labelled : deals) {
            if (againstAnswers && labelled.answered() == null) {
                errors.add(labelled.label() + ": not a recorded decision, so there is no answered advice to compare"
                        + " with; give a base folder");
                continue;
            }
            try {
                Advisor.Decided after = changed.decide(labelled.deal());
                if (!after.ok()) {
                    errors.add(labelled.label() + ": " + after.errors());
                    continue;
                }
                Side afterSide = Side.of(after.verdict());
                Side beforeSide = againstAnswers ? Side.answered(labelled.answered())
                        : Side.of(base.decide(after.deal()).verdict());
                if (!beforeSide.sameAdvice(afterSide)) {
                    changes.add(new Change(after.deal().id(), labelled.label(), beforeSide, afterSide));
                    moves.merge(beforeSide.advice() + " -> " + afterSide.advice(), 1, Integer::sum);
                }
            } catch (EvaluationException e) {
                errors.add(labelled.label() + ": " + e.getMessage());
            }
        }
        Report report = new Report(againstAnswers ? ANSWERED : base.ruleset().directory().toString(),
                againstAnswers ? "recorded" : base.version(), changed.ruleset().directory().toString(),
                changed.version(), deals.size(), changes.size(), moves.entrySet().stream()
                .map(move -> new Move(move.getKey().split(" -> ")[0], move.getKey().split(" -> ")[1], move.getValue()))
                .toList(), changes, errors);
        print(report, out);
        String jsonFile = arguments.option("--json");
        if (jsonFile != null) {
            try {
                Path path = Path.of(jsonFile);
                if (path.getParent() != null) {
                    Files.createDirectories(path.getParent());
                }
                JSON.writeValue(path.toFile(), report);
                out.println("JSON report: " + jsonFile);
            } catch (IOException e) {
                err.println("cannot write the JSON report: " + e.getMessage());
                return 2;
            }
        }
        if (!errors.isEmpty()) {
            return 2;
        }
        return changes.isEmpty() ? 0 : 1;
    }

    private static Advisor compile(RulesetLoader loader, Path folder, PrintStream err) throws RulesetRejectedException {
        try {
            return loader.compile(folder);
        } catch (RulesetRejectedException rejected) {
            err.println("The rules in " + folder + " do not compile:");
            for (RuleProblem problem : rejected.problems()) {
                err.println("  " + problem);
            }
            throw rejected;
        }
    }

    /** The deals of both folders' scenarios, each once. */
    private static List<LabelledDeal> scenarioDeals(Advisor base, Advisor changed, List<String> errors) {
        Map<JsonNode, LabelledDeal> deals = new LinkedHashMap<>();
        for (Advisor advisor : List.of(base, changed)) {
            List<RuleProblem> problems = new ArrayList<>();
            for (Scenario scenario : Scenarios.load(advisor.ruleset().directory(), problems)) {
                deals.putIfAbsent(scenario.deal(), new LabelledDeal(scenario.name(), scenario.deal(), null));
            }
            problems.forEach(problem -> errors.add(problem.toString()));
        }
        return new ArrayList<>(deals.values());
    }

    /** A JSON array of deals, or one deal per line (NDJSON): a deal, or a recorded decision holding one. */
    private static List<LabelledDeal> fileDeals(Path file, List<String> errors) {
        List<LabelledDeal> deals = new ArrayList<>();
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.startsWith("[")) {
                JsonNode array = JSON.readTree(text);
                for (int i = 0; i < array.size(); i++) {
                    deals.add(labelled(file.getFileName() + "[" + i + "]", array.get(i)));
                }
            } else {
                List<String> lines = text.lines().toList();
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).isBlank()) {
                        continue;
                    }
                    String label = file.getFileName() + ":" + (i + 1);
                    try {
                        deals.add(labelled(label, JSON.readTree(lines.get(i))));
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

    /** A recorded decision (an export line) carries its deal, as read, and the advice that was answered. */
    private static LabelledDeal labelled(String label, JsonNode node) {
        if (node.hasNonNull("decisionId") && node.path("deal").isObject()) {
            return new LabelledDeal(label + " " + node.get("decisionId").asText(), node.get("deal"),
                    node.path("advice").isObject() ? node.get("advice") : null);
        }
        return new LabelledDeal(label, node, null);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static void print(Report report, PrintStream out) {
        out.printf("Rule change impact: %s (%s) -> %s (%s), %d deals%n", report.base(), report.baseVersion(),
                report.changed(), report.changedVersion(), report.deals());
        if (report.changes().isEmpty()) {
            out.println("No deal changes its advice, referTo or revisitOn.");
        } else {
            TextTable table = new TextTable("deal", "before", "after");
            for (Change change : report.changes()) {
                table.row(change.deal() + " (" + change.label() + ")", summary(change.before()), summary(change.after()));
            }
            out.print(table);
            for (Change change : report.changes()) {
                out.println();
                out.println(change.deal() + " (" + change.label() + ")");
                out.println("  before: " + summary(change.before()));
                change.before().reasons().forEach(reason -> out.println("    " + reason));
                out.println("  after:  " + summary(change.after()));
                change.after().reasons().forEach(reason -> out.println("    " + reason));
            }
            out.println();
            TextTable moves = new TextTable("from", "to", "deals");
            report.moves().forEach(move -> moves.row(move.from(), move.to(), move.deals()));
            out.print(moves);
        }
        report.errors().forEach(error -> out.println("error: " + error));
        out.println(report.changedDeals() + " of " + report.deals() + " deals change"
                + (report.errors().isEmpty() ? "" : "; " + report.errors().size() + " error(s)"));
    }

    private static String summary(Side side) {
        return side.advice() + (side.referTo() == null ? "" : " referTo=" + side.referTo())
                + (side.revisitOn() == null ? "" : " revisitOn=" + side.revisitOn());
    }

    private static String describe(Reason reason) {
        return (reason.advice() == null ? "(no vote)" : reason.advice().name()) + " " + reason.truth() + ": "
                + reason.rule() + " - " + reason.explanation();
    }
}
