package io.dealadvisor.engine;

import io.dealadvisor.intake.DealReader;
import io.dealadvisor.rules.Deals;
import io.dealadvisor.testing.Endless;
import io.dealadvisor.testing.Poll;
import io.dealadvisor.testing.RulesFolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The validation's time bound counts the processor time its own thread uses, so a validation that only waits (for
 * a core, on a busy machine) passes however long it takes, while a rule that never returns is refused; and the
 * thread of a refused validation ends at its next firing or when interrupted, or, in a consequence that spins for the
 * whole budget, is stopped there, never at an arbitrary point.
 */
class ValidationTimeBoundTest {

    private static final String HEADER = """
            package dealadvisor.rules;

            import io.dealadvisor.domain.*;
            import java.util.concurrent.locks.LockSupport;

            global Conclusions conclusions;

            """;

    @TempDir
    Path temp;

    @AfterEach
    void endTheLoopsLeftRunning() {
        Endless.release();
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aValidationThatOnlyWaitsLongerThanTheTimeoutIsAccepted() throws Exception {
        RulesFolder rules = RulesFolder.copyOfShipped(temp.resolve("rules"));
        rules.write("waits.drl", HEADER + """
                rule "Every deal waits a quarter of a second, as for a core on a busy machine"
                    @truth("DIAGNOSE_FIRST")
                when
                    Deal()
                then
                    LockSupport.parkNanos(250_000_000L);
                    conclusions.note("waited");
                end
                """);
        int scenarios = Scenarios.load(rules.root(), new ArrayList<>()).size();
        assertTrue(scenarios * 250 > 3_000, "the scenarios wait well past the timeout: " + scenarios);

        long start = System.nanoTime();
        Advisor advisor = loader(Duration.ofSeconds(2)).load(rules.root());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(took.compareTo(Duration.ofSeconds(3)) > 0, "took " + took);
        assertEquals("PROCEED", advisor.decide(Deals.ready().json()).verdict().advice().name());
        advisor.release();
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aConsequenceThatNeverReturnsIsRefusedNamingItWhileTheLastGoodRulesServeAndTheNextReloadWorks()
            throws Exception {
        RulesFolder rules = RulesFolder.copyOfShipped(temp.resolve("rules"));
        RulesSlot slot = new RulesSlot(rules.root(), loader(Duration.ofSeconds(1)));
        slot.reload();
        rules.write("endless.drl", HEADER + """
                rule "Spins for ever"
                    @truth("DIAGNOSE_FIRST")
                when
                    Deal()
                then
                    long round = io.dealadvisor.testing.Endless.round();
                    while (io.dealadvisor.testing.Endless.round() == round) { Thread.onSpinWait(); }
                end
                """);

        long start = System.nanoTime();
        List<Thread> before = validationThreads();
        RulesetRejectedException refused = assertThrows(RulesetRejectedException.class, slot::reload);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(refused.getMessage().contains("rule 'Spins for ever' did not return within 1000 ms of processor"
                + " time"), refused::getMessage);
        assertTrue(refused.problems().stream().anyMatch(problem -> problem.file().equals("endless.drl")),
                refused::getMessage);
        assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "refused after " + took);
        assertEquals("PROCEED", decide(slot), "the last good rules still serve");
        Poll.until(Duration.ofSeconds(30), "the spinning consequence's thread to be stopped",
                () -> startedSince(before), List::isEmpty);

        rules.delete("endless.drl");
        slot.reload();
        assertEquals("PROCEED", decide(slot));
        slot.snapshot().advisor().release();
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aRuleThatKeepsFiringPastTheTimeoutIsRefusedAndItsThreadEndsAtItsNextFiring() throws Exception {
        RulesFolder rules = RulesFolder.copyOfShipped(temp.resolve("rules"));
        rules.write("again.drl", HEADER + """
                rule "Fires again and again"
                    @truth("DIAGNOSE_FIRST")
                when
                    $deal : Deal()
                then
                    update($deal);
                end
                """);
        RulesetLoader unbounded = new RulesetLoader(getClass().getClassLoader(), Clock.systemUTC(),
                DealReader.standalone(), 1_000_000_000, Duration.ofSeconds(1));

        List<Thread> before = validationThreads();
        RulesetRejectedException refused = assertThrows(RulesetRejectedException.class,
                () -> unbounded.load(rules.root()));

        assertTrue(refused.getMessage().contains("rule 'Fires again and again' did not return within 1000 ms")
                || refused.getMessage().contains("the rules' conditions did not return within 1000 ms"),
                refused::getMessage);
        Poll.until(Duration.ofSeconds(30), "the abandoned validation to end at its next firing",
                () -> startedSince(before), List::isEmpty);
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aConsequenceThatWaitsForeverIsRefusedAndEndsWhenInterrupted() throws Exception {
        RulesFolder rules = RulesFolder.copyOfShipped(temp.resolve("rules"));
        rules.write("waits-for-ever.drl", HEADER + """
                rule "Waits for ever"
                    @truth("DIAGNOSE_FIRST")
                when
                    Deal()
                then
                    while (!Thread.currentThread().isInterrupted()) { LockSupport.park(); }
                end
                """);

        List<Thread> before = validationThreads();
        RulesetRejectedException refused = assertThrows(RulesetRejectedException.class,
                () -> loader(Duration.ofSeconds(1)).load(rules.root()));

        assertTrue(refused.getMessage().contains("rule 'Waits for ever' did not return and used no processor time"
                + " for 1000 ms"), refused::getMessage);
        Poll.until(Duration.ofSeconds(30), "the abandoned validation to end once interrupted",
                () -> startedSince(before), List::isEmpty);
    }

    private static RulesetLoader loader(Duration timeout) {
        return new RulesetLoader(ValidationTimeBoundTest.class.getClassLoader(), Clock.systemUTC(),
                DealReader.standalone(), RulesetLoader.DEFAULT_MAX_FIRINGS, timeout);
    }

    private static String decide(RulesSlot slot) {
        Advisor advisor = slot.acquire();
        try {
            return advisor.decide(Deals.ready().json()).verdict().advice().name();
        } finally {
            advisor.release();
        }
    }

    /** The validation threads alive now that were not in {@code before} (other tests' may still be winding down). */
    private static List<Thread> startedSince(List<Thread> before) {
        return validationThreads().stream().filter(thread -> !before.contains(thread)).toList();
    }

    private static List<Thread> validationThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("rules-validation") && thread.isAlive()).toList();
    }
}
