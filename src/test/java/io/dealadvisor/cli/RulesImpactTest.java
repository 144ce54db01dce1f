package io.dealadvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealadvisor.rules.Deals;
import io.dealadvisor.testing.BrokenRules;
import io.dealadvisor.testing.RulesFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The impact of a rule change, measured by the real tool on real folders and deal files. */
class RulesImpactTest {

    /** Covers 0.85 of the requirements and goes ahead: below a 0.9 coverage threshold, it is referred. */
    private static final Deals PARTLY_COVERED = Deals.ready().with("id", "\"OPP-COVERED-85\"");
    /** Covers 0.95: goes ahead under either threshold. */
    private static final Deals WELL_COVERED = Deals.ready().with("id", "\"OPP-COVERED-95\"")
            .with("discovery.requirementsCovered", "0.95");
    private static final String REFERRED_FOR_COVERAGE = "REFER REFER_WHEN_NO_FIT: Requirements we cover too little"
            + " of are better served elsewhere - our offering covers 0.85 of the requirements, below 0.9";

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    /** The two layouts of a deals file; the tool labels each deal by where it stands in the file. */
    enum DealsFile {
        JSON_ARRAY("deals.json", "deals.json[0]") {
            @Override
            String content(List<String> deals) {
                return "[\n" + String.join(",\n", deals) + "\n]\n";
            }
        },
        NDJSON("deals.ndjson", "deals.ndjson:1") {
            @Override
            String content(List<String> deals) {
                return String.join("\n", deals) + "\n";
            }
        };

        private final String name;
        private final String labelOfFirst;

        DealsFile(String name, String labelOfFirst) {
            this.name = name;
            this.labelOfFirst = labelOfFirst;
        }

        abstract String content(List<String> deals);

        Path write(Path folder, Deals... deals) throws IOException {
            return Files.writeString(folder.resolve(name), content(Stream.of(deals).map(Deals::toString).toList()));
        }
    }

    private static ToolRun impact(String... args) {
        return ToolRun.of(RulesImpact::run, args);
    }

    private RulesFolder copy() {
        return RulesFolder.copyOfShipped(temp.resolve("change"));
    }

    @Test
    void theSameFolderTwiceChangesNothing() throws IOException {
        Path deals = DealsFile.JSON_ARRAY.write(temp, PARTLY_COVERED, WELL_COVERED);

        ToolRun run = impact(RulesFolder.SHIPPED.toString(), RulesFolder.SHIPPED.toString(), "--deals", deals.toString());

        assertEquals(0, run.status(), run.printed());
        assertTrue(run.out().contains("No deal changes its advice, referTo or revisitOn."), run.out());
        assertTrue(run.out().contains("0 of 2 deals change"), run.out());
    }

    @ParameterizedTest
    @EnumSource(DealsFile.class)
    void raisingTheCoverageThresholdRefersAPartlyCoveredDeal(DealsFile format) throws IOException {
        RulesFolder change = copy().replace("thresholds.yaml", "minimumRequirementsCovered: 0.6",
                "minimumRequirementsCovered: 0.9");
        Path deals = format.write(temp, PARTLY_COVERED, WELL_COVERED);
        Path json = temp.resolve("impact/report.json");

        ToolRun run = impact(RulesFolder.SHIPPED.toString(), change.root().toString(), "--deals=" + deals,
                "--json=" + json);

        assertEquals(1, run.status(), run.printed());
        String deal = "OPP-COVERED-85 (" + format.labelOfFirst + ")";
        assertTrue(run.hasRow(deal, "PROCEED", "REFER"), run.out());
        assertTrue(run.out().contains(deal + "\n  before: PROCEED\n    PROCEED DIAGNOSE_FIRST: "), run.out());
        assertTrue(run.out().contains("  after:  REFER\n    " + REFERRED_FOR_COVERAGE), run.out());
        assertTrue(run.hasRow("from", "to", "deals"), run.out());
        assertTrue(run.hasRow("PROCEED", "REFER", "1"), run.out());
        assertFalse(run.out().contains("OPP-COVERED-95"), "only the deals that change are listed:\n" + run.out());
        assertTrue(run.out().contains("1 of 2 deals change"), run.out());

        JsonNode report = JSON.readTree(json.toFile());
        assertEquals(2, report.path("deals").asInt());
        assertEquals(1, report.path("changedDeals").asInt());
        assertEquals(JSON.readTree("[{\"from\": \"PROCEED\", \"to\": \"REFER\", \"deals\": 1}]"),
                report.path("moves"));
        JsonNode change0 = report.path("changes").path(0);
        assertEquals("OPP-COVERED-85", change0.path("deal").asText());
        assertEquals("PROCEED", change0.path("before").path("advice").asText());
        assertEquals("REFER", change0.path("after").path("advice").asText());
        assertTrue(JSON.convertValue(change0.path("after").path("reasons"), List.class)
                .contains(REFERRED_FOR_COVERAGE), change0.toPrettyString());
    }

