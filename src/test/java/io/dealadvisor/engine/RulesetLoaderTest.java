package io.dealadvisor.engine;

import io.dealadvisor.intake.DealReader;
import io.dealadvisor.rules.Deals;
import io.dealadvisor.rules.RulesHarness;
import io.dealadvisor.testing.BrokenRules;
import io.dealadvisor.testing.Endless;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the loader refuses in a copy of the shipped rules folder, and how it tells the analyst where. */
class RulesetLoaderTest {

    private static final String HEADER = """
            package dealadvisor.rules;

            import io.dealadvisor.domain.*;

            global Conclusions conclusions;

            """;
    private static final String RUNAWAY_RULE = "Every look at the deal makes a new deal";

    @TempDir
    Path temp;

    private final RulesetLoader loader = new RulesetLoader();

    @AfterEach
    void endTheLoopsLeftRunning() {
        Endless.release();
    }

    @Test
    void theShippedFolderLoadsWithAllItsScenarios() throws Exception {
        Advisor advisor = loader.load(copyOfShippedRules("rules"));
        advisor.release();
        Ruleset ruleset = advisor.ruleset();

        Set<String> catalogue = ruleset.truths().stream().map(Truth::code).collect(Collectors.toSet());
        Set<String> cited = ruleset.rules().stream().map(RuleInfo::truth).collect(Collectors.toSet());
        assertEquals(catalogue, cited, "every rule cites a catalogued truth, and every truth has a rule");
        assertTrue(ruleset.files().stream().noneMatch(file -> file.startsWith("scenarios/")), ruleset.files()::toString);
    }

    @Test
    void aSyntaxErrorNamesTheFileAndALineOfTheBrokenRule() throws Exception {
        Path rules = copyOfShippedRules("rules");
        int ruleLine = append(rules.resolve("best-sale-no-sale.drl"), """

                rule "A half-written rule"
                    @truth("BEST_SALE_NO_SALE")
                when
                    Discovery( nothingNeeded == )
                then
                    conclusions.vote(Advice.NO_SALE, "unfinished");
                end
                """) + 1;

        List<RuleProblem> problems = rejectedByCompile(rules);

        // Drools adds a line-less "Parser returned a null Package" for the same file; the located one is what helps.
        RuleProblem problem = only(problems, p -> p.file().equals("best-sale-no-sale.drl") && p.line() != null);
        assertTrue(problem.line() >= ruleLine && problem.line() <= ruleLine + 7, problem::toString);
        assertTrue(problem.message().contains("A half-written rule"), problem::toString);
    }

    @Test
    void aRuleCitingAnUnknownTruthIsNamedWithItsFileLineAndCode() throws Exception {
        Path rules = copyOfShippedRules("rules");
        Files.writeString(rules.resolve("quarter-end.drl"), HEADER + """
                rule "Close before the quarter ends"
                    @truth("ALWAYS_BE_CLOSING")
                when
                    Pressure( internalPushToClose == true )
                then
                    conclusions.vote(Advice.PROCEED, "the quarter ends soon");
                end
                """);

        RuleProblem problem = only(rejectedByCompile(rules), p -> p.file().equals("quarter-end.drl"));

        assertEquals(lineOf(rules.resolve("quarter-end.drl"), "rule \"Close before"), problem.line());
        assertTrue(problem.message().contains("'Close before the quarter ends'"), problem::toString);
        assertTrue(problem.message().contains("'ALWAYS_BE_CLOSING'"), problem::toString);
    }

    /** Drools names only the package of a global, which every file shares; the service names the file and line. */
    @Test
    void aGlobalTheServiceDoesNotSetIsNamedWithItsFileAndLine() throws Exception {
        Path rules = copyOfShippedRules("rules");
        Path file = rules.resolve("close-the-client.drl");
        Files.writeString(file, Files.readString(file).replace("global Thresholds thresholds;",
                "global Thresholds thresholds;\nglobal java.util.List seen;"));

        RuleProblem problem = only(rejectedByCompile(rules), p -> p.message().contains("'seen'"));

        assertEquals("close-the-client.drl", problem.file());
        assertEquals(lineOf(file, "global java.util.List seen;"), problem.line());
        assertTrue(problem.message().contains("unknown global 'seen'"), problem::toString);
    }

