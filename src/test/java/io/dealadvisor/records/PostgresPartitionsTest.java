package io.dealadvisor.records;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.dealadvisor.security.Credentials;
import io.dealadvisor.testing.PostgresServer;
import io.quarkus.agroal.DataSource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.dealadvisor.records.Records.DECISIONS;
import static io.dealadvisor.records.Records.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The time partitions of PostgreSQL: expiry and retention drop the partitions entirely past their cut-off and delete
 * rows only in the one a cut-off falls in; a database of V2 with records is converted by V3 keeping every record.
 * The retention job is run by the test (its schedule paused meanwhile), so each step is seen as it happens.
 */
@QuarkusTest
@TestProfile(PostgresDecisionRecordsTest.OnPostgres.class)
@Tag("postgresql")
class PostgresPartitionsTest {

    /** The identity of {@link DecisionRetention}'s schedule. */
    private static final String RETENTION_JOB = "decision-retention";
    /** Far longer than a run of the retention on the few rows of these tests takes. */
    private static final Duration RUN_AT_MOST = Duration.ofSeconds(2);

    @Inject
    Scheduler scheduler;

    @Inject
    DecisionRecorder recorder;

    @Inject
    DecisionRetention retention;

    @Inject
    @DataSource("postgresql")
    AgroalDataSource postgresql;

    /**
     * The other tests of this start need the retention every second; this one pauses it, then waits out a run that
     * may have begun just before, so that no run but its own drops or deletes what it looks at.
     */
    @Test
    void expiryAndRetentionDropWholePartitionsAndDeleteRowsOnlyAtTheirBoundary() throws Exception {
        scheduler.pause(RETENTION_JOB);
        try {
            Thread.sleep(RUN_AT_MOST.toMillis());
            expiryAndRetentionByHand();
        } finally {
            scheduler.resume(RETENTION_JOB);
        }
    }

    private void expiryAndRetentionByHand() throws SQLException {
        String deal = Records.dealId("partitions");
        String version = Records.rulesetVersion();
        Instant now = Instant.now();
        Instant retentionCutoff = ZonedDateTime.now(ZoneOffset.UTC).minusYears(3).toInstant();
        Instant detailCutoff = now.minus(Duration.ofDays(90));
        // A month wholly before the retention's cut-off, and a day wholly before the detail retention's.
        DecisionRecord ancient = Records.record(deal, retentionCutoff.minus(Duration.ofDays(62)), "WAIT", version,
                "NO_PUSH_BEFORE_MILESTONES");
        DecisionRecord pastDetails = Records.record(deal, detailCutoff.minus(Duration.ofDays(3)), "WAIT", version);
        // Either side of each cut-off, in the partition it falls in.
        DecisionRecord justPast = Records.record(deal, retentionCutoff.minus(Duration.ofMinutes(10)), "REFER",
                version, "REFER_WHEN_NO_FIT");
        DecisionRecord justKept = Records.record(deal, retentionCutoff.plus(Duration.ofMinutes(10)), "REFER",
                version);
        DecisionRecord detailsJustPast = Records.record(deal, detailCutoff.minus(Duration.ofMinutes(10)), "WAIT",
                version);
        DecisionRecord detailsJustKept = Records.record(deal, detailCutoff.plus(Duration.ofMinutes(10)), "WAIT",
                version);
        DecisionRecord recent = Records.record(deal, now.minus(Duration.ofDays(1)), "PROCEED", version);
        List<DecisionRecord> records = List.of(ancient, pastDetails, justPast, justKept, detailsJustPast,
                detailsJustKept, recent);
        try (Connection connection = postgresql.getConnection()) {
            for (DecisionRecord record : records) {
                for (Partitions.Table table : Partitions.Table.values()) {
                    Partitions.make(connection, table, record.decidedAt());
                }
            }
        }
        records.forEach(recorder::record);
        Records.awaitWritten();
        String ancientMonth = Partitions.Table.SUMMARY.partition(Partitions.Table.SUMMARY.start(ancient.decidedAt()));
        String ancientTruths = Partitions.Table.TRUTHS.partition(Partitions.Table.TRUTHS.start(ancient.decidedAt()));
        String pastDay = Partitions.Table.DETAILS.partition(Partitions.Table.DETAILS.start(pastDetails.decidedAt()));
        assertEquals(ancientMonth, partitionOf("decision", ancient.decisionId()));
        assertEquals(pastDay, partitionOf("decision_detail", pastDetails.decisionId()));
        assertEquals(0, defaultRows(records), "every record is in its own period's partition");

        // While another replica holds the turn (and drops the partitions), this one deletes nothing row by row.
        try (Connection otherReplica = postgresql.getConnection();
             Statement turn = otherReplica.createStatement()) {
            otherReplica.setAutoCommit(true);
            turn.execute("SELECT pg_advisory_lock(" + Partitions.ADVISORY_LOCK + ")");
            try {
                retention.deleteExpired();
                for (DecisionRecord stays : List.of(ancient, justPast)) {
                    auditor().get(DECISIONS + "/" + stays.decisionId()).then().statusCode(200);
                }
            } finally {
                turn.execute("SELECT pg_advisory_unlock(" + Partitions.ADVISORY_LOCK + ")");
            }
        }

        retention.deleteExpired();

        try (Connection connection = postgresql.getConnection()) {
            assertFalse(Partitions.partitions(connection, Partitions.Table.SUMMARY).contains(ancientMonth));
            assertFalse(Partitions.partitions(connection, Partitions.Table.TRUTHS).contains(ancientTruths));
            assertFalse(Partitions.partitions(connection, Partitions.Table.DETAILS).contains(pastDay));
            assertEquals(0, count(connection, "SELECT COUNT(*) FROM pg_class WHERE relname IN ('" + ancientMonth
                    + "', '" + ancientTruths + "', '" + pastDay + "')"), "the partitions are dropped, not detached");
            List<String> months = Partitions.partitions(connection, Partitions.Table.SUMMARY);
            assertTrue(months.contains(Partitions.Table.SUMMARY.partition(
                    Partitions.Table.SUMMARY.start(now).plusMonths(1))), "next month's is made ahead: " + months);
            assertTrue(Partitions.partitions(connection, Partitions.Table.DETAILS).contains(
                    Partitions.Table.DETAILS.partition(Partitions.Table.DETAILS.start(now).plusDays(3))));
            assertEquals(0, count(connection, "SELECT COUNT(*) FROM decision_truth WHERE decision_id IN ('"
                    + ancient.decisionId() + "', '" + justPast.decisionId() + "')"), "their truths went with them");
        }
        for (DecisionRecord gone : List.of(ancient, justPast)) {
            auditor().get(DECISIONS + "/" + gone.decisionId()).then().statusCode(404);
        }
        assertEquals("expired", whole(justKept).get("detail").asText(), "kept, without the details it had long lost");
        for (DecisionRecord expired : List.of(pastDetails, detailsJustPast)) {
            JsonNode record = whole(expired);
            assertEquals("expired", record.get("detail").asText(), record.toString());
            assertTrue(record.get("deal").isNull());
            assertTrue(record.get("advice").isNull());
            assertEquals("WAIT", summary(expired).get("advice").asText(), "the summary stays");
        }
        for (DecisionRecord kept : List.of(detailsJustKept, recent)) {
            JsonNode record = whole(kept);
            assertTrue(record.get("detail").isNull(), record.toString());
            assertEquals(json(kept.dealJson()), record.get("deal"));
        }
    }

