package io.dealadvisor.records;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealadvisor.security.Credentials;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.dealadvisor.records.Records.allPages;
import static io.dealadvisor.records.Records.awaitWritten;
import static io.dealadvisor.records.Records.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The decision records as a system of record, on either store: idempotency keys, details that expire before the
 * summary, erasure. Each subclass runs it against one store, over real HTTP.
 */
abstract class SystemOfRecordContract {

    static final String QUALIFICATIONS = "/v1/qualifications";
    static final String BATCH = "/v1/qualifications/batch";
    static final String KEY = "Idempotency-Key";

    @Inject
    DecisionRecorder recorder;

    @Inject
    IdempotencyKeys keys;

    @Inject
    ErasureScreen screen;

    @Inject
    OutcomeStore outcomes;

    @Inject
    Erasures erasures;

    static String deal(String id) {
        return deal(id, "ACC-" + id);
    }

    static String deal(String id, String clientId) {
        return """
                {"id":"%s","client":{"id":"%s","name":"Northwind"},"offering":{"name":"Freight audit"},
                 "milestones":[{"name":"Security review","due":"2099-12-15","status":"PENDING"}]}"""
                .formatted(id, clientId);
    }

    abstract String store();

    @Inject
    @Any
    Instance<AgroalDataSource> dataSources;

    static final String ERASURES = "/v1/erasures";

    private static RequestSpecification privacy() {
        return Credentials.withKey(Credentials.PRIVACY_KEY).contentType(ContentType.JSON);
    }

    private static RequestSpecification auditor() {
        return Credentials.withKey(Credentials.AUDITOR_KEY);
    }

    static JsonNode decision(Object id) {
        return json(auditor().get(Records.DECISIONS + "/" + id).then().statusCode(200).extract().asString());
    }

    private static String qualified(String body) {
        return qualifying(Credentials.CALLER_KEY, null, body).post(QUALIFICATIONS).then().statusCode(200).extract()
                .header("Decision-Id");
    }

