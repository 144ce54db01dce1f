package io.dealadvisor.engine;

import org.jboss.logging.Logger;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether a compiled ruleset may serve: every scenario of its folder passes, within the firing bound (the
 * advisor's) and within a time bound, so a consequence that never returns refuses the ruleset, naming the
 * rule, instead of hanging the reload. The one validation behind start, reload, {@code rules-check} and tests.
 *
 * <p>The time bound is the processor time of the validation's own thread, not the wall clock: on a busy machine
 * the scenarios wait for a core, and waiting is not a rule that never returns. A thread that makes no progress at
 * all for as long is refused too (a rule waiting for something that never comes).
 */
public final class RulesetValidator {

    /** Each scenario's result, and every problem that refuses the ruleset (bad files, failed scenarios, time). */
    public record Validation(List<ScenarioResult> results, List<RuleProblem> problems) {
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    /** Why the watch over a validation ended. */
    private enum Outcome { ENDED, SPUN, STALLED, INTERRUPTED }

    private static final Logger LOG = Logger.getLogger(RulesetValidator.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long POLL_MILLIS = 50;

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
                if (watch.abandoned) {
                    return;
                }
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
            if (watch.abandoned) { // its ruleset is refused and released; what it meets after (a closed pool) is noise
                LOG.debugf("An abandoned validation ended: %s", error);
            } else {
                LOG.error("The validation of a ruleset stopped on an error", error);
                ended.set(error);
            }
        });
        worker.start();
        Outcome outcome = await(worker);
        if (outcome != Outcome.ENDED) {
            String rule = watch.rule; // read first: once abandoned, the worker may move on before it ends
            abandon(worker, watch);
            if (outcome == Outcome.SPUN && rule != null) {
                stopIfTheConsequenceSpins(worker, watch);
            }
            problems.add(notEnded(outcome, advisor, rule, running.get()));
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

    /**
     * Waits until the worker ends, has used the whole budget of processor time (SPUN), or has used none for as long
     * as the budget (STALLED: it waits for something, as a thread starved of a core never does that long).
     */
    private Outcome await(Thread worker) {
        long budget = timeout.toNanos();
        long start = System.nanoTime();
        long lastUsed = -1;
        long lastProgress = start;
        try {
            while (true) {
                worker.join(POLL_MILLIS);
                if (!worker.isAlive()) {
                    return Outcome.ENDED;
                }
                long now = System.nanoTime();
                long used = processorTime(worker, now - start);
                if (used < 0) {
                    continue; // it ended since the join: the next one says so
                }
                if (used >= budget) {
                    return Outcome.SPUN;
                }
                if (used != lastUsed) {
                    lastUsed = used;
                    lastProgress = now;
                } else if (now - lastProgress >= budget) {
                    return Outcome.STALLED;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.INTERRUPTED;
        }
    }

    /**
     * The worker's processor time, negative once it has ended; the wall time {@code elapsed} on a JVM that cannot
     * measure it.
     */
    private static long processorTime(Thread worker, long elapsed) {
        if (!THREADS.isThreadCpuTimeSupported() || !THREADS.isThreadCpuTimeEnabled()) {
            return elapsed;
        }
        return THREADS.getThreadCpuTime(worker.getId());
    }

    /** The consequence or, with none running, the conditions that did not return: named as well as they can be. */
    private RuleProblem notEnded(Outcome outcome, Advisor advisor, String rule, Scenario scenario) {
        long millis = timeout.toMillis();
        if (scenario == null) { // a timeout too short for the first scenario to begin
            return new RuleProblem(".", null, "the scenarios did not begin within " + millis + " ms;"
                    + " deal-advisor.rules.validation-timeout is too short");
        }
        String what = rule == null ? "the rules' conditions" : "rule '" + rule + "'";
        String how = switch (outcome) {
            case SPUN -> " did not return within " + millis + " ms of processor time";
            case STALLED -> " did not return and used no processor time for " + millis + " ms";
            default -> " had not returned when the validation was interrupted";
        };
        String within = how + " while deciding the scenario '" + scenario.name() + "'";
        String cause = outcome == Outcome.STALLED ? " probably waits for something that never comes"
                : " probably never ends";
        if (rule == null) {
            return new RuleProblem(scenario.file(), null, what + within + ": a condition, or a function it calls,"
                    + cause);
        }
        return new RuleProblem(fileOf(advisor, rule), lineOf(advisor, rule), what + within + "; its consequence"
                + cause);
    }

    /**
     * Gives up on the worker. It ends at its next firing or scenario, or when interrupted out of a wait; what it meets
     * after (a closed session pool) is not reported.
     */
    private static void abandon(Thread worker, FiringWatch watch) {
        watch.abandoned = true;
        worker.setPriority(Thread.MIN_PRIORITY);
        worker.interrupt();
    }

    /**
     * A consequence looping in its own code neither fires again nor waits, and left running it would keep a core
     * until the service restarts, one more at each refused reload of the same rule. So once that one consequence has
     * itself used the whole budget of processor time, its thread is stopped. Only then: Thread.stop at an arbitrary
     * point can leave shared state unfinished for every other thread (it once killed a validation inside the loading
     * of a jar, when the budget was wall time and a busy machine spent it during a cold start), and a consequence
     * that has spun for the whole budget is long past the class loading its code does when it first runs. A
     * watcher of its own waits for that, so that the reload is refused at once; where stop is not supported (Java
     * 20 and later) the thread is left at the lowest priority.
     */
    @SuppressWarnings({"deprecation", "removal"})
    private void stopIfTheConsequenceSpins(Thread worker, FiringWatch watch) {
        long firing = watch.firings;
        Thread watcher = new Thread(() -> {
            try {
                while (worker.isAlive() && watch.firings == firing && watch.rule != null) {
                    if (THREADS.getThreadCpuTime(worker.getId()) - watch.consequenceBeganAt >= timeout.toNanos()) {
                        worker.stop();
                        return;
                    }
                    Thread.sleep(POLL_MILLIS);
                }
            } catch (InterruptedException | UnsupportedOperationException e) {
                // the service is stopping, or this JDK cannot stop a thread: left running
            }
        }, "rules-validation-watcher");
        watcher.setDaemon(true);
        watcher.start();
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