    /**
     * A V2 database with records (whole, expired, erased; with a shadow and truths), migrated to V3: every record
     * comes over, whole records with their details apart and their shadow byte for byte, each in its partition.
     */
    @Test
    void v3ConvertsADatabaseOfV2KeepingEveryRecord() throws SQLException {
        String schema = "v2_" + UUID.randomUUID().toString().substring(0, 8);
        Flyway.configure().dataSource(PostgresServer.jdbcUrl(), PostgresServer.username(), PostgresServer.password())
                .schemas(schema).locations("classpath:db/migration/standard").target("2").load().migrate();
        String shadow = "{\"rulesetVersion\":\"cand01\",\"advice\":\"PROCEED\",\"referTo\":null,\"revisitOn\":null,"
                + "\"differs\":true,\"reasons\":[{\"rule\":\"r\",\"truth\":\"CLOSE_THE_CLIENT\",\"advice\":\"PROCEED\","
                + "\"explanation\":\"Northwind said \\\"so\\\", \\u00e9\"}]}";
        Instant at = Instant.now().minus(Duration.ofDays(40)).truncatedTo(ChronoUnit.MILLIS);
        List<UUID> ids = new ArrayList<>();
        try (Connection connection = postgresql.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO " + schema + ".decision"
                     + " (decision_id, decided_at, deal_id, as_of, channel, duration_micros, advice, revisit_on,"
                     + " ruleset_version, deal_json, advice_json, shadow_json, shadow_ruleset_version,"
                     + " shadow_advice, shadow_differs, detail, client_id)"
                     + " VALUES (?, ?, 'OPP-1', DATE '2026-11-23', 'single', 41, 'WAIT', DATE '2026-12-15',"
                     + " '0123456789ab', ?, ?, ?, 'cand01', 'PROCEED', TRUE, ?, 'ACC-1')")) {
            String[][] rows = {{"{\"id\":\"OPP-1\"}", "{\"advice\":\"WAIT\",\"headline\":\"Wait.\"}", shadow, null},
                    {"", "", shadow.replaceFirst(",\"reasons\":\\[.*\\]}$", ",\"reasons\":null}"), "expired"},
                    {"", "", null, "erased"}};
            for (int i = 0; i < rows.length; i++) {
                UUID id = DecisionIds.next();
                ids.add(id);
                insert.setObject(1, id);
                insert.setObject(2, at.plus(Duration.ofDays(35L * i)).atOffset(ZoneOffset.UTC));
                for (int column = 0; column < 4; column++) {
                    insert.setString(column + 3, rows[i][column]);
                }
                insert.executeUpdate();
            }
            try (Statement truth = connection.createStatement()) {
                truth.execute("INSERT INTO " + schema + ".decision_truth VALUES ('" + ids.get(0) + "', 'CLOSE')");
            }
        }

