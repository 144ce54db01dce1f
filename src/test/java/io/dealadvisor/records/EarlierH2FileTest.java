package io.dealadvisor.records;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealadvisor.security.Credentials;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import static io.dealadvisor.records.Records.DECISIONS;
import static io.dealadvisor.records.Records.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An H2 file as the previous version left it (made here with its migration, db/migration/standard/V1, through the H2
 * driver, rows inserted by SQL) is found at start by the SQLite store at the same path: every record comes over with
 * its outcome, shadow and voting truths, and the file is renamed so that the next start does not import it again.
 */
@QuarkusTest
@TestProfile(OwnStoreFile.class)
class EarlierH2FileTest {

    static final Path FOLDER = OwnStoreFile.FOLDER;
    static final Path PATH = OwnStoreFile.PATH;
    static final String DEAL = Records.dealId("h2-import");
    /** A second of its own, well inside the retention, so the evidence over it counts only these records. */
    static final Instant AT = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
    static final UUID WAIT = DecisionIds.next();
    static final UUID REFER = DecisionIds.next();
    static final UUID NO_SALE = DecisionIds.next();
    static final String ADVICE = "{\"dealId\":\"" + DEAL + "\",\"advice\":\"WAIT\",\"headline\":\"Wait.\","
            + "\"revisitOn\":\"2026-12-15\",\"referTo\":null,\"reasons\":[],\"actions\":[],\"warnings\":[],"
            + "\"ruleset\":{\"version\":\"0123456789ab\",\"loadedAt\":\"2026-11-23T10:00:00Z\"}}";
    static final String SHADOW = "{\"rulesetVersion\":\"candidate001\",\"advice\":\"PROCEED\",\"differs\":true,"
            + "\"reasons\":[]}";

    @Inject
    DecisionStore store;

    @Test
    void everyRecordOfTheH2FileIsImportedOnce() throws Exception {
        assertFalse(Files.exists(Path.of(PATH + ".mv.db")), "the H2 file is renamed");
        assertTrue(Files.exists(Path.of(PATH + ".imported.mv.db")), "to " + PATH + ".imported.mv.db");
        assertTrue(Files.exists(Path.of(PATH + ".db")), "the SQLite file is there");

        JsonNode wait = whole(WAIT);
        assertEquals(json("""
                {"decisionId":"%s","decidedAt":"%s","dealId":"%s","asOf":"2026-11-23","caller":"crm","channel":"single",
                 "durationMicros":41,"deal":{"id":"%s","client":{"name":"Northwind"}},"advice":%s,"shadow":%s,
                 "outcome":{"result":"BOUGHT_FROM_US","adviceFollowed":true,"clientRetained":null,
                            "reportedOn":"2027-01-10","reportedBy":null},"detail":null}""".formatted(WAIT, AT.plusMillis(100), DEAL, DEAL, ADVICE, SHADOW)),
                wait);
        JsonNode refer = whole(REFER);
        assertTrue(refer.get("caller").isNull());
        assertEquals("batch", refer.get("channel").asText());
        assertEquals("North\uFFFDwind", refer.path("deal").path("client").path("name").asText(),
                "half a surrogate pair is kept as U+FFFD, not as the '?' SQLite's UTF-8 would make of it");
        assertTrue(refer.get("shadow").isNull());
        assertTrue(refer.get("outcome").isNull());

        JsonNode listed = json(auditor().get(DECISIONS + "?dealId=" + DEAL).then().statusCode(200).extract().asString());
        List<String> ids = new ArrayList<>();
        listed.get("decisions").forEach(decision -> ids.add(decision.get("decisionId").asText()));
        assertEquals(List.of(NO_SALE.toString(), REFER.toString(), WAIT.toString()), ids, "newest first");
        assertEquals("Acme", listed.get("decisions").get(1).get("referTo").asText());
        assertEquals(json("""
                {"result":"BOUGHT_ELSEWHERE","adviceFollowed":false,"clientRetained":false,"reportedOn":"2027-02-01",
                 "reportedBy":null}"""),
                listed.get("decisions").get(0).get("outcome"));
        assertEquals(List.of("CLOSE_THE_CLIENT", "NO_PUSH_BEFORE_MILESTONES"), truths(WAIT));
        assertEquals(List.of("BEST_SALE_NO_SALE"), truths(NO_SALE));

        JsonNode evidence = json(auditor().get("/v1/evidence?from=" + AT + "&to=" + AT.plusSeconds(1)).then()
                .statusCode(200).extract().asString());
        assertEquals(3, evidence.get("decisions").asLong(), evidence.toString());
        assertEquals(2, evidence.get("withOutcome").asLong(), evidence.toString());
        assertEquals(List.of("BEST_SALE_NO_SALE", "CLOSE_THE_CLIENT", "NO_PUSH_BEFORE_MILESTONES"),
                evidence.get("byTruth").findValuesAsText("truth"));

        // An import cut short leaves the H2 file in place: the next start imports it again, and the records already
        // there are skipped, not doubled.
        Files.copy(Path.of(PATH + ".imported.mv.db"), Path.of(PATH + ".mv.db"));
        new EarlierH2File(PATH, store.types()).importOnce(store::connection);
        assertFalse(Files.exists(Path.of(PATH + ".mv.db")));
        try (Stream<Path> files = Files.list(FOLDER)) {
            assertEquals(1, files.filter(file -> file.getFileName().toString().matches("decisions\\.imported-\\d+\\.mv\\.db"))
                    .count(), "the second copy is renamed beside the first");
        }
        assertEquals(3, json(auditor().get(DECISIONS + "?dealId=" + DEAL).then().statusCode(200).extract().asString())
                .get("decisions").size());
        assertEquals(List.of("CLOSE_THE_CLIENT", "NO_PUSH_BEFORE_MILESTONES"), truths(WAIT));
    }