    @Test
    void aFolderThatDoesNotCompileIsAnError() throws IOException {
        RulesFolder change = copy();
        int brokenLine = change.appendSyntaxError("diagnose-first.drl");
        Path deals = DealsFile.NDJSON.write(temp, PARTLY_COVERED);

        ToolRun run = impact(RulesFolder.SHIPPED.toString(), change.root().toString(), "--deals", deals.toString());

        assertEquals(2, run.status(), run.printed());
        assertTrue(run.err().contains("The rules in " + change.root() + " do not compile:"), run.err());
        assertTrue(run.err().contains("diagnose-first.drl:" + brokenLine + ": "), run.err());
    }

    @Test
    void anInvalidDealIsAnErrorNamingTheDealAndField() throws IOException {
        Deals invalid = Deals.ready().with("id", "\"OPP-INVALID\"").with("discovery.requirementsCovered", "\"most\"");
        Path deals = DealsFile.NDJSON.write(temp, PARTLY_COVERED, invalid);

        ToolRun run = impact(RulesFolder.SHIPPED.toString(), RulesFolder.SHIPPED.toString(), "--deals", deals.toString());

        assertEquals(2, run.status(), run.printed());
        assertTrue(run.out().lines().anyMatch(line -> line.startsWith("error: deals.ndjson:2: ")
                && line.contains("discovery.requirementsCovered")), run.out());
        assertTrue(run.out().contains("0 of 2 deals change; 1 error(s)"), run.out());
    }

    /**
     * An export of recorded decisions replayed against the advice that was actually answered (no base folder):
     * each record is decided again for its own asOf; a record whose answer the rules would now change is listed.
     */
    @Test
    void anExportIsReplayedAgainstTheAdviceThatWasAnswered() throws IOException {
        String answeredAlike = record("01a228e8-0000-7000-8000-000000000001", WELL_COVERED, "PROCEED");
        String answeredOtherwise = record("01a228e8-0000-7000-8000-000000000002", PARTLY_COVERED, "REFER");
        Path export = temp.resolve("last-month.ndjson");
        Files.writeString(export, answeredAlike + "\n" + answeredOtherwise + "\n");

        ToolRun run = ToolRun.of(RulesImpact::run, RulesFolder.SHIPPED.toString(), "--deals", export.toString());

        assertEquals(1, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("OPP-COVERED-85"), run.out());
        assertFalse(run.out().contains("OPP-COVERED-95 ("), run.out());
        assertTrue(run.hasRow("REFER", "PROCEED", "1"), run.out());
        assertTrue(run.out().contains("1 of 2 deals change"), run.out());
    }

