package io.dealadvisor.engine;

import io.dealadvisor.intake.DealReader;
import io.dealadvisor.rules.Deals;
import io.dealadvisor.rules.RulesHarness;
import io.dealadvisor.testing.Endless;
import io.dealadvisor.testing.RulesFolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a rule declares is what it does: the advice shown for a rule comes from its {@code @advice}, a vote for
 * any other advice refuses the ruleset, validation is bounded in time, and an advisor's sessions are released.
 */
class DeclaredVotesAndBoundsTest {

    private static final String HEADER = """
            package dealadvisor.rules;

            import io.dealadvisor.domain.*;

            global Conclusions conclusions;

            """;

    @TempDir
    Path temp;

    @AfterEach
    void endTheLoopsLeftRunning() {
        Endless.release();
    }

    @Test
    void eachRuleShowsTheAdviceItDeclaresEvenWhenItsConsequenceChoosesInCode() throws Exception {
        RulesFolder rules = RulesFolder.copyOfShipped(temp.resolve("rules"));
        rules.write("chosen-in-code.drl", HEADER + """
                function String why(Deal deal) { return "decided in a function for " + deal.id(); }

                rule "A vote cast from a function still declares its advice"
                    @truth("DIAGNOSE_FIRST")
                    @advice("WAIT")
                when
                    $deal : Deal( id == "NEVER-IN-A-SCENARIO" )
                then
                    boolean held = $deal.asOf() != null;
                    conclusions.vote(held ? Advice.WAIT : Advice.WAIT, why($deal));
                end
                """);

        Advisor advisor = RulesHarness.loader().load(rules.root());
        try {
            RuleInfo rule = advisor.ruleset().rules().stream()
                    .filter(info -> info.name().equals("A vote cast from a function still declares its advice"))
                    .findFirst().orElseThrow();
            assertEquals(io.dealadvisor.domain.Advice.WAIT, rule.advice());
            assertEquals("chosen-in-code.drl", rule.file());
            long withoutVote = advisor.ruleset().rules().stream().filter(info -> info.advice() == null).count();
            assertTrue(withoutVote > 0, "rules that only add actions declare no advice");
        } finally {
            advisor.release();
        }
    }

    @Test
    void aVoteForAnAdviceTheRuleDidNotDeclareRefusesTheRuleset() {
        RulesFolder rules = RulesFolder.copyOfShipped(temp.resolve("rules"));
        rules.write("mislabelled.drl", HEADER + """
                rule "A rule that says wait but votes to go ahead"
                    @truth("DIAGNOSE_FIRST")
                    @advice("WAIT")
                when
                    Discovery( nothingNeeded == true )
                then
                    conclusions.vote(Advice.PROCEED, "go ahead anyway");
                end
                """);

        RulesetRejectedException rejected = assertThrows(RulesetRejectedException.class,
                () -> RulesHarness.loader().load(rules.root()));

        assertTrue(rejected.problems().stream().anyMatch(problem -> problem.file().startsWith("scenarios/")
                && problem.message().contains("'A rule that says wait but votes to go ahead' voted PROCEED but"
                + " declares @advice(\"WAIT\")")), rejected::getMessage);
    }

    @Test
    void aVoteFromARuleThatDeclaresNoAdviceRefusesTheRuleset() {
        RulesFolder rules = RulesFolder.copyOfShipped(temp.resolve("rules"));
        rules.write("undeclared.drl", HEADER + """
                rule "A rule that forgot its declaration"
                    @truth("DIAGNOSE_FIRST")
                when
                    Discovery( nothingNeeded == true )
                then
                    conclusions.vote("no declaration");
                end
                """);

        RulesetRejectedException rejected = assertThrows(RulesetRejectedException.class,
                () -> RulesHarness.loader().load(rules.root()));

        assertTrue(rejected.getMessage().contains("'A rule that forgot its declaration' votes but declares no advice"),
                rejected::getMessage);
    }

    @Test
    void anUnknownDeclaredAdviceIsACompileProblemWithItsLine() {
        RulesFolder rules = RulesFolder.copyOfShipped(temp.resolve("rules"));
        rules.write("maybe.drl", HEADER + """
                rule "A rule that votes maybe"
                    @truth("DIAGNOSE_FIRST")
                    @advice("MAYBE")
                when
                    Discovery( nothingNeeded == true )
                then
                    conclusions.vote("perhaps");
                end
                """);

        RulesetRejectedException rejected = assertThrows(RulesetRejectedException.class,
                () -> RulesHarness.loader().compile(rules.root()));

        RuleProblem problem = rejected.problems().get(0);
        assertEquals(List.of(problem), rejected.problems());
        assertEquals("maybe.drl", problem.file());
        assertEquals(Integer.valueOf(7), problem.line());
        assertTrue(problem.message().contains("@advice(\"MAYBE\"), which is not an advice"), problem::toString);
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aConsequenceThatNeverReturnsFailsValidationWithinTheTimeoutAndLaterLoadsStillWork() throws Exception {
        RulesFolder rules = RulesFolder.copyOfShipped(temp.resolve("rules"));
        rules.write("endless.drl", HEADER + """
                rule "A consequence that never ends"
                    @truth("DIAGNOSE_FIRST")
                when
                    $deal : Deal( id != null )
                then
                    long round = io.dealadvisor.testing.Endless.round();
                    while (io.dealadvisor.testing.Endless.round() == round) { Thread.onSpinWait(); }
                end
                """);
        RulesetLoader loader = new RulesetLoader(getClass().getClassLoader(), Clock.systemUTC(),
                DealReader.standalone(), RulesetLoader.DEFAULT_MAX_FIRINGS, Duration.ofSeconds(2));

        long start = System.nanoTime();
        RulesetRejectedException rejected = assertThrows(RulesetRejectedException.class,
                () -> loader.load(rules.root()));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(rejected.getMessage().contains("rule 'A consequence that never ends' did not return within 2000 ms"),
                rejected::getMessage);
        assertTrue(rejected.problems().stream().anyMatch(problem -> problem.file().equals("endless.drl")),
                rejected::getMessage);
        assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "validation took " + took);

        rules.delete("endless.drl");
        Advisor advisor = loader.load(rules.root());
        assertEquals("PROCEED", advisor.decide(Deals.ready().json()).verdict().advice().name());
        advisor.release();
    }

    @Test
    void anAdvisorReleasesItsSessionsOnlyWhenItsLastUseEnds() throws Exception {
        Advisor advisor = RulesHarness.loader().compile(RulesHarness.RULES);
        assertTrue(advisor.tryAcquire(), "a request takes a use");

        advisor.release(); // the registry lets go, as when a new ruleset is swapped in
        assertFalse(advisor.isClosed(), "a request still uses it");
        assertEquals("PROCEED", advisor.decide(Deals.ready().json()).verdict().advice().name());

        advisor.release(); // the request ends
        assertTrue(advisor.isClosed());
        assertFalse(advisor.tryAcquire(), "a closed advisor cannot be taken again");
        assertThrows(IllegalStateException.class, () -> advisor.decide(Deals.ready().json()),
                "its session pool is shut down");
    }
}