    static JsonNode erase(String field, String id) {
        Response response = privacy().body("{\"" + field + "\":\"" + id + "\"}").post(ERASURES);
        response.then().statusCode(201).contentType("application/json");
        JsonNode erasure = json(response.asString());
        assertEquals(List.of("erasureId", "at", "by", "records"), names(erasure));
        assertEquals("privacy", erasure.get("by").asText());
        return erasure;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertErased(JsonNode record) {
        assertEquals("erased", record.get("detail").asText(), record.toString());
        assertTrue(record.get("deal").isNull(), record.toString());
        assertTrue(record.get("advice").isNull(), record.toString());
    }

    @Test
    void erasureByClientRemovesTheDetailsOfEveryRecordOfTheClientAndKeepsTheSummaries() {
        String client = "ACC-" + UUID.randomUUID();
        String deal = Records.dealId("erase-client");
        String first = qualified(deal(deal, client));
        String second = qualified(deal(deal + "-2", client));
        String otherClient = qualified(deal(deal + "-3"));
        DecisionRecord direct = withClient(Records.record(deal, Instant.now().minusSeconds(60), "REFER",
                Records.rulesetVersion(), "REFER_WHEN_NO_FIT"), client);
        recorder.record(direct);
        awaitWritten();
        JsonNode listedBefore = json(auditor().get(Records.DECISIONS + "?dealId=" + deal).then().statusCode(200)
                .extract().asString());
        assertTrue(decision(first).get("deal").toString().contains(client));

        JsonNode erasure = erase("clientId", client);
        assertEquals(3, erasure.get("records").asInt(), erasure.toString());
        for (Object id : List.of(first, second, direct.decisionId())) {
            JsonNode record = decision(id);
            assertErased(record);
            assertFalse(record.toString().contains(client), record.toString());
        }
        JsonNode whole = decision(otherClient);
        assertTrue(whole.get("detail").isNull());
        assertFalse(whole.get("deal").isNull());
        assertEquals(listedBefore, json(auditor().get(Records.DECISIONS + "?dealId=" + deal).then().statusCode(200)
                .extract().asString()), "the summaries stay as they were");
        String export = auditor().get(Records.DECISIONS + "/export?dealId=" + deal).then().statusCode(200).extract()
                .asString();
        assertFalse(export.contains(client));
        assertTrue(export.contains("\"detail\":\"erased\""));
    }

    @Test
    void erasureByDealRemovesTheDetailsOfTheDealsRecords() {
        String deal = Records.dealId("erase-deal");
        String first = qualified(deal(deal));
        String again = qualified(deal(deal));
        String other = qualified(deal(deal + "-other"));
        // one whose details expired already still holds its headline (which may quote the client's milestones): it
        // is erased and counted too
        DecisionRecord expired = Records.record(deal, Instant.now().minus(java.time.Duration.ofDays(100)), "WAIT",
                Records.rulesetVersion());
        recorder.record(expired);
        awaitWritten();
        io.dealadvisor.testing.Poll.until(java.time.Duration.ofSeconds(20), "its details expired",
                () -> decision(expired.decisionId().toString()).get("detail").asText(), "expired"::equals);
        JsonNode erasure = erase("dealId", deal);
        assertEquals(3, erasure.get("records").asInt(), erasure.toString());
        assertErased(decision(first));
        assertErased(decision(again));
        assertEquals("erased", decision(expired.decisionId().toString()).get("detail").asText());
        assertTrue(decision(other).get("detail").isNull());
        assertEquals(0, erase("dealId", deal).get("records").asInt(), "nothing left to erase");
    }

    /**
     * The writer is kept busy, so the client's record is still in the buffer when the erasure comes; and a record
     * of the client made after the erasure by a request that was in flight is written without its details too.
     */
    @Test
    void anErasureCatchesBufferedRecordsAndRecordsOfRequestsInFlight() {
        String client = "ACC-" + UUID.randomUUID();
        String deal = Records.dealId("erase-race");
        Instant long_ago = ZonedDateTime.now(ZoneOffset.UTC).minusYears(3).minusDays(2).toInstant();
        String filler = Records.dealId("erase-filler");
        for (int i = 0; i < 5_000; i++) {
            recorder.record(Records.record(filler, long_ago.plusMillis(i), "WAIT", "0123456789ab"));
        }
        DecisionRecord buffered = withClient(Records.record(deal, Instant.now(), "WAIT", Records.rulesetVersion()),
                client);
        recorder.record(buffered);
        assertTrue(recorder.status().backlog() > 0, "the record waits in the buffer");

        Instant beforeTheErasure = Instant.now();
        JsonNode erasure = erase("clientId", client);
        assertEquals(1, erasure.get("records").asInt(), erasure.toString());
        assertErased(decision(buffered.decisionId()));

        // a request that arrived before the erasure, decided after it (a slow upload): however much later
        Instant decidedLong = Instant.parse(erasure.get("at").asText()).plus(java.time.Duration.ofMinutes(5));
        DecisionRecord inFlight = withClient(Records.record(deal, decidedLong, "PROCEED", Records.rulesetVersion()),
                client).toBuilder().received(beforeTheErasure).build();
        recorder.record(inFlight);
        awaitWritten();
        JsonNode late = decision(inFlight.decisionId());
        assertErased(late);
        assertEquals("PROCEED", json(auditor().get(Records.DECISIONS + "?dealId=" + deal).then().statusCode(200)
                .extract().asString()).get("decisions").get(0).get("advice").asText(), "its summary is kept");

        // A request that arrived after the erasure is a new one, the deal asked for again: kept whole (it was
        // stripped for an hour after the erasure, and its retry with the same key got 410).
        Instant later = Instant.parse(erasure.get("at").asText()).plus(ErasureScreen.CLOCKS_APART).plusSeconds(1);
        DecisionRecord asked = withClient(Records.record(deal, later, "WAIT", Records.rulesetVersion()), client);
        recorder.record(asked);
        awaitWritten();
        JsonNode whole = decision(asked.decisionId());
        assertTrue(whole.get("detail").isNull() && whole.get("deal").isObject(), whole.toString());
    }

    /**
     * The answers kept for retries hold the advice: an erasure replaces them, for a record already written and for
     * one still in the buffer, and a retry then gets 410 with the same decision id, and still no new record.
     */
    @Test
    void anErasureReplacesTheAnswersKeptForRetries() {
        String client = "ACC-" + UUID.randomUUID();
        String deal = Records.dealId("erase-answer");
        String writtenKey = "erase-written-" + UUID.randomUUID();
        Response written = qualifying(Credentials.CALLER_KEY, writtenKey, deal(deal, client)).post(QUALIFICATIONS);
        written.then().statusCode(200);
        awaitWritten();
        Instant longAgo = ZonedDateTime.now(ZoneOffset.UTC).minusYears(3).minusDays(2).toInstant();
        String filler = Records.dealId("erase-answer-filler");
        for (int i = 0; i < 5_000; i++) {
            recorder.record(Records.record(filler, longAgo.plusMillis(i), "WAIT", "0123456789ab"));
        }
        String bufferedKey = "erase-buffered-" + UUID.randomUUID();
        Response buffered = qualifying(Credentials.CALLER_KEY, bufferedKey, deal(deal + "-b", client))
                .post(QUALIFICATIONS);
        buffered.then().statusCode(200);

        assertEquals(2, erase("clientId", client).get("records").asInt());
        awaitWritten();
        for (Response first : List.of(written, buffered)) {
            String key = first == written ? writtenKey : bufferedKey;
            String body = first == written ? deal(deal, client) : deal(deal + "-b", client);
            Response again = qualifying(Credentials.CALLER_KEY, key, body).post(QUALIFICATIONS);
            again.then().statusCode(410).contentType("application/problem+json")
                    .header("Idempotent-Replayed", "true").header("Decision-Id", first.header("Decision-Id"));
            assertEquals("urn:deal-advisor:problem:answer-erased", json(again.asString()).get("type").asText());
            assertEquals(first.header("Decision-Id"), json(again.asString()).get("decisionIds").get(0).asText());
            assertFalse(again.asString().contains(deal), again.asString());
        }
        assertEquals(1, allPages("dealId=" + deal, 50).size(), "a retry after the erasure makes no record");
    }

    /** A batch's kept answer that an erasure reached gives the retry the batch's decision ids, in order. */
    @Test
    void aBatchAnswerErasedGivesItsDecisionIds() {
        String client = "ACC-" + UUID.randomUUID();
        String key = "erase-batch-" + UUID.randomUUID();
        String body = "[" + deal(Records.dealId("erase-batch"), client) + "," + deal(Records.dealId("erase-batch"),
                client) + "]";
        List<String> ids = json(qualifying(Credentials.CALLER_KEY, key, body).post(BATCH).then().statusCode(200)
                .extract().asString()).findValuesAsText("decisionId");
        awaitWritten();
        erase("clientId", client);

        String again = qualifying(Credentials.CALLER_KEY, key, body).post(BATCH).then().statusCode(410)
                .header("Idempotent-Replayed", "true").extract().asString();
        List<String> replayed = new ArrayList<>();
        json(again).get("decisionIds").forEach(id -> replayed.add(id.asText()));
        assertEquals(ids, replayed);
        assertEquals(2, ids.size());
    }

    /**
     * A batch's key kept by a version that hashed the body alone (within the window after an upgrade) still replays
     * its answer for the same request, whose hash now covers the path too; any other hash is a reused key.
     */
    /** Callers are API key ids and JWT subjects, which have no length limit: one of 300 characters is kept whole. */
    @Test
    void aCallerOfAnyLengthIsKeptWithItsKeysOutcomesAndErasures() {
        String caller = "svc-" + "x".repeat(296);
        String key = "long-caller-" + UUID.randomUUID();
        IdempotencyKeys.Claimed claim = assertInstanceOf(IdempotencyKeys.Claimed.class,
                keys.claim(caller, key, "0".repeat(64)));
        keys.answered(claim, 200, "{}".getBytes(StandardCharsets.UTF_8), List.of());
        assertInstanceOf(IdempotencyKeys.Replay.class, keys.claim(caller, key, "0".repeat(64)));

        String decisionId = qualified(deal(Records.dealId("long-caller")));
        awaitWritten();
        assertTrue(outcomes.report(UUID.fromString(decisionId),
                new RecordedOutcome("BOUGHT_FROM_US", true, true, LocalDate.of(2026, 12, 1), caller)));
        assertEquals(caller, decision(decisionId).get("outcome").get("reportedBy").asText());

        assertEquals(caller, erasures.erase(new Erasures.Subject("ACC-" + UUID.randomUUID(), null), caller).by());
    }

    @Test
    void aKeyKeptWithTheEarlierHashStillReplaysTheSameRequest() {
        String key = "earlier-hash-" + UUID.randomUUID();
        String bodyAlone = "a".repeat(64);
        IdempotencyKeys.Claimed claim = assertInstanceOf(IdempotencyKeys.Claimed.class,
                keys.claim("a-caller", key, bodyAlone));
        keys.answered(claim, 200, "{\"results\":[]}".getBytes(StandardCharsets.UTF_8), List.of());

        IdempotencyKeys.Replay replay = assertInstanceOf(IdempotencyKeys.Replay.class,
                keys.claim("a-caller", key, "b".repeat(64), bodyAlone));
        assertEquals("{\"results\":[]}", new String(replay.body(), StandardCharsets.UTF_8));
        assertInstanceOf(IdempotencyKeys.Reused.class, keys.claim("a-caller", key, "b".repeat(64), "c".repeat(64)));
    }

    /**
     * An answer kept for a key whose record is stored erased is replayed erased: a retry gets 410 with the same
     * decision ids, never the advice. The record may be stored erased first (the writer screened it against an
     * erasure that came first, as it always does with durability=sync and often for a batch's first records), or
     * after the answer, past the erasure's redaction and the answer's own check (the writer's commit between the
     * two, or two replicas): then the replay sees it.
     */
    @ParameterizedTest(name = "record written erased {0} the answer is stored")
    @ValueSource(strings = {"before", "after"})
    void anAnswerWhoseRecordIsStoredErasedIsReplayedErased(String when) {
        String key = "erased-" + when + "-" + UUID.randomUUID();
        IdempotencyKeys.Claimed claim = assertInstanceOf(IdempotencyKeys.Claimed.class,
                keys.claim("a-caller", key, "0".repeat(64)));
        DecisionRecord record = Records.record(Records.dealId("erased-" + when), Instant.now(), "WAIT",
                Records.rulesetVersion()).erased(null);
        if (when.equals("before")) {
            recorder.record(record);
            awaitWritten();
        }
        keys.answered(claim, 200, "{\"advice\":\"WAIT\"}".getBytes(StandardCharsets.UTF_8),
                List.of(record.decisionId().toString()));
        if (when.equals("after")) {
            recorder.record(record);
            awaitWritten();
        }

        IdempotencyKeys.Replay replay = assertInstanceOf(IdempotencyKeys.Replay.class,
                keys.claim("a-caller", key, "0".repeat(64)));
        assertEquals(410, replay.status());
        assertEquals(List.of(record.decisionId().toString()), replay.decisionIds());
        String problem = new String(replay.body(), StandardCharsets.UTF_8);
        assertFalse(problem.contains("WAIT"), problem);
        assertEquals(record.decisionId().toString(), json(problem).get("decisionIds").get(0).asText());
    }

    /**
     * A record that waited in a buffer for longer than the screen's hour (the store out of reach, or this replica cut
     * off from it) is screened against every erasure made since it was decided, not only those of the last hour. A
     * decision of the same deal made since, more than an hour after the erasure, is new, and kept whole, even when
     * it is written in the same batch.
     */
    @Test
    void aRecordBufferedThroughALongOutageIsScreenedAgainstTheErasuresSinceItWasDecided() throws SQLException {
        String dealId = Records.dealId("long-outage");
        try (Connection connection = dataSources.select(new DataSource.DataSourceLiteral(store())).get()
                .getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO erasure (erasure_id, erased_at,"
                     + " erased_by, subject_hash, record_count) VALUES (?, ?, 'privacy', ?, 0)")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setLong(2, Instant.now().minus(Duration.ofMinutes(90)).toEpochMilli());
            insert.setString(3, screen.hash("deal", dealId));
            insert.executeUpdate();
        }
        DecisionRecord decidedBefore = Records.record(dealId, Instant.now().minus(Duration.ofHours(2)), "WAIT",
                Records.rulesetVersion());
        DecisionRecord decidedSince = Records.record(dealId, Instant.now(), "WAIT", Records.rulesetVersion());
        recorder.record(decidedBefore);
        recorder.record(decidedSince);
        awaitWritten();

        JsonNode stored = decision(decidedBefore.decisionId());
        assertEquals("erased", stored.get("detail").asText(), stored.toString());
        assertTrue(stored.get("deal").isNull(), stored.toString());
        JsonNode kept = decision(decidedSince.decisionId());
        assertFalse(kept.get("deal").isNull(), kept.toString());
    }

    /**
     * A claim left unanswered past {@link IdempotencyKeys#ABANDONED} is taken over by a retry. The request that lost
     * it (its record committed very late, say) neither releases nor answers the retry's claim: only the retry does.
     */
    @Test
    void aClaimTakenOverIsNeitherReleasedNorAnsweredByTheRequestThatLostIt() throws SQLException {
        String key = "taken-over-" + UUID.randomUUID();
        String body = "0".repeat(64);
        assertInstanceOf(IdempotencyKeys.Claimed.class, keys.claim("a-caller", key, body));
        long longAgo = System.currentTimeMillis() - IdempotencyKeys.ABANDONED.toMillis() - 1_000;
        try (Connection connection = dataSources.select(new DataSource.DataSourceLiteral(store())).get()
                .getConnection();
             PreparedStatement age = connection.prepareStatement(
                     "UPDATE idempotency_key SET created_at = ? WHERE caller = 'a-caller' AND idem_key = ?")) {
            age.setLong(1, longAgo);
            age.setString(2, key);
            assertEquals(1, age.executeUpdate());
        }
        IdempotencyKeys.Claimed lost = new IdempotencyKeys.Claimed("a-caller", key, longAgo);
        IdempotencyKeys.Claimed taken = assertInstanceOf(IdempotencyKeys.Claimed.class,
                keys.claim("a-caller", key, body));

        keys.release(lost);
        keys.answered(lost, 200, "{\"advice\":\"PROCEED\"}".getBytes(StandardCharsets.UTF_8),
                List.of(UUID.randomUUID().toString()));
        String decisionId = UUID.randomUUID().toString();
        keys.answered(taken, 200, "{\"advice\":\"WAIT\"}".getBytes(StandardCharsets.UTF_8), List.of(decisionId));

        IdempotencyKeys.Replay replay = assertInstanceOf(IdempotencyKeys.Replay.class,
                keys.claim("a-caller", key, body));
        assertEquals("{\"advice\":\"WAIT\"}", new String(replay.body(), StandardCharsets.UTF_8));
        assertEquals(List.of(decisionId), replay.decisionIds());
    }

    @Test
    void theErasureLogNeverHoldsTheErasedId() throws SQLException {
        String client = "ACC-" + UUID.randomUUID();
        String deal = Records.dealId("erase-log");
        qualified(deal(deal, client));
        awaitWritten();
        JsonNode byClient = erase("clientId", client);
        JsonNode byDeal = erase("dealId", deal);

        String log = Credentials.withKey(Credentials.PRIVACY_KEY).get(ERASURES).then().statusCode(200)
                .contentType("application/json").extract().asString();
        JsonNode erasures = json(log).get("erasures");
        assertEquals(byDeal, erasures.get(0), "newest first");
        assertEquals(byClient, erasures.get(1));
        assertFalse(log.contains(client));
        assertFalse(log.contains(deal));

        try (Connection connection = dataSources.select(new DataSource.DataSourceLiteral(store())).get()
                .getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT * FROM erasure");
             ResultSet result = select.executeQuery()) {
            int rows = 0;
            while (result.next()) {
                rows++;
                for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
                    String value = String.valueOf(result.getObject(column));
                    assertFalse(value.contains(client) || value.contains(deal), "the erasure log holds " + value);
                }
            }
            assertTrue(rows >= 2);
        }
    }

