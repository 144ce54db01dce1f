package io.dealadvisor.rules;

import io.dealadvisor.domain.Verdict;
import io.dealadvisor.engine.Advisor;
import io.dealadvisor.engine.RulesetLoader;
import io.dealadvisor.intake.DealReader;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The shipped rules folder, compiled once per test JVM, and a way to decide a deal with it. */
public final class RulesHarness {

    public static final Path RULES = Path.of("rules");
    /** "Today" for test deals without asOf: 2026-11-23. */
    public static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private static Advisor shipped;
    private static DealReader reader;

    private RulesHarness() {
    }

    /**
     * Compiled and checked like the service does, but without running the scenarios: ShippedScenariosTest runs
     * those one by one, so a failing scenario fails its own case instead of every rule test.
     */
    public static synchronized Advisor shipped() {
        if (shipped == null) {
            try {
                shipped = loader().compile(RULES);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return shipped;
    }

    /** A loader like the service's, with the test's "today" and the default bounds. */
    public static RulesetLoader loader() {
        return new RulesetLoader(RulesHarness.class.getClassLoader(), TODAY, reader(),
                RulesetLoader.DEFAULT_MAX_FIRINGS, RulesetLoader.DEFAULT_VALIDATION_TIMEOUT);
    }

    public static synchronized DealReader reader() {
        if (reader == null) {
            reader = DealReader.standalone();
        }
        return reader;
    }

    public static Verdict decide(Deals deal) {
        return decide(shipped(), deal);
    }

    public static Verdict decide(Advisor advisor, Deals deal) {
        Advisor.Decided decided = advisor.decide(deal.json());
        if (!decided.ok()) {
            throw new IllegalArgumentException("test deal is invalid: " + decided.errors());
        }
        return decided.verdict();
    }
}