    @Test
    void aGlobalOfAGenericTypeTheServiceDoesNotSetIsNamedToo() throws Exception {
        Path rules = copyOfShippedRules("rules");
        Files.writeString(rules.resolve("zz-cache.drl"), HEADER + "global java.util.Map<String, String> cache;\n");

        RuleProblem problem = only(rejectedByCompile(rules), p -> p.message().contains("'cache'"));

        assertEquals("zz-cache.drl", problem.file());
        assertEquals(lineOf(rules.resolve("zz-cache.drl"), "global java.util.Map"), problem.line());
    }

    /** A known global declared with another type failed every scenario with Drools' "Illegal class for global". */
    @Test
    void aGlobalDeclaredWithAnotherTypeIsNamedWithItsFileAndLine() throws Exception {
        Path rules = copyOfShippedRules("rules");
        Files.writeString(rules.resolve("zz-list.drl"), HEADER.replace("global Conclusions conclusions;",
                "global java.util.List conclusions;"));

        RuleProblem problem = only(rejectedByCompile(rules), p -> p.file().equals("zz-list.drl"));

        assertEquals(lineOf(rules.resolve("zz-list.drl"), "global java.util.List conclusions;"), problem.line());
        assertTrue(problem.message().contains("global 'conclusions' is declared as java.util.List; it must be"
                + " Conclusions"), problem::toString);
    }

    @Test
    void aRuleCitingNoTruthIsRejected() throws Exception {
        Path rules = copyOfShippedRules("rules");
        Files.writeString(rules.resolve("unsourced.drl"), HEADER + """
                rule "Big clients always buy"
                when
                    Client( lifetimeValue > 1000000 )
                then
                    conclusions.vote(Advice.PROCEED, "they are big");
                end
                """);

        RuleProblem problem = only(rejectedByCompile(rules), p -> p.file().equals("unsourced.drl"));

        assertEquals(lineOf(rules.resolve("unsourced.drl"), "rule \"Big clients"), problem.line());
        assertTrue(problem.message().contains("'Big clients always buy' cites no truth"), problem::toString);
    }

    @Test
    void aRuleNameUsedInTwoFilesIsRejectedNamingBoth() throws Exception {
        Path rules = copyOfShippedRules("rules");
        Files.writeString(rules.resolve("zz-second-opinion.drl"), HEADER + """
                rule "When our analysis finds the client needs nothing, we tell them so"
                    @truth("BEST_SALE_NO_SALE")
                when
                    Client( needConfirmed == false )
                then
                    conclusions.vote(Advice.NO_SALE, "the client needs nothing");
                end
                """);

        RuleProblem problem = only(rejectedByCompile(rules),
                p -> p.file().equals("zz-second-opinion.drl") && p.message().contains("same name"));

        assertEquals(lineOf(rules.resolve("zz-second-opinion.drl"), "rule \"When our analysis"), problem.line());
        assertTrue(problem.message().contains("best-sale-no-sale.drl"), problem::toString);
    }

    /**
     * The rules' scratchpad was the {@code outcome} global of type {@code Outcome}, and the settled advice the
     * {@code Decision} fact: a file written before the renaming is told the new names, once, where it declares
     * or matches the old ones.
     */
    @Test
    void aFileWrittenForTheOldNamesIsToldTheNewOnes() throws Exception {
        Path rules = copyOfShippedRules("rules");
        Files.writeString(rules.resolve("quarter-end.drl"), """
                package dealadvisor.rules;

                import io.dealadvisor.domain.*;

                global Outcome outcome;

                rule "Wait for the quarter's budget"
                    @truth("NO_PUSH_BEFORE_MILESTONES")
                    @advice("WAIT")
                when
                    Pressure( internalPushToClose == true )
                then
                    outcome.vote("the quarter's budget is not approved yet");
                end

                rule "Come back after the quarter"
                    @truth("NO_PUSH_BEFORE_MILESTONES")
                when
                    Decision( advice == Advice.WAIT )
                then
                    outcome.revisitOn(java.time.LocalDate.of(2027, 1, 4));
                end
                """);

        List<RuleProblem> problems = rejectedByCompile(rules);

        RuleProblem global = only(problems, p -> p.line() != null && p.line() == 5);
        assertTrue(global.message().contains("declare global Conclusions conclusions;"), global::toString);
        List<RuleProblem> uses = problems.stream().filter(p -> p.message().contains("outcome cannot be resolved"))
                .toList();
        assertEquals(2, uses.size(), problems::toString);
        uses.forEach(use -> assertTrue(use.message().contains("is now 'conclusions'"), use::toString));
        RuleProblem fact = only(problems, p -> p.message().contains("'Decision'"));
        assertEquals(lineOf(rules.resolve("quarter-end.drl"), "    Decision("), fact.line());
        assertTrue(fact.message().contains("is now FinalAdvice"), fact::toString);
    }