    @Test
    void recordedDecisionsWhoseDealIsGoneAreLeftOutAndCounted() throws IOException {
        String kept = record("01a228e8-0000-7000-8000-000000000003", WELL_COVERED, "PROCEED");
        String erased = "{\"decisionId\":\"01a228e8-0000-7000-8000-000000000004\",\"dealId\":\"OPP-ERASED\","
                + "\"deal\":null,\"advice\":null,\"detail\":\"erased\"}";
        Path export = temp.resolve("with-erased.ndjson");
        Files.writeString(export, kept + "\n" + erased + "\n");

        ToolRun run = ToolRun.of(RulesImpact::run, RulesFolder.SHIPPED.toString(), "--deals", export.toString());

        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("0 of 1 deals change"), run.out());
        assertTrue(run.out().contains("1 recorded decision(s) left out: their deal was erased or has expired"
                + " (with-erased.ndjson:2)"), run.out());
    }

    @Test
    void aRuleThatFailsOnADealIsAnErrorNotAChange() throws IOException {
        RulesFolder change = copy().write("reads-names-as-numbers.drl", BrokenRules.CONDITION_THROWS);
        Path deals = DealsFile.NDJSON.write(temp, WELL_COVERED);

        ToolRun run = impact(RulesFolder.SHIPPED.toString(), change.root().toString(), "--deals", deals.toString());

        assertEquals(2, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("rule '" + BrokenRules.CONDITION_THROWS_RULE + "' failed in its condition"),
                run.out());
    }

    /** A rule that never returns on a deal no scenario reaches: the tool ends with status 2 naming the deal. */
    @Test
    void aDealOnWhichARuleNeverReturnsIsAnErrorAndTheToolEnds() throws IOException {
        RulesFolder change = copy().write("spins.drl", """
                package dealadvisor.rules;

                import io.dealadvisor.domain.*;

                rule "Spins on one client"
                    @truth("DIAGNOSE_FIRST")
                when
                    Client( name == "Spinning" )
                then
                    long round = io.dealadvisor.testing.Endless.round();
                    while (io.dealadvisor.testing.Endless.round() == round) { Thread.onSpinWait(); }
                end
                """);
        Path deals = DealsFile.NDJSON.write(temp, WELL_COVERED,
                Deals.ready().with("id", "\"OPP-SPINS\"").with("client.name", "\"Spinning\""));
        try {
            long start = System.nanoTime();
            ToolRun run = impact(RulesFolder.SHIPPED.toString(), change.root().toString(), "--deals", deals.toString());

            assertEquals(2, run.status(), run.out() + run.err());
            assertTrue(run.out().contains("deals.ndjson:2: deciding did not return within 10 s"), run.out());
            assertTrue(System.nanoTime() - start < java.time.Duration.ofSeconds(60).toNanos(), "took too long");
        } finally {
            io.dealadvisor.testing.Endless.release();
        }
    }

    @Test
    void anErrorTheToolDidNotExpectIsStatusTwoNotOne() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = Arguments.guarded("rules-impact", () -> {
            throw new IllegalStateException("the disk went away");
        }, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(2, status);
        assertTrue(err.toString(StandardCharsets.UTF_8)
                .startsWith("rules-impact stopped on an error it did not expect: java.lang.IllegalStateException"));
    }

    @Test
    void withoutABaseFolderTheDealsMustBeAnExport() throws IOException {
        Path plain = temp.resolve("deals.ndjson");
        Files.writeString(plain, WELL_COVERED.json().toString() + "\n");

        ToolRun run = ToolRun.of(RulesImpact::run, RulesFolder.SHIPPED.toString(), "--deals", plain.toString());

        assertEquals(2, run.status(), run.out());
        assertTrue(run.out().contains("not a recorded decision"), run.out());
    }

    /**
     * An export whose records carry outcomes: each move says what became of its deals under the advice that was
     * answered, apart for the sellers who followed it, with 95 % Wilson intervals worked out by hand (z = 1.959964):
     * 2 of 3 gives [0.2077, 0.9385], shown outward as [0.207, 0.939], and 1 of 1 gives [0.206, 1.000]. An outcome
     * whose client status is unknown counts apart from the rate; deals whose advice does not change, and deals
     * without an outcome, count in no group.
     */
    @Test
    void anExportWithOutcomesSaysWhatBecameOfEachMovesDeals() throws IOException {
        RulesFolder change = copy().replace("thresholds.yaml", "minimumRequirementsCovered: 0.6",
                "minimumRequirementsCovered: 0.9");
        String kept = "{\"result\":\"BOUGHT_FROM_US\",\"adviceFollowed\":true,\"clientRetained\":true}";
        Path export = temp.resolve("with-outcomes.ndjson");
        Files.writeString(export, String.join("\n",
                record("01a228e8-0000-7000-8000-000000000011", partlyCovered(1), "PROCEED", kept),
                record("01a228e8-0000-7000-8000-000000000012", partlyCovered(2), "PROCEED", kept),
                record("01a228e8-0000-7000-8000-000000000013", partlyCovered(3), "PROCEED",
                        "{\"result\":\"BOUGHT_ELSEWHERE\",\"adviceFollowed\":true,\"clientRetained\":false}"),
                record("01a228e8-0000-7000-8000-000000000014", partlyCovered(4), "PROCEED",
                        "{\"result\":\"BOUGHT_NOTHING\",\"adviceFollowed\":false,\"clientRetained\":true,"
                                + "\"reportedOn\":\"2026-11-30\",\"reportedBy\":\"crm\"}"),
                record("01a228e8-0000-7000-8000-000000000015", partlyCovered(5), "PROCEED", null),
                record("01a228e8-0000-7000-8000-000000000017", partlyCovered(6), "PROCEED",
                        "{\"result\":\"BOUGHT_NOTHING\",\"adviceFollowed\":true}"),
                record("01a228e8-0000-7000-8000-000000000016", WELL_COVERED, "PROCEED",
                        "{\"result\":\"BOUGHT_ELSEWHERE\",\"adviceFollowed\":true,\"clientRetained\":false}"))
                + "\n");
        Path json = temp.resolve("impact.json");

        ToolRun run = impact(change.root().toString(), "--deals", export.toString(), "--json", json.toString());

        assertEquals(1, run.status(), run.printed());
        assertTrue(run.hasRow("from", "to", "deals", "followed: kept [95 % interval]",
                "not followed: kept [95 % interval]"), run.out());
        assertTrue(run.hasRow("PROCEED", "REFER", "6", "kept 2 of 3 clients [0.207, 0.939] (1 unknown)",
                "kept 1 of 1 clients [0.206, 1.000]"), run.out());
        assertTrue(run.out().contains("6 of 7 deals change"), run.out());

        JsonNode outcomes = JSON.readTree(json.toFile()).path("moves").path(0).path("outcomes");
        assertEquals(JSON.readTree("{\"outcomes\": 4, \"retained\": 2, \"known\": 3, \"retentionRate\": " + 2.0 / 3
                + ", \"retentionInterval\": [0.207, 0.939],"
                + " \"results\": {\"BOUGHT_FROM_US\": 2, \"BOUGHT_ELSEWHERE\": 1, \"BOUGHT_NOTHING\": 1}}"),
                outcomes.path("followed"));
        assertEquals(JSON.readTree("{\"outcomes\": 1, \"retained\": 1, \"known\": 1, \"retentionRate\": 1.0,"
                + " \"retentionInterval\": [0.206, 1.0],"
                + " \"results\": {\"BOUGHT_FROM_US\": 0, \"BOUGHT_ELSEWHERE\": 0, \"BOUGHT_NOTHING\": 1}}"),
                outcomes.path("notFollowed"));
    }

    /** A move none of whose deals has an outcome says so; deals that are not recorded decisions get no figures. */
    @Test
    void aMoveWithoutOutcomesSaysSo() throws IOException {
        RulesFolder change = copy().replace("thresholds.yaml", "minimumRequirementsCovered: 0.6",
                "minimumRequirementsCovered: 0.9");
        Path export = temp.resolve("no-outcomes.ndjson");
        Files.writeString(export, record("01a228e8-0000-7000-8000-000000000021", PARTLY_COVERED, "PROCEED", null)
                + "\n");

        // as ./mvnw exec:java@rules-impact -Dbase= passes it: the empty base folder comes as null
        ToolRun run = impact(null, change.root().toString(), "--deals", export.toString());

        assertEquals(1, run.status(), run.printed());
        assertTrue(run.hasRow("PROCEED", "REFER", "1", "no outcome", "no outcome"), run.out());
    }

    /** A deal like {@link #PARTLY_COVERED} with an id of its own (a {@link Deals} changes in place). */
    private static Deals partlyCovered(int number) {
        return Deals.ready().with("id", "\"OPP-COVERED-85-" + number + "\"");
    }

    /** A line of GET /v1/decisions/export with the outcome reported (a JSON object), or none (null). */
    private static String record(String decisionId, Deals deal, String answered, String outcome) throws IOException {
        return record(decisionId, deal, answered).replaceFirst("}$", ",\"outcome\":" + outcome + "}");
    }

    /** A line of GET /v1/decisions/export: the deal as read (asOf set) and the advice that was answered. */
    private static String record(String decisionId, Deals deal, String answered) throws IOException {
        JsonNode read = deal.json();
        return JSON.writeValueAsString(JSON.createObjectNode()
                .put("decisionId", decisionId)
                .put("dealId", read.get("id").asText())
                .set("deal", read))
                .replaceFirst("}$", ",\"advice\":{\"advice\":\"" + answered + "\",\"referTo\":null,"
                        + "\"revisitOn\":null,\"reasons\":[]}}");
    }
}
