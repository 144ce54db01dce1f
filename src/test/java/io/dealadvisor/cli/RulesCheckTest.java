package io.dealadvisor.cli;

import io.dealadvisor.rules.Deals;
import io.dealadvisor.testing.BrokenRules;
import io.dealadvisor.testing.RulesFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CI check of a rules folder, run as CI runs it, on real folders and with the real compiler. */
class RulesCheckTest {

    private static final Pattern SUMMARY = Pattern.compile("rules-check: (\\d+) passed, (\\d+) failed");

    @TempDir
    Path temp;

    private static ToolRun check(String... args) {
        return ToolRun.of(RulesCheck::run, args);
    }

    private RulesFolder copy() {
        return RulesFolder.copyOfShipped(temp.resolve("rules"));
    }

    private static Element suite(Path junit) throws Exception {
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        Element suite = document.getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        return suite;
    }

    private static long shippedScenarioCount() throws IOException {
        Path scenarios = RulesFolder.SHIPPED.resolve("scenarios");
        if (!Files.isDirectory(scenarios)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(scenarios)) {
            return files.filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml")).count();
        }
    }

    @Test
    void theShippedRulesPassWithATableASummaryAndAJUnitReport() throws Exception {
        Path junit = temp.resolve("reports/TEST-rules-check.xml");

        ToolRun run = check(RulesFolder.SHIPPED.toString(), "--junit=" + junit);

        assertEquals(0, run.status(), run.printed());
        assertTrue(run.hasRow("scenario", "file", "expected", "actual", "result"), run.out());
        Matcher summary = SUMMARY.matcher(run.out());
        assertTrue(summary.find(), run.out());
        int passed = Integer.parseInt(summary.group(1));
        assertEquals(0, Integer.parseInt(summary.group(2)), run.out());
        // one check that the rules compile and cite known truths, then one per scenario
        assertEquals(1 + shippedScenarioCount(), passed, run.out());
        assertTrue(run.out().strip().endsWith(summary.group()), "the summary closes the output:\n" + run.out());

        Element suite = suite(junit);
        assertEquals(String.valueOf(passed), suite.getAttribute("tests"));
        assertEquals("0", suite.getAttribute("failures"));
        assertEquals(passed, suite.getElementsByTagName("testcase").getLength());
        assertEquals(0, suite.getElementsByTagName("failure").getLength());
    }

    @Test
    void aRulesFolderThatIsASymbolicLinkIsCheckedAsTheFolderItPointsTo() throws IOException {
        Path link = Files.createSymbolicLink(temp.resolve("rules-link"), RulesFolder.SHIPPED.toAbsolutePath());

        ToolRun run = check(link.toString());

        assertEquals(0, run.status(), run.printed());
        assertTrue(run.out().contains("Compiled ruleset " + RulesFolder.versionOf(RulesFolder.SHIPPED)), run.out());
    }

    @Test
    void aSyntaxErrorFailsNamingTheFileAndLine() {
        RulesFolder rules = copy();
        int brokenLine = rules.appendSyntaxError("diagnose-first.drl");

        ToolRun run = check(rules.root().toString());

        assertEquals(1, run.status(), run.printed());
        assertTrue(run.hasRow("diagnose-first.drl", String.valueOf(brokenLine)), run.out());
        assertTrue(run.out().contains("rules-check: 0 passed"), run.out());
    }

    @Test
    void aRuleCitingAnUnknownTruthFails() {
        RulesFolder rules = copy().replace("wants-over-needs.drl", "@truth(\"WANTS_OVER_NEEDS\")",
                "@truth(\"WANTS_OVER_PRICE\")");

        ToolRun run = check(rules.root().toString());

        assertEquals(1, run.status(), run.printed());
        assertTrue(run.hasRow("wants-over-needs.drl"), run.out());
        assertTrue(run.out().contains("cites the unknown truth 'WANTS_OVER_PRICE'"), run.out());
    }