    /** The previous version's schema and three of its records, one with half a surrogate pair in its deal. */
    static void writePreviousVersionFile() throws IOException, SQLException {
        String schema = Files.readString(Path.of("src/main/resources/db/migration/standard/V1__decision_records.sql"));
        try (Connection h2 = new org.h2.Driver().connect("jdbc:h2:file:" + PATH, new Properties())) {
            try (Statement statement = h2.createStatement()) {
                for (String sql : schema.replaceAll("(?m)--.*$", "").split(";")) {
                    if (!sql.isBlank()) {
                        statement.execute(sql);
                    }
                }
            }
            try (PreparedStatement insert = h2.prepareStatement("INSERT INTO decision (decision_id, decided_at, deal_id,"
                    + " as_of, caller, channel, duration_micros, advice, refer_to, revisit_on, ruleset_version, deal_json,"
                    + " advice_json, shadow_json, shadow_ruleset_version, shadow_advice, shadow_differs, outcome_result,"
                    + " outcome_advice_followed, outcome_client_retained, outcome_reported_on)"
                    + " VALUES (?, ?, ?, DATE '2026-11-23', ?, ?, 41, ?, ?, ?, '0123456789ab', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert(insert, WAIT, AT.plusMillis(100), "crm", "single", "WAIT", null, LocalDate.parse("2026-12-15"),
                        "Northwind", ADVICE, SHADOW, "candidate001", "PROCEED", true,
                        "BOUGHT_FROM_US", true, null, LocalDate.parse("2027-01-10"));
                insert(insert, REFER, AT.plusMillis(200), null, "batch", "REFER", "Acme", null, "North\uD800wind",
                        ADVICE.replace("\"WAIT\"", "\"REFER\""), null, "candidate001", null, null,
                        null, null, null, null);
                insert(insert, NO_SALE, AT.plusMillis(300), "crm", "single", "NO_SALE", null, null, "Northwind",
                        ADVICE.replace("\"WAIT\"", "\"NO_SALE\""), null, null, null, null,
                        "BOUGHT_ELSEWHERE", false, false, LocalDate.parse("2027-02-01"));
            }
            try (PreparedStatement truth = h2.prepareStatement("INSERT INTO decision_truth VALUES (?, ?)")) {
                for (Object[] row : new Object[][]{{WAIT, "NO_PUSH_BEFORE_MILESTONES"}, {WAIT, "CLOSE_THE_CLIENT"},
                        {NO_SALE, "BEST_SALE_NO_SALE"}}) {
                    truth.setObject(1, row[0]);
                    truth.setString(2, (String) row[1]);
                    truth.executeUpdate();
                }
            }
        }
    }

    private static void insert(PreparedStatement insert, UUID id, Instant decidedAt, String caller, String channel,
                               String advice, String referTo, LocalDate revisitOn, String clientName,
                               String adviceJson, String shadowJson, String shadowVersion, String shadowAdvice,
                               Boolean differs, String result, Boolean followed, Boolean retained,
                               LocalDate reportedOn) throws SQLException {
        Object[] values = {id, decidedAt.atOffset(ZoneOffset.UTC), DEAL, caller, channel, advice, referTo, revisitOn,
                "{\"id\":\"" + DEAL + "\",\"client\":{\"name\":\"" + clientName + "\"}}", adviceJson, shadowJson,
                shadowVersion, shadowAdvice, differs, result, followed, retained, reportedOn};
        for (int i = 0; i < values.length; i++) {
            insert.setObject(i + 1, values[i]);
        }
        insert.executeUpdate();
    }

    private JsonNode whole(UUID id) {
        return json(auditor().get(DECISIONS + "/" + id).then().statusCode(200).extract().asString());
    }

    private List<String> truths(UUID id) throws SQLException {
        try (Connection connection = store.connection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT truth FROM decision_truth WHERE decision_id = ? ORDER BY truth")) {
            select.setObject(1, store.types().id(id));
            List<String> truths = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    truths.add(result.getString(1));
                }
            }
            return truths;
        }
    }

    private static io.restassured.specification.RequestSpecification auditor() {
        return Credentials.withKey(Credentials.AUDITOR_KEY);
    }
}
