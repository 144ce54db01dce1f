package io.dealadvisor.records;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The import of an earlier version's H2 file into SQLite ({@link EarlierH2File}), on the store classes: a service on
 * H2 records, erases and answers keyed requests; then one on SQLite, at the same path, imports the file. An erasure
 * SQLite made while the import waited (the file held open elsewhere) reaches the records the import brings; the
 * file's erasures, salt and keys come with them.
 */
class EarlierH2ImportTest {

    private static final String BODY = "{\"advice\":\"WAIT\"}";

    @TempDir
    Path folder;
    private Path path;
    private PlainStore h2;
    private PlainStore sqlite;

    @BeforeEach
    void twoStoresAtOnePath() {
        path = folder.resolve("decisions");
        h2 = new PlainStore("jdbc:h2:file:" + path, DecisionsConfig.EmbeddedEngine.h2,
                "classpath:db/migration/standard", "classpath:db/migration/h2");
        sqlite = new PlainStore("jdbc:sqlite:" + path + ".db", DecisionsConfig.EmbeddedEngine.sqlite,
                "classpath:db/migration/sqlite");
    }

    @Test
    void aRecordOfAClientErasedWhileTheImportWaitedArrivesErased() throws Exception {
        Instant at = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
        DecisionRecord erased = record("ACC-RES", at);
        DecisionRecord kept = record("ACC-KEPT", at);
        h2.writer.insert(List.of(erased, kept));
        answer(h2, "res-key", erased);

        assertEquals(0, sqlite.erasures.erase(new Erasures.Subject("ACC-RES", null), "dpo").records(),
                "nothing of the client in SQLite yet");
        importTheFile();

        StoredDecision stored = sqlite.store.find(erased.decisionId()).orElseThrow();
        assertEquals("erased", stored.detail());
        assertNull(stored.deal());
        assertNull(stored.advice());
        assertEquals(List.of("erased", "0", "0", "0"), row(erased.decisionId()),
                "marked as any erased record: no client id, no headline, no details row");
        assertEquals(1, sqlite.erasures.list(null, 10).get(0).records(), "the erasure counts it");
        assertEquals(410, assertInstanceOf(IdempotencyKeys.Replay.class,
                sqlite.keys.claim("crm", "res-key", sha(BODY))).status(), "its kept answer redacted");

        StoredDecision whole = sqlite.store.find(kept.decisionId()).orElseThrow();
        assertNull(whole.detail());
        assertEquals(kept.dealJson(), whole.deal());
    }

    /** Whether SQLite has an erasure of its own (and so its own salt) before the import, or not. */
    @ParameterizedTest(name = "SQLite erased before: {0}")
    @ValueSource(booleans = {false, true})
    void erasuresTheirSaltAndKeysSurviveTheImport(boolean erasedHereFirst) throws Exception {
        Instant before = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        DecisionRecord keyed = record("ACC-UP", before);
        h2.writer.insert(List.of(keyed, record("ACC-GONE", before)));
        answer(h2, "up-key", keyed);
        Erasures.Erasure gone = h2.erasures.erase(new Erasures.Subject("ACC-GONE", null), "dpo");
        assertEquals(1, gone.records());
        if (erasedHereFirst) {
            sqlite.erasures.erase(new Erasures.Subject("ACC-HERE", null), "dpo");
        }
        importTheFile();

        List<Erasures.Erasure> listed = sqlite.erasures.list(null, 10);
        assertEquals(erasedHereFirst ? 2 : 1, listed.size());
        assertEquals(gone, listed.stream().filter(e -> e.erasureId().equals(gone.erasureId())).findAny().orElseThrow());
        assertEquals(erasedHereFirst ? 2 : 1, count("SELECT COUNT(*) FROM erasure_salt"));

        // a record of a request that arrived before the H2 erasure (a Kafka deal waiting in its topic), written now
        DecisionRecord late = record("ACC-GONE", before);
        DecisionRecord lateHere = record("ACC-HERE", before);
        sqlite.writer.insert(List.of(late, lateHere));
        assertEquals("erased", sqlite.store.find(late.decisionId()).orElseThrow().detail());
        assertEquals(erasedHereFirst ? "erased" : null, sqlite.store.find(lateHere.decisionId()).orElseThrow().detail(),
                "SQLite's own erasure still matched with its own salt");

        IdempotencyKeys.Replay replay = assertInstanceOf(IdempotencyKeys.Replay.class,
                sqlite.keys.claim("crm", "up-key", sha(BODY)));
        assertEquals(200, replay.status());
        assertArrayEquals(BODY.getBytes(StandardCharsets.UTF_8), replay.body());
        assertEquals(List.of(keyed.decisionId().toString()), replay.decisionIds());
    }

    /** An import done again (cut short, or the file put back) brings no details to a record that lost them. */
    @Test
    void anImportDoneAgainBringsBackNoDetails() throws Exception {
        DecisionRecord record = record("ACC-AGAIN", Instant.now().minusSeconds(60));
        h2.writer.insert(List.of(record));
        importTheFile();
        assertNotNull(sqlite.store.find(record.decisionId()).orElseThrow().deal());
        new RecordDetails(sqlite.store).expire(Instant.now());
        Files.move(Path.of(path + ".imported.mv.db"), Path.of(path + ".mv.db"));
        importTheFile();

        StoredDecision stored = sqlite.store.find(record.decisionId()).orElseThrow();
        assertEquals("expired", stored.detail());
        assertNull(stored.deal());
    }

    private void importTheFile() {
        h2.writer.release(); // the H2 service has stopped
        new EarlierH2File(path, StoreTypes.SQLITE, IdempotencyKeys.window(sqlite.config))
                .importOnce(sqlite.store::connection);
        assertEquals(false, Files.exists(Path.of(path + ".mv.db")), "imported, and renamed");
    }

    /** A keyed request of caller {@code crm} answered with {@code record}. */
    private static void answer(PlainStore service, String key, DecisionRecord record) {
        IdempotencyKeys.Claimed claim = assertInstanceOf(IdempotencyKeys.Claimed.class,
                service.keys.claim("crm", key, sha(BODY)));
        service.keys.answered(claim, 200, BODY.getBytes(StandardCharsets.UTF_8),
                List.of(record.decisionId().toString()));
    }

    private static DecisionRecord record(String clientId, Instant receivedAt) {
        DecisionRecord record = Records.record(Records.dealId("h2-import"), receivedAt, "WAIT", "0123456789ab",
                "CLOSE_THE_CLIENT");
        return record.toBuilder().deal(record.dealJson(), clientId).received(receivedAt).build();
    }

    /** SQLite's detail, and whether it holds a client id, a headline and a details row (1) or not (0). */
    private List<String> row(UUID id) throws SQLException {
        try (Connection connection = sqlite.store.connection();
             PreparedStatement select = connection.prepareStatement("SELECT detail, client_id IS NOT NULL,"
                     + " headline IS NOT NULL, (SELECT COUNT(*) FROM decision_detail x WHERE x.decision_id ="
                     + " d.decision_id) FROM decision d WHERE decision_id = ?")) {
            select.setString(1, id.toString());
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return List.of(result.getString(1), result.getString(2), result.getString(3), result.getString(4));
            }
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = sqlite.store.connection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static String sha(String body) {
        return "sha-of-" + body.hashCode();
    }
}
