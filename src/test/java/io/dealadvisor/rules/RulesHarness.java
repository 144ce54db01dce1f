package io.dealadvisor.rules;

import io.dealadvisor.domain.Verdict;
import io.dealadvisor.engine.Ruleset;
import io.dealadvisor.engine.RulesetLoader;
import io.dealadvisor.intake.DealReader;

import java.nio.file.Path;
import java.time.LocalDate;

/** The shipped rules folder, compiled once per test JVM, and a way to decide a deal with it. */
public final class RulesHarness {

    public static final Path RULES = Path.of("rules");
    private static Ruleset shipped;
    private static DealReader reader;

    private RulesHarness() {
    }

    /**
     * Compiled and checked like the service does, but without running the scenarios: ShippedScenariosTest runs
     * those one by one, so a failing scenario fails its own case instead of every rule test.
     */
    public static synchronized Ruleset shipped() {
        if (shipped == null) {
            try {
                shipped = new RulesetLoader().compile(RULES);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return shipped;
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

    public static Verdict decide(Ruleset ruleset, Deals deal) {
        DealReader.Reading reading = reader().read(deal.json());
        if (!reading.ok()) {
            throw new IllegalArgumentException("test deal is invalid: " + reading.errors());
        }
        return ruleset.evaluate(DealReader.toFacts(reading.deal(), LocalDate.of(2026, 11, 23)), 10_000);
    }
}
