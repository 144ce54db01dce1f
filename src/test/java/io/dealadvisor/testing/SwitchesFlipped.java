package io.dealadvisor.testing;

import io.dealadvisor.records.StoreFolder;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One service for the tests of switches the default configuration leaves alone, all flipped at once, since none of
 * these tests reads what another one switches: no decision records and {@code durability=sync}
 * ({@code RecordingOffTest}), no decision log ({@code DecisionLogSwitchedOffTest}), JSON console lines
 * ({@code JsonLoggingTest}), the benchmark's endpoint ({@code BenchConstantTest}), and the shipped rules plus a
 * runaway rule under a bound of 200 firings ({@code BatchFiringBoundTest}) and a rule that throws a plain
 * {@code Error} on the deals of one client that no scenario names ({@code RuleThrowsErrorTest}).
 */
public class SwitchesFlipped implements QuarkusTestProfile {

    /** Where the records would be if recording were on: the folder must stay absent. */
    public static final Path RECORDS_FOLDER = Path.of("target/decisions-off");
    public static final String RUNAWAY_RULE = "Every look at this one deal makes another";
    /** Only deals whose id starts so trigger the runaway rule (no scenario does). */
    public static final String RUNAWAY_DEAL = "OPP-RUNAWAY";
    public static final int MAX_FIRINGS = 200;

    private static final String RUNAWAY_DRL = """
            package dealadvisor.rules;

            import io.dealadvisor.domain.*;

            global Conclusions conclusions;

            rule "%s"
                @truth("DIAGNOSE_FIRST")
            when
                $deal : Deal( id != null, id.startsWith("%s") )
            then
                insert(new Deal($deal.id() + "+", $deal.asOf()));
            end
            """.formatted(RUNAWAY_RULE, RUNAWAY_DEAL);

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "deal-advisor.decisions.enabled", "false",
                // durability=sync has nothing to wait for then: answers must not wait, or be refused, for a store
                "deal-advisor.decisions.durability", "sync",
                "deal-advisor.decision-log.enabled", "false",
                "deal-advisor.log.json", "true",
                "deal-advisor.bench.enabled", "true",
                "deal-advisor.rules.max-firings", String.valueOf(MAX_FIRINGS),
                "deal-advisor.rules.watch", "false");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(
                new TestResourceEntry(StoreFolder.class,
                        Map.of(StoreFolder.FOLDER, RECORDS_FOLDER.toString())),
                new TestResourceEntry(ShippedRulesCopy.class, Map.of("runaway.drl", RUNAWAY_DRL, "boom.drl",
                        BrokenRules.CONSEQUENCE_THROWS_ERROR)));
    }
}
