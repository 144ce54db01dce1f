package io.dealadvisor.records;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealadvisor.security.Credentials;
import io.agroal.api.AgroalDataSource;
import io.dealadvisor.testing.Poll;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.dealadvisor.records.Records.DECISIONS;
import static io.dealadvisor.records.Records.allPages;
import static io.dealadvisor.records.Records.awaitWritten;
import static io.dealadvisor.records.Records.ids;
import static io.dealadvisor.records.Records.json;
import static io.dealadvisor.records.Records.record;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the decision records promise on either store: recorded through the recorder, read back through the API.
 * Each subclass runs it against one store.
 */
abstract class DecisionRecordsContract {

    @Inject
    DecisionRecorder recorder;

    @Inject
    DecisionStore decisionStore;

    @Inject
    RecordDetails details;

    /** A day well inside the retention, at 08:00 UTC, so that hours later is the same day. */
    private final Instant morning = LocalDate.now(ZoneOffset.UTC).minusDays(10).atTime(8, 0).toInstant(ZoneOffset.UTC);

    abstract String store();

    /** The datasource records go to: the embedded SQLite file's unless a subclass says otherwise. */
    String dataSource() {
        return StoreSelection.EMBEDDED;
    }

    @Inject
    @Any
    Instance<AgroalDataSource> dataSources;

    /**
     * The writer keeps a connection of its own: with queries holding every connection the pool still gives out (one
     * more is refused after the pool's wait), records are still written, none dropped; and the one connection the
     * queries could not have is the writer's.
     */
    @Test
    void recordsAreWrittenWhileQueriesHoldEveryOtherConnection() throws SQLException {
        AgroalDataSource pool = dataSources.select(new DataSource.DataSourceLiteral(dataSource())).get();
        int size = pool.getConfiguration().connectionPoolConfiguration().maxSize();
        double droppedBefore = Records.health().get("data").get("dropped").asDouble();
        String deal = Records.dealId("reserved");
        List<DecisionRecord> records = new ArrayList<>();
        List<Connection> held = new ArrayList<>();
        try {
            while (true) {
                try {
                    held.add(pool.getConnection());
                } catch (SQLException refused) {
                    break;
                }
            }
            for (int i = 0; i < 3; i++) {
                records.add(record(deal, morning.plusMillis(i), "WAIT", Records.rulesetVersion()));
            }
            records.forEach(recorder::record);
            Poll.until(Duration.ofSeconds(20), "the records written while the pool is taken",
                    () -> Records.health().get("data"), data -> data.get("backlog").asInt() == 0);
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        assertEquals(size - 1, held.size(), "the connections queries could take");
        assertEquals(droppedBefore, Records.health().get("data").get("dropped").asDouble());
        List<UUID> newestFirst = new ArrayList<>(ids(records));
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, allPages("dealId=" + deal, 10));
    }

    /**
     * A transaction that reads before it writes (an erasure's chunk) and meets another connection's write transaction
     * waits for it, then writes. Begun DEFERRED, SQLite failed it at once with SQLITE_BUSY (a 503) instead: the other
     * transaction is held open for half a second, long enough for the erasure to reach its first write and well
     * inside H2's lock timeout (2 s).
     */
    @Test
    void aWriteThatReadsFirstWaitsForAnotherWriteTransaction() throws Exception {
        String deal = Records.dealId("erase-waits");
        recorder.record(record(deal, morning, "WAIT", Records.rulesetVersion()));
        awaitWritten();
        ExecutorService erasing = Executors.newSingleThreadExecutor();
        try (Connection other = writing(deal)) {
            Future<Integer> erased = erasing.submit(() -> details.erase(
                    "deal_id = ? AND (detail IS NULL OR detail <> 'erased')", List.of(deal)));
            try {
                assertThrows(TimeoutException.class, () -> erased.get(500, TimeUnit.MILLISECONDS),
                        "the erasure waits for the other transaction");
            } finally {
                other.commit();
            }
            assertEquals(1, erased.get(30, TimeUnit.SECONDS));
        } finally {
            erasing.shutdownNow();
        }
    }