    /**
     * The log is paged like the decision listing, newest first, each erasure on one page only, also erasures made in
     * the same millisecond (two at the very start of time here, so that they are the oldest of the log).
     */
    @Test
    void theErasureLogIsPaged() throws SQLException {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(0, erase("dealId", Records.dealId("paged-log")).get("erasureId").asText());
        }
        try (Connection connection = dataSources.select(new DataSource.DataSourceLiteral(store())).get()
                .getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO erasure (erasure_id, erased_at,"
                     + " erased_by, subject_hash, record_count) VALUES (?, 0, 'privacy', ?, 0)")) {
            for (int i = 0; i < 2; i++) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, "0".repeat(64));
                insert.executeUpdate();
            }
        }
        List<String> whole = erasureIds(json(Credentials.withKey(Credentials.PRIVACY_KEY).get(ERASURES + "?limit=1000")
                .then().statusCode(200).extract().asString()).get("erasures"));
        assertEquals(made, whole.subList(0, 3), "newest first");

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json(Credentials.withKey(Credentials.PRIVACY_KEY)
                    .get(ERASURES + "?limit=1" + (cursor == null ? "" : "&cursor=" + cursor)).then().statusCode(200)
                    .extract().asString());
            assertEquals(1, page.get("erasures").size(), page.toString());
            paged.addAll(erasureIds(page.get("erasures")));
            cursor = page.get("next").isNull() ? null : page.get("next").asText();
        } while (cursor != null && paged.size() < whole.size());
        assertEquals(whole, paged.subList(0, Math.min(paged.size(), whole.size())), "pages in order, none twice");
        assertEquals(whole.size() < 1000, cursor == null, "the last page says so");
    }

    @ParameterizedTest(name = "?{0} is refused, naming {1}")
    @CsvSource({"limit=0, limit", "limit=1001, limit",
            "cursor=bm90IGEgY3Vyc29y, cursor"})
    void aBadErasureLogParameterIsAProblemNamingIt(String query, String field) {
        DecisionRecordsContract.assertBadParameter(Credentials.withKey(Credentials.PRIVACY_KEY)
                .get(ERASURES + "?" + query), field);
    }

    private static List<String> erasureIds(JsonNode erasures) {
        List<String> ids = new ArrayList<>();
        erasures.forEach(erasure -> ids.add(erasure.get("erasureId").asText()));
        return ids;
    }

    @ParameterizedTest(name = "erasure {0} is refused")
    @ValueSource(strings = {"{}", "{\"clientId\":\"A\",\"dealId\":\"B\"}", "{\"clientId\":\"\"}",
            "{\"dealId\":42}", "[]", "{\"clientId\":", "{\"dealId\":\"Z\\ud800\"}", "{\"clientId\":\"a\\u0000\"}",
            "{\"dealId\":\"line\\nbreak\"}"})
    void aBadErasureIsAProblem(String body) {
        Response response = privacy().body(body).post(ERASURES);
        response.then().statusCode(400).contentType("application/problem+json");
        assertEquals("urn:deal-advisor:problem:invalid-erasure", json(response.asString()).get("type").asText());
    }

    @Test
    void onlyThePrivacyRoleErases() {
        String body = "{\"dealId\":\"" + Records.dealId("erase-roles") + "\"}";
        io.restassured.RestAssured.given().contentType(ContentType.JSON).body(body).post(ERASURES).then()
                .statusCode(401).contentType("application/problem+json");
        io.restassured.RestAssured.given().get(ERASURES).then().statusCode(401);
        for (String key : List.of(Credentials.CALLER_KEY, Credentials.AUDITOR_KEY, Credentials.ADMIN_KEY)) {
            Credentials.withKey(key).contentType(ContentType.JSON).body(body).post(ERASURES).then().statusCode(403)
                    .contentType("application/problem+json");
            Credentials.withKey(key).get(ERASURES).then().statusCode(403);
        }
        Credentials.withKey(Credentials.PRIVACY_KEY).get(ERASURES).then().statusCode(200);
        Credentials.withKey(Credentials.PRIVACY_KEY).get(Records.DECISIONS).then().statusCode(403);
    }

    private static DecisionRecord withClient(DecisionRecord record, String clientId) {
        return record.toBuilder().deal(record.dealJson().replace(
                "\"client\":{", "\"client\":{\"id\":\"" + clientId + "\","), clientId).build();
    }

    static RequestSpecification qualifying(String apiKey, String idempotencyKey, String body) {
        RequestSpecification request = Credentials.withKey(apiKey).contentType(ContentType.JSON).body(body);
        return idempotencyKey == null ? request : request.header(KEY, idempotencyKey);
    }

    @Test
    void aRetryWithTheSameKeyAndBodyGetsTheSameAnswerAndMakesNoRecord() {
        String deal = Records.dealId("idem");
        String key = "retry-" + UUID.randomUUID();
        Response first = qualifying(Credentials.CALLER_KEY, key, deal(deal)).post(QUALIFICATIONS);
        first.then().statusCode(200);
        assertNull(first.header("Idempotent-Replayed"));
        Response again = qualifying(Credentials.CALLER_KEY, key, deal(deal)).post(QUALIFICATIONS);
        again.then().statusCode(200).contentType("application/json").header("Idempotent-Replayed", "true");
        assertArrayEquals(first.asByteArray(), again.asByteArray());
        assertEquals(first.header("Decision-Id"), again.header("Decision-Id"));

        // Another caller's key of the same name is its own.
        Response other = qualifying(Credentials.DEMO_KEY, key, deal(deal)).post(QUALIFICATIONS);
        other.then().statusCode(200);
        assertNull(other.header("Idempotent-Replayed"));
        assertNotEquals(first.header("Decision-Id"), other.header("Decision-Id"));

        awaitWritten();
        assertEquals(Set.of(UUID.fromString(first.header("Decision-Id")), UUID.fromString(other.header("Decision-Id"))),
                new HashSet<>(allPages("dealId=" + deal, 50)), "one record per caller, none for the retry");
    }

    @Test
    void aBatchRetryGetsTheSameResultsAndIds() {
        String deal = Records.dealId("idem-batch");
        String key = "batch-" + UUID.randomUUID();
        String body = "[" + deal(deal) + "," + deal(deal + "-b") + ",{\"id\":\"broken\"}]";
        Response first = qualifying(Credentials.CALLER_KEY, key, body).post(BATCH);
        first.then().statusCode(200);
        Response again = qualifying(Credentials.CALLER_KEY, key, body).post(BATCH);
        again.then().statusCode(200).header("Idempotent-Replayed", "true");
        assertArrayEquals(first.asByteArray(), again.asByteArray());
        List<UUID> ids = new ArrayList<>();
        json(first.asString()).get("results").forEach(result -> {
            if (result.has("decisionId")) {
                ids.add(UUID.fromString(result.get("decisionId").asText()));
            }
        });
        assertEquals(2, ids.size());
        awaitWritten();
        assertEquals(List.of(ids.get(0)), allPages("dealId=" + deal, 50));
        assertEquals(List.of(ids.get(1)), allPages("dealId=" + deal + "-b", 50));
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        String deal = Records.dealId("idem-reused");
        String key = "reused-" + UUID.randomUUID();
        qualifying(Credentials.CALLER_KEY, key, deal(deal)).post(QUALIFICATIONS).then().statusCode(200);
        // The same JSON but for one space: another body.
        Response reused = qualifying(Credentials.CALLER_KEY, key, deal(deal) + " ").post(QUALIFICATIONS);
        reused.then().statusCode(422).contentType("application/problem+json");
        JsonNode problem = json(reused.asString());
        assertEquals("urn:deal-advisor:problem:idempotency-key-reused", problem.get("type").asText());
        assertEquals(422, problem.get("status").asInt());
        qualifying(Credentials.CALLER_KEY, key, "[" + deal(deal) + "]").post(BATCH).then().statusCode(422);
        awaitWritten();
        assertEquals(1, allPages("dealId=" + deal, 50).size());

        // A key first sent with a batch, then with the same bytes to the single endpoint: another request, not a
        // replay of the batch's answer (which the single endpoint never gives).
        String batchKey = "reused-batch-" + UUID.randomUUID();
        String batch = "[" + deal(deal) + "]";
        qualifying(Credentials.CALLER_KEY, batchKey, batch).post(BATCH).then().statusCode(200);
        qualifying(Credentials.CALLER_KEY, batchKey, batch).post(QUALIFICATIONS).then().statusCode(422)
                .header("Idempotent-Replayed", (String) null);
    }

    /** Clients that send the same request at the same moment: one decision, the same answer for all. */
    @Test
    void concurrentRequestsWithOneKeyMakeOneDecision() throws Exception {
        String deal = Records.dealId("idem-race");
        String key = "race-" + UUID.randomUUID();
        int clients = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Callable<Response> call = () -> {
                    start.await();
                    return qualifying(Credentials.CALLER_KEY, key, deal(deal)).post(QUALIFICATIONS);
                };
                answers.add(pool.submit(call));
            }
            start.countDown();
            Set<String> ids = new HashSet<>();
            Set<String> bodies = new HashSet<>();
            int replayed = 0;
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                assertEquals(200, response.statusCode(), response.asString());
                ids.add(response.header("Decision-Id"));
                bodies.add(response.asString());
                replayed += "true".equals(response.header("Idempotent-Replayed")) ? 1 : 0;
            }
            assertEquals(1, ids.size(), "one decision id for all: " + ids);
            assertEquals(1, bodies.size());
            assertEquals(clients - 1, replayed);
            awaitWritten();
            assertEquals(1, allPages("dealId=" + deal, 50).size());
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "Idempotency-Key \"{0}\" is refused")
    @ValueSource(strings = {"", "two words", "tab\there", "caf\u00e9"})
    void aKeyThatIsNotVisibleAsciiIsAProblemNamingTheHeader(String key) {
        assertBadKey(key);
    }

    @Test
    void aKeyLongerThan128IsAProblemNamingTheHeader() {
        assertBadKey("k".repeat(129));
        qualifying(Credentials.CALLER_KEY, UUID.randomUUID().toString().repeat(4).substring(0, 127) + "~", deal(Records.dealId("idem-long")))
                .post(QUALIFICATIONS).then().statusCode(200);
    }

    @Test
    void twoKeysOnOneRequestAreAProblemNamingTheHeader() {
        Response response = qualifying(Credentials.CALLER_KEY, null, deal(Records.dealId("idem-two")))
                .header(KEY, "first-" + UUID.randomUUID()).header(KEY, "second-" + UUID.randomUUID())
                .post(QUALIFICATIONS);
        response.then().statusCode(400).contentType("application/problem+json");
        JsonNode problem = json(response.asString());
        assertEquals(KEY, problem.get("errors").get(0).get("field").asText(), problem.toString());
        assertEquals("must be sent once, not 2 times", problem.get("errors").get(0).get("message").asText());
    }

    private static void assertBadKey(String key) {
        Response response = qualifying(Credentials.CALLER_KEY, null, deal(Records.dealId("idem-bad")))
                .header(KEY, key).post(QUALIFICATIONS);
        response.then().statusCode(400).contentType("application/problem+json");
        JsonNode problem = json(response.asString());
        assertEquals(List.of(KEY), Arrays.stream(new String[]{problem.get("errors").get(0).get("field").asText()})
                .toList(), problem.toString());
        assertEquals(1, problem.get("errors").size());
    }
}