        Flyway.configure().dataSource(PostgresServer.jdbcUrl(), PostgresServer.username(), PostgresServer.password())
                .schemas(schema).locations("classpath:db/migration/standard", "classpath:db/migration/postgresql")
                .load().migrate();

        try (Connection connection = postgresql.getConnection()) {
            assertEquals(3, count(connection, "SELECT COUNT(*) FROM " + schema + ".decision"));
            assertEquals(1, count(connection, "SELECT COUNT(*) FROM " + schema + ".decision_detail"));
            assertEquals(1, count(connection, "SELECT COUNT(*) FROM " + schema + ".decision_truth t JOIN " + schema
                    + ".decision d ON d.decision_id = t.decision_id AND d.decided_at = t.decided_at"));
            assertEquals(0, count(connection, "SELECT (SELECT COUNT(*) FROM " + schema + ".decision_default) + (SELECT"
                    + " COUNT(*) FROM " + schema + ".decision_detail_default) + (SELECT COUNT(*) FROM " + schema
                    + ".decision_truth_default)"), "each row in its period's partition");
            assertTrue(count(connection, "SELECT COUNT(*) FROM pg_inherits WHERE inhparent = '" + schema
                    + ".decision_detail'::regclass") >= 5, "the record's day, the default and the days ahead");
            try (Statement select = connection.createStatement();
                 ResultSet result = select.executeQuery("SELECT d.decision_id, d.headline, d.detail, d.shadow_json,"
                         + " x.deal_json, x.shadow_reasons FROM " + schema + ".decision d LEFT JOIN " + schema
                         + ".decision_detail x ON x.decision_id = d.decision_id ORDER BY d.decided_at")) {
                assertTrue(result.next());
                assertEquals(ids.get(0).toString(), result.getString("decision_id"));
                assertEquals("Wait.", result.getString("headline"));
                assertEquals("{\"id\":\"OPP-1\"}", result.getString("deal_json"));
                EmbeddedV3ConversionTest.assertShadowKept(shadow, result);
                assertTrue(result.next());
                assertEquals("expired", result.getString("detail"));
                assertTrue(result.getString("shadow_json").endsWith(",\"reasons\":null}"));
                assertTrue(result.next());
                assertEquals("erased", result.getString("detail"));
                assertFalse(result.next());
            }
        }
    }

    private String partitionOf(String table, UUID decisionId) throws SQLException {
        try (Connection connection = postgresql.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT tableoid::regclass::text FROM " + table
                     + " WHERE decision_id = ?")) {
            select.setObject(1, decisionId);
            try (ResultSet result = select.executeQuery()) {
                assertTrue(result.next(), "no row of " + decisionId + " in " + table);
                return result.getString(1);
            }
        }
    }

    /** The rows of {@code records} in the default partitions (the tests before this one may have left others). */
    private long defaultRows(List<DecisionRecord> records) throws SQLException {
        String ids = records.stream().map(record -> "'" + record.decisionId() + "'")
                .collect(Collectors.joining(", ", "(", ")"));
        try (Connection connection = postgresql.getConnection()) {
            return count(connection, "SELECT (SELECT COUNT(*) FROM decision_default WHERE decision_id IN " + ids
                    + ") + (SELECT COUNT(*) FROM decision_detail_default WHERE decision_id IN " + ids
                    + ") + (SELECT COUNT(*) FROM decision_truth_default WHERE decision_id IN " + ids + ")");
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement select = connection.createStatement(); ResultSet result = select.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static JsonNode whole(DecisionRecord record) {
        return json(auditor().get(DECISIONS + "/" + record.decisionId()).then().statusCode(200).extract().asString());
    }

    private static JsonNode summary(DecisionRecord record) {
        for (JsonNode decision : json(auditor().get(DECISIONS + "?dealId=" + record.dealId() + "&limit=100").then()
                .statusCode(200).extract().asString()).get("decisions")) {
            if (decision.get("decisionId").asText().equals(record.decisionId().toString())) {
                return decision;
            }
        }
        throw new AssertionError("no summary of " + record.decisionId());
    }

    private static io.restassured.specification.RequestSpecification auditor() {
        return Credentials.withKey(Credentials.AUDITOR_KEY);
    }
}