    @Test
    void aScenarioThatFailsIsRejectedByLoadButNotByCompile() throws Exception {
        Path rules = copyOfShippedRules("rules");
        Files.writeString(rules.resolve("scenarios/sell-anyway.yaml"), """
                name: Selling to a client who needs nothing
                deal:
                  id: OPP-2026-0999
                  asOf: 2026-11-23
                  client: { name: Northwind Logistics }
                  offering: { name: Freight audit suite, amount: 120000, currency: EUR }
                  discovery: { problemDiagnosed: true, desiredOutcome: cut audit time, nothingNeeded: true }
                  infrastructure: { fit: SEAMLESS }
                expect:
                  advice: PROCEED
                """);

        RulesetRejectedException rejected = assertThrows(RulesetRejectedException.class, () -> loader.load(rules));

        RuleProblem problem = only(rejected.problems(), p -> true);
        assertEquals("scenarios/sell-anyway.yaml", problem.file());
        assertTrue(problem.message().contains("'Selling to a client who needs nothing'"), problem::toString);
        assertTrue(problem.message().contains("advice: expected PROCEED, got NO_SALE"), problem::toString);
        assertDoesNotThrow(() -> loader.compile(rules).release());
    }

    @Test
    void aTruthCodeListedTwiceIsRejected() throws Exception {
        Path rules = copyOfShippedRules("rules");
        append(rules.resolve("truths.yaml"), """
                  - code: SIDE_BY_SIDE
                    statement: Listed a second time by mistake.
                    source: 004_166cc54df9cce002.txt
                """);

        RuleProblem problem = only(rejectedByCompile(rules), p -> p.file().equals("truths.yaml"));

        assertTrue(problem.message().contains("SIDE_BY_SIDE is listed twice"), problem::toString);
    }

    @Test
    void anUnknownThresholdIsRejectedWithItsLine() throws Exception {
        Path rules = copyOfShippedRules("rules");
        int line = append(rules.resolve("thresholds.yaml"), "maximumDiscount: 0.2\n");

        RuleProblem problem = only(rejectedByCompile(rules), p -> p.file().equals("thresholds.yaml"));

        assertEquals(line, problem.line());
        assertTrue(problem.message().contains("maximumDiscount"), problem::toString);
    }

    @Test
    void aMisspelledThresholdIsNamedWhereItStandsAndAMissingOneByName() throws Exception {
        Path rules = copyOfShippedRules("rules");
        replace(rules.resolve("thresholds.yaml"), "maximumApprovals: 4", "maximumAprovals: 4");

        RuleProblem misspelled = only(rejectedByCompile(rules), p -> p.file().equals("thresholds.yaml"));
        assertEquals(lineOf(rules.resolve("thresholds.yaml"), "maximumAprovals"), misspelled.line());
        assertTrue(misspelled.message().startsWith("'maximumAprovals' is not a key of this file; its keys are ["),
                misspelled::toString);

        replace(rules.resolve("thresholds.yaml"), "maximumAprovals: 4", "");
        RuleProblem missing = only(rejectedByCompile(rules), p -> p.file().equals("thresholds.yaml"));
        assertEquals("'maximumApprovals' is missing", missing.message());
    }

