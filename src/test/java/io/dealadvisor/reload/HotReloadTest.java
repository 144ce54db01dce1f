package io.dealadvisor.reload;

import io.dealadvisor.security.Credentials;
import io.dealadvisor.domain.Advice;
import io.dealadvisor.testing.EditableFolders;
import io.dealadvisor.testing.Management;
import io.dealadvisor.testing.Poll;
import io.dealadvisor.testing.RulesFolder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The running service picks up analysts' edits of its rules folder: each test edits a temporary copy on disk,
 * waits for the service to answer differently, and leaves the folder as shipped.
 */
@QuarkusTest
@TestProfile(EditableFolders.class)
class HotReloadTest {

    /**
     * Generous on purpose: these tests check that edits are picked up, not how fast (the 5 s of docs/rules.md
     * is measured by the benchmarks), and a shared CI machine can be slow.
     */
    private static final Duration RELOAD_DEADLINE = Duration.ofSeconds(30);
    private static final String RULE_FILE = "diagnose-first.drl";
    private static final String SHIPPED_VERSION = RulesFolder.versionOf(RulesFolder.SHIPPED);
    private static final Answer SHIPPED_ANSWER = new Answer(Advice.PROCEED.name(), SHIPPED_VERSION);

    private RulesFolder rules;

    /** What the service advised for the probe deal, and with which ruleset. */
    private record Answer(String advice, String version) {
    }

    @BeforeEach
    void findTheServedFolder() {
        rules = EditableFolders.servedRules();
        assertEquals(SHIPPED_ANSWER, qualify(), "each test starts from the shipped rules");
    }

    @AfterEach
    void restoreTheShippedRules() {
        rules.restoreShipped();
        awaitRuleset("the shipped rules to serve again without a reload error", view ->
                SHIPPED_VERSION.equals(view.getString("version")) && view.get("lastReloadError") == null,
                Duration.ofSeconds(15));
    }

    @Test
    void editingARuleFileChangesTheAdviceWithinFiveSeconds() {
        rules.append(RULE_FILE, ProbeRules.rule("Probe refuses", Advice.NO_SALE));

        assertServingTheFolderWithAdvice(Advice.NO_SALE);
    }

    @Test
    void aBrokenSaveKeepsThePreviousRulesServingAndSaysWhy() {
        Instant saved = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int brokenLine = rules.appendSyntaxError(RULE_FILE);

        JsonPath view = awaitRuleset("the broken save to be refused", v -> v.get("lastReloadError") != null,
                RELOAD_DEADLINE);

        assertEquals(SHIPPED_VERSION, view.getString("version"));
        assertFalse(Instant.parse(view.getString("lastReloadError.at")).isBefore(saved), view.prettify());
        List<Map<String, Object>> problems = view.getList("lastReloadError.problems");
        assertTrue(problems.stream().anyMatch(problem -> RULE_FILE.equals(problem.get("file"))
                && Integer.valueOf(brokenLine).equals(problem.get("line"))), view.prettify());
        assertEquals(SHIPPED_ANSWER, qualify());
        // still ready, and the health check says a reload was refused
        Management.given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'ruleset' }.data.lastReloadProblems", equalTo(problems.size()))
                .body("checks.find { it.name == 'ruleset' }.data.lastReloadRefusedAt",
                        equalTo(view.getString("lastReloadError.at")));

