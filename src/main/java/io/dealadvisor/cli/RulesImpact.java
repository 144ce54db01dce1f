package io.dealadvisor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dealadvisor.engine.Advisor;
import io.dealadvisor.engine.EvaluationException;
import io.dealadvisor.engine.RuleProblem;
import io.dealadvisor.engine.RulesetLoader;
import io.dealadvisor.engine.RulesetRejectedException;
import io.dealadvisor.intake.DealReader;
import io.dealadvisor.intake.StrictJson;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The impact of a rule change: decides the same deals with two rules folders (say the main branch's and a
 * pull request's) and reports every deal whose advice, referTo or revisitOn changes, with the reasons on
 * each side, and how many deals moved from which advice to which.
 *
 * <pre>rules-impact [BASE_FOLDER] CHANGED_FOLDER [--deals FILE.json|FILE.ndjson] [--json REPORT.json]</pre>
 * <p>Without {@code --deals}, the deals are those of both folders' scenarios. The deals file may be an export
 * of recorded decisions ({@code GET /v1/decisions/export}): each is decided again for its own {@code asOf}, and
 * without a base folder the change is compared with the advice that was actually answered; each move then says
 * what became of its deals under the advice answered, where an outcome was reported. Exit code 0: nothing
 * changed; 1: something changed; 2: an error (a folder that does not compile, a deal that cannot be read).
 */
public final class RulesImpact {

    private static final String USAGE = "usage: rules-impact [BASE_FOLDER] CHANGED_FOLDER"
            + " [--deals FILE.json|FILE.ndjson] [--json REPORT.json] [--max-firings N]";
    private static final ObjectMapper JSON = StrictJson.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String ANSWERED = "the advice answered";
    /** The longest one deal may take to decide on both folders, as a reload's validation may take for its scenarios. */
    private static final Duration DEAL_TIME_BOUND = RulesetLoader.DEFAULT_VALIDATION_TIMEOUT;

    private RulesImpact() {
    }

    public static void main(String[] args) {
        Arguments.quietValidatorVersion();
        Arguments.exitWith(Arguments.guarded("rules-impact", () -> run(args, System.out, System.err), System.err));
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
        List<String> withoutDeal = new ArrayList<>();
        List<ImpactDeals.LabelledDeal> deals = arguments.option("--deals") == null
                ? ImpactDeals.ofScenarios(base, changed, errors)
                : ImpactDeals.ofFile(Path.of(arguments.option("--deals")), JSON, errors, withoutDeal);
        List<ImpactReport.Change> changes = new ArrayList<>();
        Transitions transitions = new Transitions();
        ExecutorService decider = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rules-impact-decider");
            thread.setDaemon(true); // one stuck in a rule that never returns must not keep the tool from ending
            return thread;
        });
        try {
            for (ImpactDeals.LabelledDeal labelled : deals) {
                List<String> found = new ArrayList<>(); // the decider's own: it is abandoned if the deal never ends
                Future<ImpactReport.Change> deciding = decider.submit(() -> compare(labelled, base, changed, found));
                ImpactReport.Change change;
                try {
                    change = deciding.get(DEAL_TIME_BOUND.toMillis(), TimeUnit.MILLISECONDS);
                    errors.addAll(found);
                } catch (TimeoutException e) {
                    errors.add(labelled.label() + ": deciding did not return within " + DEAL_TIME_BOUND.toSeconds()
                            + " s; a rule probably never ends (the deals after it were not compared)");
                    break;
                }
                if (change != null) {
                    changes.add(change);
                    transitions.add(change.before().advice(), change.after().advice(), labelled.outcome());
                }
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("the comparison stopped: " + e, e);
        } finally {
            decider.shutdownNow();
        }
        ImpactReport report = new ImpactReport(againstAnswers ? ANSWERED : base.ruleset().directory().toString(),
                againstAnswers ? "recorded" : base.version(), changed.ruleset().directory().toString(),
                changed.version(), deals.size(), changes.size(),
                transitions.moves(deals.stream().anyMatch(ImpactDeals.LabelledDeal::recorded)), changes, errors);
        ImpactText.print(report, out);
        if (!withoutDeal.isEmpty()) {
            out.println(withoutDeal.size() + " recorded decision(s) left out: their deal was erased or has expired ("
                    + String.join(", ", withoutDeal.subList(0, Math.min(5, withoutDeal.size())))
                    + (withoutDeal.size() > 5 ? ", ..." : "") + ")");
        }
        if (!writeJson(report, arguments.option("--json"), out, err)) {
            return 2;
        }
        if (!errors.isEmpty()) {
            return 2;
        }
        return changes.isEmpty() ? 0 : 1;
    }

    /**
     * The deal's change from the base folder's advice (without one, the advice answered) to the changed folder's;
     * null when it does not change or cannot be decided (then the reason is in {@code errors}).
     */
    private static ImpactReport.Change compare(ImpactDeals.LabelledDeal labelled, Advisor base, Advisor changed,
                                               List<String> errors) {
        if (base == null && !labelled.recorded()) {
            errors.add(labelled.label() + ": not a recorded decision, so there is no answered advice to compare"
                    + " with; give a base folder");
            return null;
        }
        try {
            Advisor.Decided after = changed.decide(labelled.deal());
            if (!after.ok()) {
                errors.add(labelled.label() + ": " + after.errors());
                return null;
            }
            ImpactReport.Side afterSide = ImpactReport.Side.of(after.verdict());
            ImpactReport.Side beforeSide = base == null ? ImpactReport.Side.answered(labelled.answered())
                    : ImpactReport.Side.of(base.decide(after.deal()).verdict());
            return beforeSide.sameAdvice(afterSide) ? null
                    : new ImpactReport.Change(after.deal().id(), labelled.label(), beforeSide, afterSide);
        } catch (EvaluationException e) {
            errors.add(labelled.label() + ": " + e.getMessage());
            return null;
        }
    }

    /** Writes the JSON report when one is asked for; false when it cannot be written. */
    private static boolean writeJson(ImpactReport report, String jsonFile, PrintStream out, PrintStream err) {
        if (jsonFile == null) {
            return true;
        }
        try {
            Path path = Path.of(jsonFile);
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            JSON.writeValue(path.toFile(), report);
            out.println("JSON report: " + jsonFile);
            return true;
        } catch (IOException e) {
            err.println("cannot write the JSON report: " + e.getMessage());
            return false;
        }
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
}