    @Test
    void aPrecedenceThatLeavesOutAnAdviceIsRejected() throws Exception {
        Path rules = copyOfShippedRules("rules");
        replace(rules.resolve("advice.yaml"), "precedence: [NO_SALE, REFER, WAIT, PROCEED]",
                "precedence: [NO_SALE, REFER, WAIT]");

        RuleProblem problem = only(rejectedByCompile(rules), p -> p.file().equals("advice.yaml"));

        assertTrue(problem.message().startsWith("precedence must list each of"), problem::toString);
    }

    @Test
    void theVersionIsAContentHashOfTheRulesButNotOfTheirLocationOrScenarios() throws Exception {
        Path original = copyOfShippedRules("original");
        Path elsewhereWithAnEditedScenario = copyOfShippedRules("elsewhere");
        Path oneByteChanged = copyOfShippedRules("one-byte-changed");
        replace(elsewhereWithAnEditedScenario.resolve("scenarios/wait-for-security-review.yaml"), "name: The client's",
                "name: Our client's");
        replace(oneByteChanged.resolve("thresholds.yaml"), "maximumApprovals: 4", "maximumApprovals: 5");

        String version = version(original);

        assertTrue(version.matches("[0-9a-f]{12}"), version);
        assertEquals(version, version(elsewhereWithAnEditedScenario));
        assertNotEquals(version, version(oneByteChanged));
    }

    /**
     * Notes, exports and editor or merge litter beside the rules are never opened, so they neither change the version
     * nor cost memory: the export is a sparse file of 3 GB, which reading whole would fail at once.
     */
    @Test
    void filesTheLoaderDoesNotUseAreNotReadAndLeaveTheVersionAlone() throws Exception {
        Path rules = copyOfShippedRules("rules");
        Advisor shipped = loader.compile(rules);
        shipped.release();
        Files.createDirectories(rules.resolve("notes"));
        try (RandomAccessFile export = new RandomAccessFile(rules.resolve("notes/last-month.ndjson").toFile(), "rw")) {
            export.setLength(3L << 30);
        }
        for (String litter : List.of("#diagnose-first.drl#", ".#diagnose-first.drl", "diagnose-first.drl~",
                "diagnose-first.drl.orig", "diagnose-first.drl.rej", "diagnose-first.drl___jb_tmp___",
                "diagnose-first.drl.swp", "README.md", "notes/truths.yaml")) {
            Files.writeString(rules.resolve(litter), "rule \"half\" when then");
        }

        Advisor advisor = loader.load(rules);
        advisor.release();

        assertEquals(shipped.version(), advisor.version());
        assertEquals(shipped.ruleset().files(), advisor.ruleset().files());
    }

    /**
     * A plain {@code java.lang.Error} from a consequence is the rule's fault like any other: named in the one scenario
     * it fails, and every later scenario is still decided and reported.
     */
    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aConsequenceThatThrowsAPlainErrorIsNamedAndTheOtherScenariosStillRun() throws Exception {
        Path rules = copyOfShippedRules("rules");
        Files.writeString(rules.resolve("boom.drl"), BrokenRules.CONSEQUENCE_THROWS_ERROR);
        // sorts before every shipped scenario, so that each of them runs after the failure
        Files.writeString(rules.resolve("scenarios/a-boom.yaml"), """
                name: the client called Boom
                deal: %s
                expect:
                  advice: PROCEED
                """.formatted(Deals.ready().with("client.name", "\"" + BrokenRules.CONSEQUENCE_ERROR_CLIENT + "\"")));

        RulesetRejectedException rejected = assertThrows(RulesetRejectedException.class, () -> loader.load(rules));

        RuleProblem problem = only(rejected.problems(), p -> true);
        assertEquals("scenarios/a-boom.yaml", problem.file());
        assertTrue(problem.message().contains("rule '" + BrokenRules.CONSEQUENCE_ERROR_RULE
                + "' failed: Error: boom in consequence"), problem::toString);
        Advisor advisor = loader.compile(rules);
        List<ScenarioResult> results = loader.validator().validate(advisor).results();
        advisor.release();
        assertEquals(shippedScenarioCount() + 1, results.size(), results::toString);
        assertEquals(List.of("scenarios/a-boom.yaml"), results.stream().filter(result -> !result.passed())
                .map(result -> result.scenario().file()).toList());
    }