    @Test
    void aScenarioExpectingTheWrongAdviceFailsWithItsReasons() throws Exception {
        RulesFolder rules = copy().write("scenarios/ready-deal-is-refused.yaml", """
                name: a ready deal is refused
                deal: %s
                expect:
                  advice: NO_SALE
                """.formatted(Deals.ready()));
        Path junit = temp.resolve("TEST-rules-check.xml");

        ToolRun run = check(rules.root().toString(), "--junit", junit.toString());

        assertEquals(1, run.status(), run.printed());
        assertTrue(run.hasRow("a ready deal is refused", "scenarios/ready-deal-is-refused.yaml", "NO_SALE", "PROCEED",
                "FAIL"), run.out());
        assertTrue(run.out().contains("FAIL a ready deal is refused (scenarios/ready-deal-is-refused.yaml)"), run.out());
        assertTrue(run.out().contains("advice: expected NO_SALE, got PROCEED because PROCEED from '"), run.out());
        assertTrue(SUMMARY.matcher(run.out()).results().anyMatch(summary -> summary.group(2).equals("1")), run.out());

        Element suite = suite(junit);
        assertEquals("1", suite.getAttribute("failures"));
        Element failure = (Element) suite.getElementsByTagName("failure").item(0);
        assertEquals("a ready deal is refused", ((Element) failure.getParentNode()).getAttribute("name"));
        assertTrue(failure.getTextContent().startsWith("advice: expected NO_SALE, got PROCEED"),
                failure.getTextContent());
    }

    /** A plain java.lang.Error from a consequence fails its scenario naming the rule; every other one still runs. */
    @Test
    void aRuleThrowingAnErrorFailsItsScenarioNamingTheRuleAndTheOthersStillRun() throws Exception {
        RulesFolder rules = copy().write("boom.drl", BrokenRules.CONSEQUENCE_THROWS_ERROR)
                .write("scenarios/a-boom.yaml", """
                        name: the client called Boom
                        deal: %s
                        expect:
                          advice: PROCEED
                        """.formatted(Deals.ready().with("client.name",
                        "\"" + BrokenRules.CONSEQUENCE_ERROR_CLIENT + "\"")));
        Path junit = temp.resolve("TEST-rules-check.xml");

        ToolRun run = check(rules.root().toString(), "--junit", junit.toString());

        assertEquals(1, run.status(), run.printed());
        assertTrue(run.hasRow("the client called Boom", "scenarios/a-boom.yaml", "PROCEED", "error", "FAIL"), run.out());
        assertTrue(run.out().contains("rule '" + BrokenRules.CONSEQUENCE_ERROR_RULE
                + "' failed: Error: boom in consequence"), run.out());
        Matcher summary = SUMMARY.matcher(run.out());
        assertTrue(summary.find(), run.out());
        // the folder's own check and every shipped scenario, run after the one that failed
        assertEquals(1 + shippedScenarioCount(), Integer.parseInt(summary.group(1)), run.out());
        assertEquals("1", summary.group(2), run.out());

        Element suite = suite(junit);
        assertEquals(String.valueOf(2 + shippedScenarioCount()), suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
    }

    /** A control character in a scenario's name (YAML writes one as an escape) leaves the JUnit XML well-formed. */
    @Test
    void aScenarioNamedWithAControlCharacterStillGivesAReportThatParses() throws Exception {
        RulesFolder rules = copy().write("scenarios/bell.yaml", """
                name: "rings \\a the bell"
                deal: %s
                expect:
                  advice: NO_SALE
                """.formatted(Deals.ready()));
        Path junit = temp.resolve("TEST-rules-check.xml");

        ToolRun run = check(rules.root().toString(), "--junit", junit.toString());

        assertEquals(1, run.status(), run.printed());
        Element suite = suite(junit);
        assertEquals("1", suite.getAttribute("failures"));
        Element failure = (Element) suite.getElementsByTagName("failure").item(0);
        assertEquals("rings \\u0007 the bell", ((Element) failure.getParentNode()).getAttribute("name"));
    }

    @Test
    void noFolderIsAUsageError() {
        ToolRun run = check();

        assertEquals(2, run.status());
        assertTrue(run.err().contains("usage: rules-check RULES_FOLDER"), run.err());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        ToolRun run = check(RulesFolder.SHIPPED.toString(), "--strict");

        assertEquals(2, run.status());
        assertTrue(run.err().contains("unknown option --strict"), run.err());
        assertTrue(run.err().contains("usage: rules-check RULES_FOLDER"), run.err());
    }
}
