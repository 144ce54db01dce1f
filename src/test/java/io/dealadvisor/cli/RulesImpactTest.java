package io.dealadvisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealadvisor.rules.Deals;
import io.dealadvisor.testing.RulesFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
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
    void withoutABaseFolderTheDealsMustBeAnExport() throws IOException {
        Path plain = temp.resolve("deals.ndjson");
        Files.writeString(plain, WELL_COVERED.json().toString() + "\n");

        ToolRun run = ToolRun.of(RulesImpact::run, RulesFolder.SHIPPED.toString(), "--deals", plain.toString());

        assertEquals(2, run.status(), run.out());
        assertTrue(run.out().contains("not a recorded decision"), run.out());
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