    /**
     * The evidence reads its two queries in one transaction that takes no lock, so it answers at once while another
     * connection's write transaction is open (begun IMMEDIATE on SQLite, it would wait for that one, then fail).
     */
    @Test
    void theEvidenceReadsWhileAnotherTransactionWrites() throws SQLException {
        String deal = Records.dealId("evidence-reads");
        recorder.record(record(deal, morning, "WAIT", Records.rulesetVersion()));
        awaitWritten();
        try (Connection other = writing(deal)) {
            try {
                Credentials.withKey(Credentials.ANALYST_KEY).get("/v1/evidence?from=" + morning + "&to="
                        + morning.plusMillis(1)).then().statusCode(200);
            } finally {
                other.commit();
            }
        }
    }

    /**
     * A connection of the store's pool in a write transaction that has written {@code deal}'s records: on SQLite it
     * holds the file's write lock, elsewhere those rows' locks, until it commits.
     */
    private Connection writing(String deal) throws SQLException {
        Connection connection = dataSources.select(new DataSource.DataSourceLiteral(dataSource())).get()
                .getConnection();
        try (PreparedStatement write = connection.prepareStatement(
                "UPDATE decision SET headline = headline WHERE deal_id = ?")) {
            connection.setAutoCommit(false);
            write.setString(1, deal);
            write.executeUpdate();
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    @Test
    void healthReportsTheStore() {
        JsonNode check = Records.health();
        assertEquals("UP", check.get("status").asText(), check.toString());
        assertEquals(store(), check.get("data").get("store").asText());
        assertEquals(0, check.get("data").get("dropped").asLong());
    }

    @Test
    void listsNewestFirstAcrossPages() {
        String deal = Records.dealId("pages");
        String version = Records.rulesetVersion();
        List<DecisionRecord> records = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            records.add(record(deal, morning.plusSeconds(60L * i), "WAIT", version));
        }
        // Two decided in the same millisecond are ordered by id.
        records.add(record(deal, morning.plusSeconds(120), "PROCEED", version));
        records.forEach(recorder::record);
        awaitWritten();

        List<UUID> newestFirst = records.stream()
                .sorted(Comparator.comparing(DecisionRecord::decidedAt).thenComparing(DecisionRecord::decisionId)
                        .reversed())
                .map(DecisionRecord::decisionId).toList();
        assertEquals(newestFirst, allPages("dealId=" + deal, 3));
        assertEquals(newestFirst, allPages("dealId=" + deal, 1000));

        JsonNode first = json(auditor().get(DECISIONS + "?dealId=" + deal + "&limit=3").then().statusCode(200)
                .extract().asString());
        assertEquals(3, first.get("decisions").size());
        JsonNode newest = first.get("decisions").get(0);
        DecisionRecord expected = records.get(5);
        assertEquals(List.of("decisionId", "decidedAt", "dealId", "asOf", "advice", "referTo", "revisitOn",
                "rulesetVersion", "caller", "outcome"), names(newest));
        assertEquals(expected.decisionId().toString(), newest.get("decisionId").asText());
        assertEquals(expected.decidedAt().toString(), newest.get("decidedAt").asText());
        assertEquals("2026-11-23", newest.get("asOf").asText());
        assertEquals("WAIT", newest.get("advice").asText());
        assertEquals("2026-12-15", newest.get("revisitOn").asText());
        assertTrue(newest.get("referTo").isNull());
        assertEquals(version, newest.get("rulesetVersion").asText());
        assertEquals("crm", newest.get("caller").asText());
        assertTrue(newest.get("outcome").isNull());
    }

    @Test
    void filtersByAdviceRulesetVersionAndTime() {
        String deal = Records.dealId("filters");
        String v1 = Records.rulesetVersion();
        String v2 = Records.rulesetVersion();
        DecisionRecord r1 = record(deal, morning, "WAIT", v1);
        DecisionRecord r2 = record(deal, morning.plus(Duration.ofHours(1)), "PROCEED", v1);
        DecisionRecord r3 = record(deal, morning.plus(Duration.ofHours(2)), "WAIT", v2);
        DecisionRecord r4 = record(deal, morning.plus(Duration.ofDays(1)), "REFER", v2);
        List.of(r1, r2, r3, r4).forEach(recorder::record);
        recorder.record(record(Records.dealId("other"), morning, "WAIT", v1));
        awaitWritten();

        String day = LocalDate.ofInstant(morning, ZoneOffset.UTC).toString();
        String nextDay = LocalDate.ofInstant(morning, ZoneOffset.UTC).plusDays(1).toString();
        String only = "dealId=" + deal;
        assertEquals(ids(List.of(r4, r3, r2, r1)), allPages(only, 50));
        assertEquals(ids(List.of(r3, r1)), allPages(only + "&advice=WAIT", 50));
        assertEquals(ids(List.of(r4, r3)), allPages(only + "&rulesetVersion=" + v2, 50));
        assertEquals(ids(List.of(r1)), allPages(only + "&advice=WAIT&rulesetVersion=" + v1, 50));
        assertEquals(ids(List.of(r4, r3, r2)), allPages(only + "&from=" + r2.decidedAt(), 50), "from is inclusive");
        assertEquals(ids(List.of(r1)), allPages(only + "&to=" + r2.decidedAt(), 50), "to is exclusive");
        assertEquals(ids(List.of(r4)), allPages(only + "&from=" + nextDay, 50), "a date is its start, in UTC");
        assertEquals(ids(List.of(r3, r2, r1)), allPages(only + "&from=" + day + "&to=" + nextDay, 50));
        assertEquals(ids(List.of(r2)), allPages(only + "&from=" + morning.plusSeconds(1).atOffset(ZoneOffset.ofHours(2))
                + "&to=" + r3.decidedAt(), 50), "an instant may carry an offset");
        assertEquals(2, allPages("rulesetVersion=" + v1 + "&advice=WAIT", 50).size(), "without a deal");
    }

    @ParameterizedTest(name = "?{0} is refused, naming {1}")
    @CsvSource({"limit=0, limit", "limit=1001, limit", "limit=ten, limit", "advice=MAYBE, advice",
            "from=2026-13-01, from", "to=yesterday, to", "from=2026-11-02&to=2026-11-01, to",
            "cursor=bm90IGEgY3Vyc29y, cursor", "cursor=%%%, cursor"})
    void badParameterIsAProblemNamingIt(String query, String field) {
        assertBadParameter(auditor().get(DECISIONS + "?" + query), field);
    }

    /**
     * Only a missing or empty value is absent: any other is checked as sent (sent here without RestAssured's encoding,
     * as written), and a parameter given twice is refused rather than read as its first, on every listing.
     */
    @ParameterizedTest(name = "{0} is refused, naming {1}")
    @CsvSource({"/v1/decisions?dealId=%0A, dealId", "/v1/decisions?dealId=%09%0D, dealId",
            "/v1/decisions?rulesetVersion=%0A, rulesetVersion", "/v1/decisions?advice=%20WAIT, advice",
            "/v1/decisions?advice=WAIT&advice=REFER, advice", "/v1/decisions?advice=WAIT&advice=bogus, advice",
            "/v1/decisions?limit=5&limit=abc, limit", "/v1/decisions?limit=%D9%A5, limit",
            "/v1/decisions?limit=%EF%BC%93, limit", "/v1/decisions?limit=%2B5, limit",
            "/v1/decisions?dealId=a&dealId=a, dealId", "/v1/decisions/export?from=2026-01-01&from=2026-01-01, from",
            "/v1/decisions/summary?to=%0A, to", "/v1/evidence?to=2027-01-01&to=2027-01-02, to",
            "/v1/revisits?limit=1&limit=2, limit", "/v1/revisits?dueBy=%202026-01-01, dueBy",
            "/v1/erasures?cursor=a&cursor=b, cursor"})
    void anOddOrRepeatedParameterIsAProblemNamingIt(String request, String field) {
        assertBadParameter(Credentials.asDemo().urlEncodingEnabled(false).get(request), field);
    }

    @Test
    void anEmptyParameterIsAbsent() {
        Credentials.asDemo().urlEncodingEnabled(false).get(DECISIONS + "?dealId=&advice=&limit=&cursor=").then()
                .statusCode(200);
    }

    /** Years a store cannot keep or order (SQLite sorts its ISO text): a 400 naming the parameter, never a 500. */
    @ParameterizedTest(name = "{0}={1} is refused")
    @CsvSource({"from, +999999999-12-31T23:00:00-18:00", "to, -999999999-01-01T00:00:00+18:00",
            "from, +10000-01-01T00:00:00Z", "to, +10000-01-01",
            // a cursor of the year 1,000,000,000
            "cursor, KzEwMDAwMDAwMDAtMTItMzFUMjM6NTk6NTlaLzAxOTNiNWUyLTdjMWEtN2QzZS05YTQxLTJmNmM4ZTBiNWQxNw"})
    void aTimeBeyondTheYear9999IsAProblemNamingIt(String field, String value) {
        assertBadParameter(auditor().queryParam(field, value).get(DECISIONS), field);
        if (!field.equals("cursor")) {
            assertBadParameter(Credentials.withKey(Credentials.ANALYST_KEY).queryParam(field, value)
                    .get("/v1/evidence"), field);
        }
    }

    /** An id no deal could have (here a NUL, which PostgreSQL cannot even compare) names the parameter. */
    @Test
    void anIdParameterWithAControlCharacterIsAProblemNamingIt() {
        assertBadParameter(auditor().queryParam("dealId", "OPP\u0000").get(DECISIONS), "dealId");
        assertBadParameter(auditor().queryParam("dealId", "OPP\n1").get(DECISIONS + "/export"), "dealId");
        assertBadParameter(auditor().queryParam("rulesetVersion", "v\n1").get(DECISIONS), "rulesetVersion");
    }

    @ParameterizedTest(name = "export?{0} is refused, naming {1}")
    @CsvSource({"advice=maybe, advice", "from=11/23/2026, from", "to=2026-11-23T25:00:00Z, to"})
    void badExportParameterIsAProblemNamingIt(String query, String field) {
        assertBadParameter(auditor().get(DECISIONS + "/export?" + query), field);
    }

    @Test
    void oneRecordIsWhole() throws SQLException {
        String deal = Records.dealId("whole");
        DecisionRecord sent = record(deal, morning, "REFER", Records.rulesetVersion(), "REFER_WHEN_NO_FIT",
                "CLOSE_THE_CLIENT", "REFER_WHEN_NO_FIT");
        recorder.record(sent);
        awaitWritten();

        String body = auditor().get(DECISIONS + "/" + sent.decisionId()).then().statusCode(200)
                .contentType("application/json").extract().asString();
        JsonNode whole = json(body);
        assertEquals(List.of("decisionId", "decidedAt", "dealId", "asOf", "caller", "channel", "durationMicros",
                "deal", "advice", "shadow", "outcome", "detail"), names(whole));
        assertEquals(sent.decisionId().toString(), whole.get("decisionId").asText());
        assertEquals(sent.decidedAt().toString(), whole.get("decidedAt").asText());
        assertEquals(deal, whole.get("dealId").asText());
        assertEquals("2026-11-23", whole.get("asOf").asText());
        assertEquals("crm", whole.get("caller").asText());
        assertEquals("single", whole.get("channel").asText());
        assertEquals(41, whole.get("durationMicros").asLong());
        assertEquals(json(sent.dealJson()), whole.get("deal"));
        assertTrue(body.contains("\"advice\":" + sent.adviceJson()), "the advice exactly as answered: " + body);
        assertTrue(whole.get("shadow").isNull());
        assertTrue(whole.get("outcome").isNull());
        assertTrue(whole.get("detail").isNull(), "a whole record");
        assertEquals(List.of("CLOSE_THE_CLIENT", "REFER_WHEN_NO_FIT"), truths(sent.decisionId()));
    }

    @Test
    void unknownDecisionIsNotFound() {
        Response response = auditor().get(DECISIONS + "/" + DecisionIds.next());
        response.then().statusCode(404).contentType("application/problem+json");
        assertEquals(404, json(response.asString()).get("status").asInt());
    }

    @Test
    void malformedDecisionIdIsAProblemNamingIt() {
        assertBadParameter(auditor().get(DECISIONS + "/not-a-uuid"), "decisionId");
        assertBadParameter(auditor().get(DECISIONS + "/1-1-1-1-1"), "decisionId");
    }

    /** More records than one chunk of the export, so it is read in several queries and still comes out in order. */
    @Test
    void exportsEveryMatchingRecordOldestFirstOneALine() {
        String deal = Records.dealId("export");
        String version = Records.rulesetVersion();
        List<DecisionRecord> records = new ArrayList<>();
        for (int i = 0; i < DecisionStore.EXPORT_CHUNK * 2 + 7; i++) {
            // Several records share each millisecond, so the order within one is by id.
            records.add(record(deal, morning.plusMillis(i / 3), i % 5 == 0 ? "WAIT" : "PROCEED", version));
        }
        records.forEach(recorder::record);
        awaitWritten();

        Response response = auditor().get(DECISIONS + "/export?dealId=" + deal);
        response.then().statusCode(200).contentType("application/x-ndjson");
        String body = response.asString();
        assertTrue(body.endsWith("\n"), "each record ends its line");
        List<JsonNode> lines = body.lines().map(Records::json).toList();
        List<UUID> oldestFirst = records.stream()
                .sorted(Comparator.comparing(DecisionRecord::decidedAt).thenComparing(DecisionRecord::decisionId))
                .map(DecisionRecord::decisionId).toList();
        assertEquals(oldestFirst, lines.stream().map(line -> UUID.fromString(line.get("decisionId").asText())).toList());
        assertEquals(json(records.get(0).adviceJson()), lines.get(0).get("advice"));
        assertEquals(json(records.get(0).dealJson()), lines.get(0).get("deal"));

        List<String> waits = auditor().get(DECISIONS + "/export?dealId=" + deal + "&advice=WAIT").asString().lines()
                .toList();
        assertEquals(records.stream().filter(r -> r.advice().equals("WAIT")).count(), waits.size());
        assertEquals("", auditor().get(DECISIONS + "/export?dealId=" + deal + "&from=" + morning.plusSeconds(5))
                .then().statusCode(200).extract().asString());
    }

    /**
     * One record is kept; the other passes the retention (P3Y, in UTC's calendar) seconds after it is written, and
     * the retention, running every second in the tests, deletes it with its truths and its outcome.
     */
    @Test
    void retentionDeletesRecordsOlderThanIt() throws SQLException {
        String deal = Records.dealId("retention");
        Instant cutoff = ZonedDateTime.now(ZoneOffset.UTC).minusYears(3).toInstant();
        DecisionRecord kept = record(deal, cutoff.plus(Duration.ofDays(1)), "WAIT", Records.rulesetVersion());
        DecisionRecord expiring = record(deal, cutoff.plusSeconds(8), "NO_SALE", Records.rulesetVersion(),
                "BEST_SALE_NO_SALE");
        recorder.record(kept);
        recorder.record(expiring);
        awaitWritten();
        auditor().get(DECISIONS + "/" + expiring.decisionId()).then().statusCode(200);
        assertEquals(List.of("BEST_SALE_NO_SALE"), truths(expiring.decisionId()));

        Poll.until(Duration.ofSeconds(60), "the expired record deleted",
                () -> auditor().get(DECISIONS + "/" + expiring.decisionId()).statusCode(), status -> status == 404);
        auditor().get(DECISIONS + "/" + kept.decisionId()).then().statusCode(200);
        assertEquals(List.of(), truths(expiring.decisionId()));
    }

    /**
     * Past the detail retention (P90D) a record keeps its summary, its truths and its shadow's advice, and loses its
     * deal, advice document and shadow reasons; a record inside it keeps everything.
     */
    @Test
    void detailsExpireBeforeTheSummary() throws SQLException {
        String deal = Records.dealId("detail-expiry");
        Instant now = Instant.now();
        String shadow = "{\"rulesetVersion\":\"cand01\",\"advice\":\"PROCEED\",\"referTo\":null,\"revisitOn\":null,"
                + "\"differs\":true,\"reasons\":[{\"rule\":\"r\",\"truth\":\"CLOSE_THE_CLIENT\",\"advice\":\"PROCEED\","
                + "\"explanation\":\"Northwind said so\"}]}";
        DecisionRecord whole = record(deal, now.minus(Duration.ofDays(89)), "WAIT", Records.rulesetVersion(),
                "NO_PUSH_BEFORE_MILESTONES").withShadow(new DecisionRecord.Shadow("cand01", "PROCEED", true, shadow));
        DecisionRecord expiring = record(deal, now.minus(Duration.ofDays(90)).plusSeconds(6), "WAIT",
                Records.rulesetVersion(), "NO_PUSH_BEFORE_MILESTONES")
                .withShadow(new DecisionRecord.Shadow("cand01", "PROCEED", true, shadow));
        recorder.record(whole);
        recorder.record(expiring);
        awaitWritten();
        JsonNode before = json(auditor().get(DECISIONS + "/" + expiring.decisionId()).then().statusCode(200)
                .extract().asString());
        assertTrue(before.get("detail").isNull());
        assertEquals(json(expiring.dealJson()), before.get("deal"));

        JsonNode after = Poll.until(Duration.ofSeconds(60), "the details expired",
                () -> json(auditor().get(DECISIONS + "/" + expiring.decisionId()).then().statusCode(200).extract()
                        .asString()), record -> record.get("detail").asText().equals("expired"));
        assertTrue(after.get("deal").isNull(), after.toString());
        assertTrue(after.get("advice").isNull(), after.toString());
        assertEquals("PROCEED", after.get("shadow").get("advice").asText());
        assertTrue(after.get("shadow").get("differs").asBoolean());
        assertTrue(after.get("shadow").get("reasons").isNull(), after.toString());
        assertEquals(deal, after.get("dealId").asText());
        assertEquals("crm", after.get("caller").asText());
        assertEquals(List.of("NO_PUSH_BEFORE_MILESTONES"), truths(expiring.decisionId()));

        JsonNode summary = json(auditor().get(DECISIONS + "?dealId=" + deal).then().statusCode(200).extract()
                .asString()).get("decisions").get(1);
        assertEquals(expiring.decisionId().toString(), summary.get("decisionId").asText());
        assertEquals("WAIT", summary.get("advice").asText());
        assertEquals("2026-12-15", summary.get("revisitOn").asText());
        assertEquals(expiring.rulesetVersion(), summary.get("rulesetVersion").asText());

        List<JsonNode> lines = auditor().get(DECISIONS + "/export?dealId=" + deal).then().statusCode(200).extract()
                .asString().lines().map(Records::json).toList();
        assertEquals("expired", lines.get(0).get("detail").asText());
        assertTrue(lines.get(0).get("deal").isNull());
        JsonNode kept = lines.get(1);
        assertTrue(kept.get("detail").isNull());
        assertEquals(json(whole.dealJson()), kept.get("deal"));
        assertEquals(json(shadow), kept.get("shadow"));
    }

    @Test
    void onlyAuditorsReadRecords() {
        String one = DECISIONS + "/" + DecisionIds.next();
        for (String path : List.of(DECISIONS, DECISIONS + "/export", one)) {
            given().get(path).then().statusCode(401).contentType("application/problem+json");
            Credentials.withKey(Credentials.CALLER_KEY).get(path).then().statusCode(403)
                    .contentType("application/problem+json");
            Credentials.withKey(Credentials.ADMIN_KEY).get(path).then().statusCode(403);
        }
        auditor().get(DECISIONS).then().statusCode(200);
        auditor().get(DECISIONS + "/export").then().statusCode(200);
        auditor().get(one).then().statusCode(404);
    }

    /**
     * Decisions counted per UTC day and advice by the database: a random day of the last two years (no other test
     * decides on it), the first and the last millisecond of that day, and the first of the next.
     */
    @Test
    void theSummaryCountsDecisionsPerUtcDayAndAdvice() {
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(100 + java.util.concurrent.ThreadLocalRandom.current()
                .nextInt(600));
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        String version = Records.rulesetVersion();
        String deal = Records.dealId("summary");
        List.of(record(deal, start, "WAIT", version), record(deal, start.plusSeconds(3600), "WAIT", version),
                        record(deal, start.plusSeconds(7200), "REFER", version),
                        record(deal, start.plus(Duration.ofDays(1)).minusMillis(1), "PROCEED", version),
                        record(deal, start.plus(Duration.ofDays(1)), "NO_SALE", version))
                .forEach(recorder::record);
        awaitWritten();

        JsonNode summary = json(Credentials.withKey(Credentials.ANALYST_KEY)
                .get(DECISIONS + "/summary?from=" + day + "&to=" + day.plusDays(2)).then().statusCode(200)
                .contentType("application/json").extract().asString());
        assertEquals(json("""
                {"days": [
                  {"day": "%s", "PROCEED": 1, "WAIT": 2, "REFER": 1, "NO_SALE": 0},
                  {"day": "%s", "PROCEED": 0, "WAIT": 0, "REFER": 0, "NO_SALE": 1}
                ]}""".formatted(day, day.plusDays(1))), summary);
        assertEquals(json("{\"days\": []}"), json(Credentials.withKey(Credentials.AUDITOR_KEY)
                .get(DECISIONS + "/summary?from=" + day.minusDays(3) + "&to=" + day).then().statusCode(200)
                .extract().asString()));
        assertBadParameter(Credentials.withKey(Credentials.ANALYST_KEY).get(DECISIONS + "/summary?from=soon"),
                "from");
    }

    /**
     * The deals to call back: the latest decision of each deal, when it is WAIT with a revisitOn on or before
     * dueBy, soonest first. Dates in 1990 keep other tests' records (revisitOn 2026-12-15) out of the listing.
     */
    @Test
    void revisitsListTheDealsWhoseLatestAdviceWasToWaitUntilADayThatHasCome() {
        String version = Records.rulesetVersion();
        Instant at = morning;
        String due = Records.dealId("revisit-due");
        String soonest = Records.dealId("revisit-soonest");
        String decidedAgain = Records.dealId("revisit-again");
        String later = Records.dealId("revisit-later");
        DecisionRecord dueRecord = waiting(due, at, "1990-03-01");
        DecisionRecord soonestRecord = waiting(soonest, at, "1990-02-01");
        List.of(dueRecord, soonestRecord, waiting(decidedAgain, at, "1990-02-15"),
                        record(decidedAgain, at.plusSeconds(60), "PROCEED", version),
                        waiting(later, at, "1990-02-20"), waiting(later, at.plusSeconds(60), "1991-01-01"))
                .forEach(recorder::record);
        awaitWritten();

        List<JsonNode> listed = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json(Credentials.withKey(Credentials.ANALYST_KEY).get("/v1/revisits?dueBy=1990-12-31&limit=1"
                    + (cursor == null ? "" : "&cursor=" + cursor)).then().statusCode(200).extract().asString());
            assertTrue(page.get("revisits").size() <= 1, page.toString());
            page.get("revisits").forEach(listed::add);
            cursor = page.get("next").isNull() ? null : page.get("next").asText();
        } while (cursor != null);
        List<JsonNode> ours = listed.stream().filter(revisit -> revisit.get("dealId").asText().startsWith("OPP-revisit-"))
                .filter(revisit -> List.of(due, soonest, decidedAgain, later).contains(revisit.get("dealId").asText()))
                .toList();
        assertEquals(json("""
                [{"dealId": "%s", "decisionId": "%s", "revisitOn": "1990-02-01", "headline": "Decided.",
                  "decidedAt": "%s"},
                 {"dealId": "%s", "decisionId": "%s", "revisitOn": "1990-03-01", "headline": "Decided.",
                  "decidedAt": "%s"}]""".formatted(soonest, soonestRecord.decisionId(), at, due,
                dueRecord.decisionId(), at)), JSON_LIST.valueToTree(ours));
        for (int i = 1; i < listed.size(); i++) {
            assertTrue(listed.get(i - 1).get("revisitOn").asText().compareTo(listed.get(i).get("revisitOn").asText()) <= 0,
                    "soonest first: " + listed);
        }
        Credentials.withKey(Credentials.CALLER_KEY).get("/v1/revisits?dueBy=1990-12-31").then().statusCode(200);
        assertBadParameter(Credentials.withKey(Credentials.ANALYST_KEY).get("/v1/revisits?dueBy=tomorrow"), "dueBy");
        assertBadParameter(Credentials.withKey(Credentials.ANALYST_KEY).queryParam("dueBy", "+10000-01-01")
                .get("/v1/revisits"), "dueBy");
    }

