package io.dealadvisor.cli;

import io.dealadvisor.engine.Advisor;
import io.dealadvisor.engine.RuleInfo;
import io.dealadvisor.engine.RuleProblem;
import io.dealadvisor.engine.Ruleset;
import io.dealadvisor.engine.RulesetLoader;
import io.dealadvisor.engine.RulesetRejectedException;
import io.dealadvisor.engine.RulesetValidator;
import io.dealadvisor.engine.Scenario;
import io.dealadvisor.engine.ScenarioResult;
import io.dealadvisor.engine.Truth;
import io.dealadvisor.intake.DealReader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a rules folder for CI, with no server: compiles it, checks every rule cites a known truth, runs
 * every scenario, prints a table, writes JUnit XML, and exits non-zero on any failure.
 *
 * <pre>rules-check RULES_FOLDER [--junit FILE] [--max-firings N]</pre>
 */
public final class RulesCheck {

    private static final String USAGE = "usage: rules-check RULES_FOLDER [--junit FILE] [--max-firings N]";

    private RulesCheck() {
    }

    public static void main(String[] args) {
        Arguments.quietValidatorVersion();
        Arguments.exitWith(Arguments.guarded("rules-check", () -> run(args, System.out, System.err), System.err));
    }

    /** 0 when everything passes, 1 when something fails, 2 when the command is used wrongly. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments arguments;
        int maxFirings;
        try {
            arguments = Arguments.parse(args, 1, 1, List.of("--junit", "--max-firings"));
            maxFirings = arguments.intOption("--max-firings", RulesetLoader.DEFAULT_MAX_FIRINGS);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        Path folder = Path.of(arguments.positional(0));
        RulesetLoader loader = new RulesetLoader(RulesCheck.class.getClassLoader(), Clock.systemUTC(),
                DealReader.standalone(), maxFirings, RulesetLoader.DEFAULT_VALIDATION_TIMEOUT);
        JUnitReport report = new JUnitReport("rules-check");

        out.println("Checking rules in " + folder.toAbsolutePath().normalize());
        Advisor advisor;
        try {
            advisor = loader.compile(folder);
        } catch (RulesetRejectedException rejected) {
            TextTable table = new TextTable("file", "line", "problem");
            for (RuleProblem problem : rejected.problems()) {
                table.row(problem.file(), problem.line(), problem.message());
                report.failed("rules." + problem.file(), "compiles and cites known truths", problem.toString());
            }
            out.println("The rules do not compile:");
            out.print(table);
            return finish(report, arguments, 0, rejected.problems().size(), out, err);
        }
        Ruleset ruleset = advisor.ruleset();
        report.passed("rules", "compiles and cites known truths");
        int passes = 1;
        out.printf("Compiled ruleset %s: %d rules citing %d truths%n", ruleset.version(),
                ruleset.rules().size(), ruleset.rules().stream().map(RuleInfo::truth).distinct().count());
        for (Truth truth : ruleset.truths()) {
            if (ruleset.rules().stream().noneMatch(rule -> truth.code().equals(rule.truth()))) {
                out.println("note: no rule cites the truth " + truth.code());
            }
        }

        RulesetValidator.Validation validation = loader.validator().validate(advisor);
        advisor.release();
        int failures = 0;
        TextTable table = new TextTable("scenario", "file", "expected", "actual", "result");
        List<ScenarioResult> failed = new ArrayList<>();
        Set<String> ranFiles = new HashSet<>();
        for (ScenarioResult result : validation.results()) {
            Scenario scenario = result.scenario();
            ranFiles.add(scenario.file());
            table.row(scenario.name(), scenario.file(), result.expected(), result.actual(),
                    result.passed() ? "pass" : "FAIL");
            if (result.passed()) {
                report.passed("scenarios." + scenario.file(), scenario.name());
                passes++;
            } else {
                report.failed("scenarios." + scenario.file(), scenario.name(), String.join("\n", result.failures()));
                failed.add(result);
                failures++;
            }
        }
        // Problems that are not a scenario's own result: malformed scenario files, a rule that never returns.
        for (RuleProblem problem : validation.problems()) {
            if (!ranFiles.contains(problem.file())) {
                out.println("problem: " + problem);
                report.failed("scenarios." + problem.file(), "validation", problem.toString());
                failures++;
            }
        }
        out.print(table);
        for (ScenarioResult result : failed) {
            out.println();
            out.println("FAIL " + result.scenario().name() + " (" + result.scenario().file() + ")");
            result.failures().forEach(failure -> out.println("  " + failure));
        }
        return finish(report, arguments, passes, failures, out, err);
    }

    private static int finish(JUnitReport report, Arguments arguments, int passes, int failures, PrintStream out,
                              PrintStream err) {
        String junit = arguments.option("--junit");
        if (junit != null && !junit.isBlank()) {
            try {
                report.write(Path.of(junit));
                out.println("JUnit report: " + junit);
            } catch (IOException e) {
                err.println("cannot write the JUnit report: " + e.getMessage());
                return 2;
            }
        }
        out.println("rules-check: " + passes + " passed, " + failures + " failed");
        return failures == 0 ? 0 : 1;
    }
}