    /** One scenario per file: a second YAML document would otherwise be skipped without a word. */
    @Test
    void aScenarioFileHoldingTwoDocumentsIsRefusedNamingIt() throws Exception {
        Path rules = copyOfShippedRules("rules");
        Path file = rules.resolve("scenarios/wait-for-security-review.yaml");
        String scenario = Files.readString(file);
        assertTrue(scenario.endsWith("\n") && scenario.contains("advice: WAIT"), scenario);
        Files.writeString(file, scenario + "---\n" + scenario.replace("advice: WAIT", "advice: PROCEED"));

        RulesetRejectedException rejected = assertThrows(RulesetRejectedException.class, () -> loader.load(rules));

        RuleProblem problem = only(rejected.problems(), p -> true);
        assertEquals("scenarios/wait-for-security-review.yaml", problem.file());
        assertTrue(problem.message().contains("holds 2 YAML documents"), problem::toString);
        assertTrue(problem.message().contains("one scenario"), problem::toString);
    }

    @Test
    void aScenarioFileEndingWithADocumentMarkerIsOneScenario() throws Exception {
        Path rules = copyOfShippedRules("rules");
        Files.writeString(rules.resolve("scenarios/wait-for-security-review.yaml"), "---\n",
                StandardOpenOption.APPEND);

        assertDoesNotThrow(() -> loader.load(rules).release());
    }

    /** A copy of the shipped rules plus one rule whose consequence re-activates it, for a loader allowing 100 firings. */
    private Path withRunawayRule(String consequence) throws IOException {
        Path rules = copyOfShippedRules("rules");
        Files.writeString(rules.resolve("runaway.drl"), HEADER + """
                rule "%s"
                    @truth("DIAGNOSE_FIRST")
                when
                    $deal : Deal( id != null )
                then
                    %s
                end
                """.formatted(RUNAWAY_RULE, consequence));
        return rules;
    }