    @Test
    void analystsReadFiguresAndNeverARecord() {
        Credentials.withKey(Credentials.ANALYST_KEY).get("/v1/evidence").then().statusCode(200);
        Credentials.withKey(Credentials.ANALYST_KEY).get(DECISIONS + "/summary").then().statusCode(200);
        Credentials.withKey(Credentials.ANALYST_KEY).get("/v1/shadow").then().statusCode(200);
        for (String path : List.of(DECISIONS, DECISIONS + "/export", DECISIONS + "/" + DecisionIds.next())) {
            Credentials.withKey(Credentials.ANALYST_KEY).get(path).then().statusCode(403);
        }
        Credentials.withKey(Credentials.CALLER_KEY).get(DECISIONS + "/summary").then().statusCode(403);
        given().get("/v1/revisits").then().statusCode(401);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON_LIST = new com.fasterxml.jackson.databind.ObjectMapper();

    private static DecisionRecord waiting(String dealId, Instant at, String revisitOn) {
        DecisionRecord wait = record(dealId, at, "WAIT", Records.rulesetVersion());
        return wait.toBuilder().answer(wait.advice(), wait.referTo(), LocalDate.parse(revisitOn)).build();
    }

    /** No text the database cannot hold gets as far as a record: refused at the door, nothing dropped later. */
    @Test
    void aNulOrAControlCharacterInAnIdIsRefusedBeforeItIsRecorded() {
        double droppedBefore = Records.health().get("data").get("dropped").asDouble();
        String deal = Records.dealId("nul");
        for (String members : List.of("\"id\":\"" + deal + "\\u0000\",\"client\":{\"name\":\"Northwind\"}",
                "\"id\":\"" + deal + "\",\"client\":{\"name\":\"North\\u0000wind\"}",
                "\"id\":\"" + deal + "\\r\\nforged\",\"client\":{\"name\":\"Northwind\"}")) {
            Credentials.asDemo().contentType("application/json").body("{" + members + ",\"offering\":{\"name\":\"Audit\"}}")
                    .post("/v1/qualifications").then().statusCode(400).contentType("application/problem+json");
        }
        Credentials.asDemo().contentType("application/json").body("{\"id\":\"" + deal + "\",\"client\":{\"name\":"
                + "\"North\\twind \\u2028 Zoë\"},\"offering\":{\"name\":\"Audit\"}}").post("/v1/qualifications")
                .then().statusCode(200);
        awaitWritten();

        assertEquals(1, allPages("dealId=" + deal, 10).size());
        assertEquals(droppedBefore, Records.health().get("data").get("dropped").asDouble());
    }

    private static io.restassured.specification.RequestSpecification auditor() {
        return Credentials.withKey(Credentials.AUDITOR_KEY);
    }

    static void assertBadParameter(Response response, String field) {
        response.then().statusCode(400).contentType("application/problem+json");
        JsonNode problem = json(response.asString());
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asText()));
        assertEquals(List.of(field), fields, problem.toString());
        assertEquals(400, problem.get("status").asInt());
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> fields = object.fieldNames(); fields.hasNext(); ) {
            names.add(fields.next());
        }
        return names;
    }

    /** The voting truths stored for a decision; no endpoint shows them yet. */
    private List<String> truths(UUID decisionId) throws SQLException {
        try (Connection connection = decisionStore.connection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT truth FROM decision_truth WHERE decision_id = ? ORDER BY truth")) {
            select.setObject(1, decisionStore.types().id(decisionId));
            List<String> truths = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    truths.add(result.getString(1));
                }
            }
            return truths;
        }
    }
}
