package io.dealadvisor.engine;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether a compiled ruleset may serve: every scenario of its folder passes, within the firing bound (the
 * advisor's) and within a time bound, so a consequence that never returns refuses the ruleset, naming the
 * rule, instead of hanging the reload. The one validation behind start, reload, {@code rules-check} and tests.
 */
public final class RulesetValidator {

    /** Each scenario's result, and every problem that refuses the ruleset (bad files, failed scenarios, time). */
    public record Validation(List<ScenarioResult> results, List<RuleProblem> problems) {
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    private static final Logger LOG = Logger.getLogger(RulesetValidator.class);

    private final Duration timeout;

    public RulesetValidator(Duration timeout) {
        this.timeout = timeout;
    }

    public Validation validate(Advisor advisor) {
        List<RuleProblem> problems = new ArrayList<>();
        List<Scenario> scenarios = Scenarios.load(advisor.ruleset().directory(), problems);
        List<ScenarioResult> results = new ArrayList<>();
        FiringWatch watch = new FiringWatch();
        AtomicReference<Scenario> running = new AtomicReference<>();
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            for (Scenario scenario : scenarios) {
                running.set(scenario);
                watch.rule = null;
                ScenarioResult result = Scenarios.run(advisor, scenario, watch);
                synchronized (results) {
                    results.add(result);
                }
            }
        }, "rules-validation");
        worker.setDaemon(true);
        worker.setUncaughtExceptionHandler((thread, error) -> {
            if (!(error instanceof ThreadDeath)) { // ThreadDeath: stopped here, its problem already said
                LOG.error("The validation of a ruleset stopped on an error", error);
                ended.set(error);
            }
        });
        worker.start();
        try {
            worker.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            problems.add(neverReturned(advisor, watch.rule, running.get()));
            abandon(worker);
        } else if (ended.get() != null) { // what a scenario's own result cannot hold, such as running out of memory
            Scenario scenario = running.get();
            problems.add(new RuleProblem(scenario == null ? "." : scenario.file(), null, "the validation stopped"
                    + (scenario == null ? "" : " while deciding the scenario '" + scenario.name() + "'") + ": "
                    + ended.get()));
        }
        synchronized (results) {
            for (ScenarioResult result : results) {
                for (String failure : result.failures()) {
                    problems.add(new RuleProblem(result.scenario().file(), null, "scenario '"
                            + result.scenario().name() + "' fails: " + failure));
                }
            }
            return new Validation(List.copyOf(results), List.copyOf(problems));
        }
    }

    /** The consequence or, with none running, the conditions that never returned: named as well as they can be. */
    private RuleProblem neverReturned(Advisor advisor, String rule, Scenario scenario) {
        if (scenario == null) { // a timeout too short for the first scenario to begin
            return new RuleProblem(".", null, "the scenarios did not begin within " + timeout.toMillis() + " ms;"
                    + " deal-advisor.rules.validation-timeout is too short");
        }
        String within = " did not return within " + timeout.toMillis() + " ms while deciding the scenario '"
                + scenario.name() + "'";
        if (rule == null) {
            return new RuleProblem(scenario.file(), null, "the rules' conditions" + within + ": a condition, or a"
                    + " function it calls, probably never ends");
        }
        return new RuleProblem(fileOf(advisor, rule), lineOf(advisor, rule), "rule '" + rule + "'" + within
                + "; its consequence probably never ends");
    }

    /**
     * A consequence stuck in a loop ignores interruption; Thread.stop is the only way to end it on this JDK, and
     * the ruleset it ran is thrown away. Where stop is no longer supported, the daemon thread is left behind.
     */
    @SuppressWarnings({"deprecation", "removal"})
    private static void abandon(Thread worker) {
        worker.interrupt();
        try {
            worker.stop();
        } catch (UnsupportedOperationException notOnThisJdk) {
            // left to run as a daemon; the refused ruleset is never used
        }
    }

    private static String fileOf(Advisor advisor, String rule) {
        return advisor.ruleset().rules().stream().filter(info -> info.name().equals(rule)).map(RuleInfo::file)
                .findFirst().orElse(".");
    }

    private static Integer lineOf(Advisor advisor, String rule) {
        return advisor.ruleset().rules().stream().filter(info -> info.name().equals(rule) && info.line() > 0)
                .map(RuleInfo::line).findFirst().orElse(null);
    }
}
