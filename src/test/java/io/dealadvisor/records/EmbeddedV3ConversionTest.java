package io.dealadvisor.records;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An embedded file of V2 with records (whole with a shadow, expired, erased), migrated to V3 by the service's own
 * migrations: every record stays, a whole one with its details apart and its shadow read back byte for byte.
 * PostgreSQL's conversion is tested in {@link PostgresPartitionsTest}.
 */
class EmbeddedV3ConversionTest {

    static final String SHADOW = "{\"rulesetVersion\":\"cand01\",\"advice\":\"PROCEED\",\"referTo\":null,"
            + "\"revisitOn\":null,\"differs\":true,\"reasons\":[{\"rule\":\"r\",\"truth\":\"CLOSE_THE_CLIENT\","
            + "\"explanation\":\"Northwind said \\\"so\\\", \\u00e9\"}]}";

    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "h2"})
    void v3KeepsEveryRecordOfAFileOfV2(String engine) throws SQLException {
        boolean sqlite = engine.equals("sqlite");
        String url = sqlite ? "jdbc:sqlite:" + folder.resolve("decisions.db") : "jdbc:h2:file:" + folder.resolve("d");
        String[] locations = sqlite ? new String[]{"classpath:db/migration/sqlite"}
                : new String[]{"classpath:db/migration/standard", "classpath:db/migration/h2"};
        StoreTypes types = sqlite ? StoreTypes.SQLITE : StoreTypes.STANDARD;
        Flyway.configure().dataSource(url, "", "").locations(locations).target("2").load().migrate();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<UUID> ids = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "", "");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO decision (decision_id, decided_at,"
                     + " deal_id, as_of, channel, duration_micros, advice, ruleset_version, deal_json, advice_json,"
                     + " shadow_json, shadow_advice, detail) VALUES (?, ?, 'OPP-1', ?, 'single', 41, 'WAIT',"
                     + " '0123456789ab', ?, ?, ?, 'PROCEED', ?)");
             PreparedStatement truth = connection.prepareStatement("INSERT INTO decision_truth VALUES (?, 'CLOSE')")) {
            String[][] rows = {{"{\"id\":\"OPP-1\"}", "{\"advice\":\"WAIT\",\"headline\":\"Wait \\\"now\\\".\"}",
                    SHADOW, null}, {"", "", StoredDocuments.withoutReasons(SHADOW), "expired"}, {"", "", null, "erased"}};
            for (int i = 0; i < rows.length; i++) {
                UUID id = DecisionIds.next();
                ids.add(id);
                insert.setObject(1, types.id(id));
                insert.setObject(2, types.instant(at.plusMillis(i)));
                insert.setObject(3, types.date(java.time.LocalDate.parse("2026-11-23")));
                for (int column = 0; column < 4; column++) {
                    insert.setString(column + 4, rows[i][column]);
                }
                insert.executeUpdate();
                truth.setObject(1, types.id(id));
                truth.executeUpdate();
            }
        }

        Flyway.configure().dataSource(url, "", "").locations(locations).load().migrate();

        try (Connection connection = DriverManager.getConnection(url, "", "");
             Statement select = connection.createStatement();
             ResultSet result = select.executeQuery("SELECT d.decision_id, d.headline, d.detail, d.shadow_json,"
                     + " x.deal_json, x.advice_json, x.shadow_reasons, (SELECT COUNT(*) FROM decision_truth t"
                     + " WHERE t.decision_id = d.decision_id AND t.decided_at = d.decided_at) AS truths"
                     + " FROM decision d LEFT JOIN decision_detail x ON x.decided_at = d.decided_at"
                     + " AND x.decision_id = d.decision_id ORDER BY d.decided_at")) {
            assertTrue(result.next());
            assertEquals(ids.get(0), types.id(result, "decision_id"));
            assertEquals("Wait \"now\".", result.getString("headline"));
            assertEquals("{\"id\":\"OPP-1\"}", result.getString("deal_json"));
            assertShadowKept(SHADOW, result);
            assertEquals(1, result.getInt("truths"));
            for (String detail : List.of("expired", "erased")) {
                assertTrue(result.next());
                assertEquals(detail, result.getString("detail"));
                assertNull(result.getString("deal_json"), "no details");
                assertNull(result.getString("headline"));
                assertEquals(1, result.getInt("truths"));
            }
            assertFalse(result.next());
        }
    }

    /** The row's shadow (summary and details) is {@code shadow} cut as the service cuts it, and reads back whole. */
    static void assertShadowKept(String shadow, ResultSet row) throws SQLException {
        StoredDocuments.Shadow kept = new StoredDocuments.Shadow(row.getString("shadow_json"),
                row.getString("shadow_reasons"));
        assertEquals(StoredDocuments.split(shadow), kept, "cut as the service cuts it");
        assertEquals(shadow, StoredDocuments.join(kept.summary(), kept.reasons()), "read back byte for byte");
    }
}