        rules.restoreShipped();
        awaitRuleset("the fixed folder to clear the reload error", v -> v.get("lastReloadError") == null,
                RELOAD_DEADLINE);
    }

    @Test
    void aSaveByRenameIsPickedUp() throws IOException {
        Path staged = rules.path(RULE_FILE + ".tmp");
        Files.writeString(staged, rules.read(RULE_FILE) + ProbeRules.rule("Probe refuses", Advice.NO_SALE));
        Files.move(staged, rules.path(RULE_FILE), StandardCopyOption.ATOMIC_MOVE);

        assertServingTheFolderWithAdvice(Advice.NO_SALE);
    }

    /** A checkout or an archive unpacked in its place: the folder that now stands at the path is the one watched. */
    @Test
    void aFolderReplacedAsAWholeIsWatchedAgain() throws IOException {
        Path served = rules.root();
        Path away = served.resolveSibling(served.getFileName() + "-away");
        Files.move(served, away); // kept until the end: deleting it would send events that reload the path anyway
        try {
            RulesFolder.copyOfShipped(served);

            rules.append(RULE_FILE, ProbeRules.rule("Probe refuses", Advice.NO_SALE));

            assertServingTheFolderWithAdvice(Advice.NO_SALE);
        } finally {
            RulesFolder.deleteTree(away);
        }
    }

    /** A folder taken away (an unmounted volume, a deploy half-way): the last rules serve, and everyone sees why. */
    @Test
    void aFolderThatIsGoneIsRefusedForAllToSeeAndLoadedAgainWhenBack() throws IOException {
        Path served = rules.root();
        Path away = served.resolveSibling(served.getFileName() + "-gone");
        Files.move(served, away);
        try {
            JsonPath view = awaitRuleset("the folder's absence to be refused", v -> v.get("lastReloadError") != null,
                    RELOAD_DEADLINE);

            assertEquals(SHIPPED_VERSION, view.getString("version"));
            assertTrue(view.getList("lastReloadError.problems.message", String.class).stream()
                    .anyMatch(message -> message.contains("does not exist")), view.prettify());
            assertEquals(SHIPPED_ANSWER, qualify());
        } finally {
            Files.move(away, served);
        }
        awaitRuleset("the folder back to clear the reload error", v -> v.get("lastReloadError") == null,
                RELOAD_DEADLINE);
    }

    /**
     * A month's export dropped beside the rules (a sparse 3 GB file, which reading whole fails at once) is never read:
     * the version stays, nothing is refused, and the next edit is picked up.
     */
    @Test
    void aLargeFileBesideTheRulesIsNotReadAndTheNextEditIsPickedUp() throws IOException {
        sparseFile("notes/last-month.ndjson");
        Credentials.asDemo().when().post("/v1/ruleset/reload").then().statusCode(200)
                .body("version", equalTo(SHIPPED_VERSION))
                .body("files", not(hasItem("notes/last-month.ndjson")));

        rules.append(RULE_FILE, ProbeRules.rule("Probe refuses", Advice.NO_SALE));

        assertServingTheFolderWithAdvice(Advice.NO_SALE);
    }

    /** A reload that fails on an Error (a rules file too large for the heap) is refused for all to see, and survived. */
    @Test
    void aReloadFailingOnAnErrorIsRefusedForAllToSeeAndTheNextEditIsPickedUp() throws IOException {
        sparseFile("huge.drl");

        JsonPath view = awaitRuleset("the huge file to be refused", v -> v.get("lastReloadError") != null,
                RELOAD_DEADLINE);
        assertEquals(SHIPPED_VERSION, view.getString("version"));
        assertTrue(view.getList("lastReloadError.problems.message", String.class).stream()
                .anyMatch(message -> message.contains("OutOfMemoryError")), view.prettify());

        rules.delete("huge.drl");
        rules.append(RULE_FILE, ProbeRules.rule("Probe refuses", Advice.NO_SALE));

        assertServingTheFolderWithAdvice(Advice.NO_SALE);
        awaitRuleset("the reload error to clear", v -> v.get("lastReloadError") == null, RELOAD_DEADLINE);
    }

    /** 3 GB that take no disk: more than one array can hold, so reading it whole throws an OutOfMemoryError. */
    private void sparseFile(String relative) throws IOException {
        Files.createDirectories(rules.path(relative).getParent());
        try (RandomAccessFile file = new RandomAccessFile(rules.path(relative).toFile(), "rw")) {
            file.setLength(3L << 30);
        }
    }

    @Test
    void addingAndDeletingARuleFileArePickedUp() {
        rules.write("reload-probe.drl", ProbeRules.file("Probe waits", Advice.WAIT));
        assertServingTheFolderWithAdvice(Advice.WAIT);

        rules.delete("reload-probe.drl");
        awaitAnswer(SHIPPED_ANSWER::equals);
    }

    @Test
    void reloadingOnRequestAnswersTheRulesetOrTheProblems() {
        Credentials.asDemo().when().post("/v1/ruleset/reload")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("version", equalTo(SHIPPED_VERSION))
                .body("files", hasItem(RULE_FILE))
                .body("rules.file", hasItem(RULE_FILE))
                .body("lastReloadError", nullValue());

        int brokenLine = rules.appendSyntaxError(RULE_FILE);

        Credentials.asDemo().when().post("/v1/ruleset/reload")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("problems.find { it.file == '%s' && it.line == %d }.message".formatted(RULE_FILE, brokenLine),
                        containsString("no viable alternative"));
        assertEquals(SHIPPED_ANSWER, qualify());
    }

    @Test
    void aFailingScenarioIsAProblemOfItsFileWithNoLine() {
        rules.replace("thresholds.yaml", "maximumApprovals: 4", "maximumApprovals: 3");

        Credentials.asDemo().when().post("/v1/ruleset/reload")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("problems.find { it.file == 'scenarios/proceed-with-four-sign-offs.yaml' }.message",
                        containsString("fails"))
                // the contract's RuleProblem requires line: null when no line can be named, not a missing key
                .body("problems.every { it.containsKey('line') }", equalTo(true))
                .body("problems.find { it.file == 'scenarios/proceed-with-four-sign-offs.yaml' }.line", nullValue());
        assertEquals(SHIPPED_ANSWER, qualify());
    }

    @Test
    void aRuleThatLoopsForeverIsRejectedByTheFiringBound() {
        // The bound is met while running scenarios, so the folder needs one whatever it ships.
        rules.write("scenarios/reload-probe.yaml", """
                name: the reload probe goes ahead
                deal: %s
                expect:
                  advice: PROCEED
                """.formatted(ProbeRules.DEAL));
        rules.write("loops.drl", ProbeRules.HEADER + """

                rule "loops"
                    @truth("DIAGNOSE_FIRST")
                when
                    $deal : Deal()
                then
                    update($deal);
                end
                """);

        JsonPath view = awaitRuleset("the looping rule to be refused", v -> v.get("lastReloadError") != null,
                RELOAD_DEADLINE);

        assertEquals(SHIPPED_VERSION, view.getString("version"));
        List<String> messages = view.getList("lastReloadError.problems.message");
        assertTrue(messages.stream().anyMatch(message -> message.contains("more than 10000 rule firings")
                && message.contains("rule 'loops' fired most")), view.prettify());
        assertEquals(SHIPPED_ANSWER, qualify());
    }

    /** Waits for the probe deal to get {@code advice}, then checks it comes from the folder as it is now. */
    private void assertServingTheFolderWithAdvice(Advice advice) {
        Answer answer = awaitAnswer(a -> a.advice().equals(advice.name()));
        Credentials.asDemo().when().get("/v1/ruleset").then().body("version", equalTo(answer.version()))
                .body("version", not(equalTo(SHIPPED_VERSION)));
        assertEquals(RulesFolder.versionOf(rules.root()), answer.version());
    }

    private static Answer qualify() {
        JsonPath verdict = Credentials.asDemo().contentType(ContentType.JSON).body(ProbeRules.DEAL.toString())
                .when().post("/v1/qualifications")
                .then().statusCode(200).extract().jsonPath();
        return new Answer(verdict.getString("advice"), verdict.getString("ruleset.version"));
    }

    private static Answer awaitAnswer(Predicate<Answer> expected) {
        return Poll.until(RELOAD_DEADLINE, "the expected answer", HotReloadTest::qualify, expected);
    }

    private static JsonPath awaitRuleset(String what, Predicate<JsonPath> expected, Duration deadline) {
        return Poll.until(deadline, what, () -> Credentials.asDemo().when().get("/v1/ruleset")
                .then().statusCode(200).extract().jsonPath(), expected);
    }
}