    private static RulesetLoader allowingHundredFirings() {
        return new RulesetLoader(RulesetLoaderTest.class.getClassLoader(), Clock.systemUTC(), DealReader.standalone(),
                100, RulesetLoader.DEFAULT_VALIDATION_TIMEOUT);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "insert(new Deal($deal.id() + \"+\", $deal.asOf()));",
            "update($deal);",
    })
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a real hang is cut off, not waited out
    void aRuleThatKeepsReactivatingItselfIsStoppedAndNamed(String consequence) throws Exception {
        RulesetLoader bounded = allowingHundredFirings();
        Advisor advisor = bounded.compile(withRunawayRule(consequence));
        try {
            EvaluationException stopped = assertThrows(EvaluationException.class,
                    () -> advisor.decide(Deals.ready().json()));

            assertEquals(RUNAWAY_RULE, stopped.rule());
            assertTrue(stopped.getMessage().contains("more than 100 rule firings"), stopped::getMessage);
        } finally {
            advisor.release();
        }
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a real hang is cut off, not waited out
    void aRulesetWhoseScenariosHitTheFiringBoundIsRejected() throws Exception {
        Path rules = withRunawayRule("insert(new Deal($deal.id() + \"+\", $deal.asOf()));");

        RulesetRejectedException rejected = assertThrows(RulesetRejectedException.class,
                () -> allowingHundredFirings().load(rules));

        assertTrue(rejected.problems().size() > 1, rejected::getMessage);
        assertTrue(rejected.problems().stream().allMatch(p -> p.file().startsWith("scenarios/")
                && p.message().contains("'" + RUNAWAY_RULE + "'")), rejected::getMessage);
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aConditionThatThrowsRefusesTheRulesetNamingItsRule() throws Exception {
        Path rules = copyOfShippedRules("rules");
        Files.writeString(rules.resolve("reads-names-as-numbers.drl"), BrokenRules.CONDITION_THROWS);

        RulesetRejectedException rejected = assertThrows(RulesetRejectedException.class, () -> loader.load(rules));

        assertTrue(rejected.problems().stream().anyMatch(problem -> problem.file().startsWith("scenarios/")
                && problem.message().contains("rule '" + BrokenRules.CONDITION_THROWS_RULE + "' failed in its condition")
                && problem.message().contains("NumberFormatException")), rejected::getMessage);
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aConditionSharedByRulesOfTwoFilesNamesThemAll() throws Exception {
        Path rules = copyOfShippedRules("rules");
        Files.writeString(rules.resolve("reads-names-as-numbers.drl"), BrokenRules.CONDITION_THROWS);
        Files.writeString(rules.resolve("reads-names-as-numbers-too.drl"), BrokenRules.CONDITION_THROWS
                .replace(BrokenRules.CONDITION_THROWS_RULE, "A client's name is read as a number again"));

        RulesetRejectedException rejected = assertThrows(RulesetRejectedException.class, () -> loader.load(rules));

        assertTrue(rejected.problems().stream().anyMatch(problem -> problem.message().contains("rules '")
                && problem.message().contains("'" + BrokenRules.CONDITION_THROWS_RULE + "'")
                && problem.message().contains("'A client's name is read as a number again'")
                && problem.message().contains("failed in their condition")), rejected::getMessage);
    }

    /** Drools does not name the rule of an eval that throws: the failure is the conditions', not the last rule's. */
    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anEvalThatThrowsIsNotBlamedOnARuleThatFiredBefore() throws Exception {
        Path rules = copyOfShippedRules("rules");
        Files.writeString(rules.resolve("evaluates-names-as-numbers.drl"), HEADER + """
                rule "A client's name is evaluated as a number"
                    @truth("DIAGNOSE_FIRST")
                when
                    Client( $name : name )
                    eval( Integer.parseInt($name) > 0 )
                then
                    conclusions.act("never reached");
                end
                """);

        RulesetRejectedException rejected = assertThrows(RulesetRejectedException.class, () -> loader.load(rules));

        assertTrue(rejected.problems().stream().allMatch(problem -> problem.message()
                .contains("a rule's condition failed: NumberFormatException")), rejected::getMessage);
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aConsequenceThatThrowsAnErrorRefusesTheRulesetAndFailsOnlyItsDealsNamingTheRule() throws Exception {
        Path rules = copyOfShippedRules("rules");
        Files.writeString(rules.resolve("asserts.drl"), HEADER + """
                rule "Every client is asserted away"
                    @truth("DIAGNOSE_FIRST")
                when
                    Client( $name : name )
                then
                    if ($name != null) { throw new AssertionError("client " + $name); }
                end
                """);

        RulesetRejectedException rejected = assertThrows(RulesetRejectedException.class, () -> loader.load(rules));
        assertTrue(rejected.problems().size() > 1, "every scenario is decided, none stops the others: "
                + rejected.getMessage());
        assertTrue(rejected.problems().stream().allMatch(problem -> problem.message()
                .contains("rule 'Every client is asserted away' failed: AssertionError: client ")), rejected::getMessage);

        Advisor advisor = loader.compile(rules);
        try {
            EvaluationException failed = assertThrows(EvaluationException.class,
                    () -> advisor.decide(Deals.ready().json()));
            assertEquals("Every client is asserted away", failed.rule());
        } finally {
            advisor.release();
        }
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aConditionThatNeverEndsIsNamedAsAConditionNotAsTheLastRuleThatFired() throws Exception {
        Path rules = copyOfShippedRules("rules");
        Files.writeString(rules.resolve("audit-takes-long.drl"), HEADER + """
                function boolean auditTakesLong(String name) {
                    long spins = 0;
                    long round = io.dealadvisor.testing.Endless.round();
                    while (name != null && io.dealadvisor.testing.Endless.round() == round) { spins++; }
                    return spins > 0;
                }

                rule "An audit that takes long is diagnosed first"
                    @truth("DIAGNOSE_FIRST")
                when
                    Offering( $name : name, name == "Freight audit suite" )
                    eval( auditTakesLong($name) )
                then
                    conclusions.act("never reached");
                end
                """);
        RulesetLoader quick = new RulesetLoader(RulesetLoaderTest.class.getClassLoader(), Clock.systemUTC(),
                DealReader.standalone(), RulesetLoader.DEFAULT_MAX_FIRINGS, java.time.Duration.ofSeconds(3));

        RulesetRejectedException rejected = assertThrows(RulesetRejectedException.class, () -> quick.load(rules));

        RuleProblem problem = only(rejected.problems(), p -> p.message().contains("did not return"));
        assertTrue(problem.file().startsWith("scenarios/"), problem::toString);
        assertTrue(problem.message().startsWith("the rules' conditions did not return within 3000 ms"), problem::toString);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"maximumApprovals: 4 -> maximumApprovals:", "maximumApprovals: 4 -> maximumApprovals: 4.7",
            "lifetimeValueMultipleOfDeal: 3 -> lifetimeValueMultipleOfDeal:"})
    void aThresholdWithoutAWholeValueIsRejectedNamingIt(String edit) throws Exception {
        Path rules = copyOfShippedRules("rules");
        String[] fromTo = edit.split(" -> ");
        replace(rules.resolve("thresholds.yaml"), fromTo[0], fromTo[1]);

        RuleProblem problem = only(rejectedByCompile(rules), p -> p.file().equals("thresholds.yaml"));

        assertTrue(problem.message().startsWith(fromTo[0].substring(0, fromTo[0].indexOf(':')) + ": "),
                problem::toString);
        assertEquals(lineOf(rules.resolve("thresholds.yaml"), fromTo[1]), problem.line(), problem::toString);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"truths.yaml: truths:\n -> truths:\n  -\n",
            "advice.yaml: precedence: [NO_SALE, REFER, WAIT, PROCEED]"
                    + " -> precedence: [NO_SALE, null, REFER, WAIT, PROCEED]"})
    void anEmptyEntryInAListOfTheRulesFilesIsRejectedNamingItsLine(String edit) throws Exception {
        Path rules = copyOfShippedRules("rules");
        String file = edit.substring(0, edit.indexOf(": "));
        String[] fromTo = edit.substring(file.length() + 2).replace("\\n", "\n").split(" -> ");
        replace(rules.resolve(file), fromTo[0], fromTo[1]);
        String firstChangedLine = fromTo[1].lines().filter(line -> !fromTo[0].contains(line)).findFirst()
                .orElse(fromTo[1].strip());

        RuleProblem problem = only(rejectedByCompile(rules), p -> p.file().equals(file));

        assertEquals(lineOf(rules.resolve(file), firstChangedLine), problem.line(), problem::toString);
        assertTrue(problem.message().contains("empty") || problem.message().contains("null"), problem::toString);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"own-your-mistakes.drl", "truths.yaml", "scenarios/wait-for-security-review.yaml"})
    void aFileSavedInAnotherEncodingIsRefusedNamingItsLine(String file) throws Exception {
        Path rules = copyOfShippedRules("rules");
        List<String> lines = Files.readAllLines(rules.resolve(file), StandardCharsets.UTF_8);
        int line = lines.size() / 2;
        lines.set(line - 1, lines.get(line - 1) + (file.endsWith(".drl") ? " // caf\u00e9" : " # caf\u00e9"));
        Files.write(rules.resolve(file), lines, StandardCharsets.ISO_8859_1);

        RulesetRejectedException rejected = assertThrows(RulesetRejectedException.class, () -> loader.load(rules));

        RuleProblem problem = only(rejected.problems(), p -> p.file().equals(file));
        assertEquals(line, problem.line(), problem::toString);
        assertTrue(problem.message().startsWith("is not UTF-8 text"), problem::toString);
    }

    @Test
    void aFileTheServiceDoesNotReadMayHoldAnyBytes() throws Exception {
        Path rules = copyOfShippedRules("rules");
        Files.write(rules.resolve("flow-diagram.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', (byte) 0xff, 0});

        assertDoesNotThrow(() -> loader.load(rules).release());
    }

    @Test
    void aFileCutShortInARuleSaysSoWithoutAStackTrace() throws Exception {
        Path rules = copyOfShippedRules("rules");
        Path file = rules.resolve("own-your-mistakes.drl");
        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), 400));

        RuleProblem problem = only(rejectedByCompile(rules), p -> p.file().equals("own-your-mistakes.drl"));

        assertTrue(problem.message().contains("the file ends in the middle of a rule"), problem::toString);
        assertTrue(!problem.message().contains("Exception") && !problem.message().contains("\tat "), problem::toString);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "WAIT_UNTIL: \"Wait until {revisitOn}: {reason}.\" -> WAIT_UNTIL: \"Wait until {revistOn}: {reason}.\""
                    + " => headlines.WAIT_UNTIL uses {revistOn}, which nothing fills in",
            "PROCEED: \"Go ahead: {reason}.\" -> PROCEED: \"Go ahead: {reason}.\"\n  PROCEEED: \"Go!\""
                    + " => headlines.PROCEEED is not a headline the service writes",
            "WAIT: \"Wait: {reason}.\" -> WAIT: \"Wait until {revisitOn}: {reason}.\""
                    + " => headlines.WAIT uses {revisitOn}, which nothing fills in there; use [{reason}]"})
    void aHeadlineTheServiceWouldNotFillInIsRefused(String edit) throws Exception {
        Path rules = copyOfShippedRules("rules");
        String[] change = edit.split(" => ")[0].split(" -> ");
        replace(rules.resolve("advice.yaml"), change[0], change[1]);

        RuleProblem problem = only(rejectedByCompile(rules), p -> p.file().equals("advice.yaml"));

        assertTrue(problem.message().startsWith(edit.split(" => ")[1]), problem::toString);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"advice: WAIT -> advice: WAITT => expect.advice 'WAITT' is not an advice",
            "truths: [NO_PUSH_BEFORE_MILESTONES] -> truths: NO_PUSH_BEFORE_MILESTONES => expect.truths must be a list"})
    void aScenarioExpectingWhatCannotBeIsRefused(String edit) throws Exception {
        Path rules = copyOfShippedRules("rules");
        String[] change = edit.split(" => ")[0].split(" -> ");
        replace(rules.resolve("scenarios/wait-for-security-review.yaml"), change[0], change[1]);

        RulesetRejectedException rejected = assertThrows(RulesetRejectedException.class, () -> loader.load(rules));

        RuleProblem problem = only(rejected.problems(), p -> p.message().startsWith(edit.split(" => ")[1]));
        assertEquals("scenarios/wait-for-security-review.yaml", problem.file());
    }

    private Path copyOfShippedRules(String name) throws IOException {
        Path target = temp.resolve(name);
        try (Stream<Path> files = Files.walk(RulesHarness.RULES)) {
            for (Path source : files.toList()) {
                Path copy = target.resolve(RulesHarness.RULES.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
        }
        return target;
    }

    private static long shippedScenarioCount() throws IOException {
        try (Stream<Path> files = Files.walk(RulesHarness.RULES.resolve("scenarios"))) {
            return files.filter(file -> file.toString().endsWith(".yaml")).count();
        }
    }

    /** Appends text to a file and returns the line the text starts on. */
    private static int append(Path file, String text) throws IOException {
        String content = Files.readString(file);
        int line = (int) content.lines().count() + 1;
        Files.writeString(file, (content.endsWith("\n") ? "" : "\n") + text, StandardOpenOption.APPEND);
        return line;
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String content = Files.readString(file);
        assertTrue(content.contains(from), () -> file + " no longer contains " + from);
        Files.writeString(file, content.replace(from, to));
    }

    private static int lineOf(Path file, String start) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                return i + 1;
            }
        }
        throw new AssertionError(file + " has no line starting with " + start);
    }

    private List<RuleProblem> rejectedByCompile(Path rules) {
        return assertThrows(RulesetRejectedException.class, () -> loader.compile(rules)).problems();
    }

    private static RuleProblem only(List<RuleProblem> problems, Predicate<RuleProblem> which) {
        List<RuleProblem> matching = problems.stream().filter(which).toList();
        assertEquals(1, matching.size(), () -> "expected one such problem among " + problems);
        return matching.get(0);
    }

    private String version(Path rules) throws RulesetRejectedException {
        Advisor advisor = loader.compile(rules);
        advisor.release();
        return advisor.version();
    }
}
