package io.dealadvisor.records;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealadvisor.security.ApiKeyAuthenticationMechanism;
import io.dealadvisor.testing.PackagedService;
import io.dealadvisor.testing.Poll;
import io.dealadvisor.testing.QualificationLoad;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
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
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.dealadvisor.records.Records.DECISIONS;
import static io.dealadvisor.records.Records.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two runs of the packaged service, one after the other, on one embedded database file.
 *
 * <p>The first starts where an earlier version left an H2 file: it imports every record of it, with its outcome,
 * shadow and voting truths, and renames the file. It answers a keyed qualification and real qualifications from
 * client threads, then many more while the test holds SQLite's write lock, so that they are still buffered when it
 * gets SIGTERM.
 *
 * <p>The second starts with {@code durability=sync} and a buffer of one record, and with the H2 file put back as an
 * import cut short would leave it: it imports that file again without doubling a record, finds everything the first
 * run answered, replays the keyed qualification, and refuses a batch whose records its buffer cannot all take.
 *
 * <p>Runs against {@code target/quarkus-app/quarkus-run.jar}: after {@code package}, by Failsafe.
 */
@Tag(SigtermIT.PACKAGED)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoreFileRestartIT {

    private static final Path FOLDER = Path.of("target/store-file-restart-it");
    private static final Path DATABASE = FOLDER.resolve("decisions").toAbsolutePath();
    private static final Duration STARTUP = Duration.ofSeconds(120);
    /** Every 4th request a batch of 10 deals. */
    private static final QualificationLoad.Shape QUALIFICATIONS =
            new QualificationLoad.Shape(4, 4, 10, 400, Duration.ofSeconds(30));
    /** Deals answered while the writer cannot write, in batches of the most a batch may hold. */
    private static final int HELD_BACK = 3_000;
    private static final int BATCH = 1_000;
    private static final Pattern BUFFERED_AT_STOP =
            Pattern.compile("Writing (\\d+) buffered decision record\\(s\\) before stopping");

    /** The earlier version's records: a second of their own, so the evidence over it counts only them. */
    private static final String H2_DEAL = Records.dealId("h2-import");
    private static final Instant H2_AT = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
    private static final UUID WAIT = DecisionIds.next();
    private static final UUID REFER = DecisionIds.next();
    private static final UUID NO_SALE = DecisionIds.next();
    /** Decided longer ago than the retention (3 years): imported, then deleted by the run at start. */
    private static final UUID PAST_RETENTION = DecisionIds.next();
    private static final String ADVICE = "{\"dealId\":\"" + H2_DEAL + "\",\"advice\":\"WAIT\",\"headline\":\"Wait.\","
            + "\"revisitOn\":\"2026-12-15\",\"referTo\":null,\"reasons\":[],\"actions\":[],\"warnings\":[],"
            + "\"ruleset\":{\"version\":\"0123456789ab\",\"loadedAt\":\"2026-11-23T10:00:00Z\"}}";
    private static final String SHADOW = "{\"rulesetVersion\":\"candidate001\",\"advice\":\"PROCEED\","
            + "\"differs\":true,\"reasons\":[]}";

    private static PackagedService.Running first;
    private static PackagedService.Running second;
    /** What the first run answered, for the second to look up. */
    private static Instant firstQualificationAt;
    private static List<UUID> qualified;
    private static String heldBackDeal;
    private static String idempotencyKey;
    private static String keyedBody;
    private static ExtractableResponse<Response> keyedAnswer;

    @BeforeAll
    static void startTheFirstRunOnTheEarlierH2File() throws Exception {
        PackagedService.assertBuilt();
        Records.delete(FOLDER);
        Files.createDirectories(FOLDER);
        writePreviousVersionFile();
        first = start("first.log");
    }

    @AfterAll
    static void stopWhatIsLeft() throws InterruptedException {
        for (PackagedService.Running run : new PackagedService.Running[]{first, second}) {
            if (run != null && run.process().isAlive()) {
                PackagedService.stop(run.process());
            }
        }
    }

    @Test
    @Order(1)
    void theFirstStartImportsEveryRecordOfTheH2File() throws Exception {
        assertFalse(Files.exists(Path.of(DATABASE + ".mv.db")), "the H2 file is renamed");
        assertTrue(Files.exists(Path.of(DATABASE + ".imported.mv.db")), "to " + DATABASE + ".imported.mv.db");
        assertTrue(Files.exists(Path.of(DATABASE + ".db")), "the SQLite file is there");
        // Deleted soon after the start (the retention's first run comes once the store is reachable), not an interval
        // (an hour) later. This checks the outcome only: a start that reaches its store within the interval job's
        // own first 5 s would pass without the run at start too.
        Poll.until(Duration.ofSeconds(30), "the record past the retention deleted soon after the start",
                () -> api(first).get(DECISIONS + "/" + PAST_RETENTION).statusCode(), status -> status == 404);

        JsonNode wait = whole(first, WAIT);
        assertEquals(json("""
                {"decisionId":"%s","decidedAt":"%s","dealId":"%s","asOf":"2026-11-23","caller":"crm","channel":"single",
                 "durationMicros":41,"deal":{"id":"%s","client":{"name":"Northwind"}},"advice":%s,"shadow":%s,
                 "outcome":{"result":"BOUGHT_FROM_US","adviceFollowed":true,"clientRetained":null,
                            "reportedOn":"2027-01-10","reportedBy":null},"detail":null}"""
                .formatted(WAIT, H2_AT.plusMillis(100), H2_DEAL, H2_DEAL, ADVICE, SHADOW)), wait);
        JsonNode refer = whole(first, REFER);
        assertTrue(refer.get("caller").isNull());
        assertEquals("batch", refer.get("channel").asText());
        assertEquals("North\uFFFDwind", refer.path("deal").path("client").path("name").asText(),
                "half a surrogate pair is kept as U+FFFD, not as the '?' SQLite's UTF-8 would make of it");
        assertTrue(refer.get("shadow").isNull());
        assertTrue(refer.get("outcome").isNull());

        JsonNode listed = json(api(first).get(DECISIONS + "?dealId=" + H2_DEAL).then().statusCode(200).extract()
                .asString());
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

        JsonNode evidence = json(api(first).get("/v1/evidence?from=" + H2_AT + "&to=" + H2_AT.plusSeconds(1)).then()
                .statusCode(200).extract().asString());
        assertEquals(3, evidence.get("decisions").asLong(), evidence.toString());
        assertEquals(2, evidence.get("withOutcome").asLong(), evidence.toString());
        assertEquals(List.of("BEST_SALE_NO_SALE", "CLOSE_THE_CLIENT", "NO_PUSH_BEFORE_MILESTONES"),
                evidence.get("byTruth").findValuesAsText("truth"));
    }

    /**
     * A keyed qualification, qualifications from client threads, then deals answered while the test holds SQLite's
     * write lock, so that their records are still buffered when SIGTERM comes; the lock is let go once the stop has
     * begun writing them.
     */
    @Test
    @Order(2)
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void theFirstRunIsStoppedWithRecordsStillBuffered() throws Exception {
        idempotencyKey = "restart-" + UUID.randomUUID();
        keyedBody = SystemOfRecordContract.deal(Records.dealId("restart-idem")).replace("\n", " ");
        keyedAnswer = api(first).contentType(ContentType.JSON).header(SystemOfRecordContract.KEY, idempotencyKey)
                .body(keyedBody).post(SystemOfRecordContract.QUALIFICATIONS).then().statusCode(200).extract();

        firstQualificationAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        QualificationLoad load = QualificationLoad.start(first.base(), first.key(), QUALIFICATIONS,
                Records.dealId("restart-qualified"));
        Poll.until(QUALIFICATIONS.maxTime().plusSeconds(5), "the clients done", load::finished, done -> done);
        assertEquals(0, load.failureCount(), "qualifications that failed: " + load.someFailures());
        assertEquals(QUALIFICATIONS.maxDeals(), load.answered().size(), "deals answered 200");
        qualified = load.answered();

        heldBackDeal = Records.dealId("restart");
        String deals = "[" + String.join(",", Collections.nCopies(BATCH,
                SystemOfRecordContract.deal(heldBackDeal))) + "]";
        int backlog;
        int bufferedAtStop;
        try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + DATABASE + ".db");
             Statement statement = lock.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 30000");
            statement.execute("BEGIN IMMEDIATE");
            for (int sent = 0; sent < HELD_BACK; sent += BATCH) {
                api(first).contentType(ContentType.JSON).body(deals).post(SystemOfRecordContract.BATCH).then()
                        .statusCode(200);
            }
            backlog = Records.health(first.management()).get("data").get("backlog").asInt();
            assertTrue(backlog > 0, "records are still buffered as the service stops: " + backlog);
            first.process().destroy(); // SIGTERM
            bufferedAtStop = Integer.parseInt(Poll.until(Duration.ofSeconds(30), "the stop writing the buffer",
                    () -> BUFFERED_AT_STOP.matcher(log("first.log")),
                    Matcher::find).group(1));
            statement.execute("ROLLBACK");
        }
        assertTrue(first.process().waitFor(60, TimeUnit.SECONDS), "the first run did not exit after SIGTERM");
        System.out.printf("[reliability] restart, first run: %d deals qualified by %d clients, then %d more while the"
                        + " writer could not write; backlog %d before SIGTERM, %d record(s) written by the stop%n",
                QUALIFICATIONS.maxDeals(), QUALIFICATIONS.clients(), HELD_BACK, backlog, bufferedAtStop);
    }

    @Test
    @Order(3)
    void theSecondRunFindsEveryRecordOfTheFirst() throws Exception {
        List<String> lines = api(second()).get(DECISIONS + "/export?dealId=" + heldBackDeal).then().statusCode(200)
                .extract().asString().lines().toList();
        assertEquals(HELD_BACK, lines.size());

        // One export of everything decided since the first run's qualifications began holds each of them.
        assertEquals(QUALIFICATIONS.maxDeals(), qualified.size());
        Set<String> since = api(second()).get(DECISIONS + "/export?from=" + firstQualificationAt).then()
                .statusCode(200).extract().asString().lines()
                .map(line -> json(line).get("decisionId").asText()).collect(Collectors.toSet());
        List<UUID> missing = qualified.stream().filter(id -> !since.contains(id.toString())).toList();
        assertEquals(List.of(), missing, missing.size() + " qualification(s) answered by the first run not recorded");
        System.out.printf("[reliability] restart, second run: %d of %d records and %d of %d qualifications of the"
                + " first run found%n", lines.size(), HELD_BACK, qualified.size() - missing.size(), qualified.size());
    }

    /** The key of the first run is kept with the records: its retry gets the same answer, and no new record. */
    @Test
    @Order(4)
    void theSecondRunReplaysTheFirstRunsKeyedQualification() throws Exception {
        String decisionId = keyedAnswer.header("Decision-Id");
        ExtractableResponse<Response> again = api(second()).contentType(ContentType.JSON)
                .header(SystemOfRecordContract.KEY, idempotencyKey).body(keyedBody)
                .post(SystemOfRecordContract.QUALIFICATIONS).then().statusCode(200)
                .header("Idempotent-Replayed", "true").header("Decision-Id", decisionId).extract();
        assertEquals(HexFormat.of().formatHex(keyedAnswer.asByteArray()), HexFormat.of().formatHex(again.asByteArray()),
                "the same bytes");
        URI management = second().management();
        Poll.until(Records.PATIENCE, "the decision records written", () -> Records.health(management),
                check -> check.get("data").get("backlog").asInt() == 0);
        String dealId = json(keyedBody).get("id").asText();
        List<String> listed = new ArrayList<>();
        json(api(second()).get(DECISIONS + "?dealId=" + dealId + "&limit=50").then().statusCode(200).extract()
                .asString()).get("decisions").forEach(decision -> listed.add(decision.get("decisionId").asText()));
        assertEquals(List.of(decisionId), listed);
    }

    /** An import cut short leaves the H2 file in place: the next start imports it again, skipping what is there. */
    @Test
    @Order(5)
    void theSecondStartImportsTheH2FileAgainWithoutDoubling() throws Exception {
        second();
        assertFalse(Files.exists(Path.of(DATABASE + ".mv.db")));
        try (Stream<Path> files = Files.list(FOLDER)) {
            assertEquals(1, files.filter(file -> file.getFileName().toString()
                    .matches("decisions\\.imported-\\d+\\.mv\\.db")).count(), "the second copy is renamed beside the first");
        }
        // the record past the retention, imported again, is deleted again by this start's first run
        PackagedService.Running run = second();
        Poll.until(Duration.ofSeconds(30), "the record past the retention deleted again",
                () -> api(run).get(DECISIONS + "/" + PAST_RETENTION).statusCode(), status -> status == 404);
        assertEquals(3, json(api(second()).get(DECISIONS + "?dealId=" + H2_DEAL).then().statusCode(200).extract()
                .asString()).get("decisions").size());
        assertEquals(List.of("CLOSE_THE_CLIENT", "NO_PUSH_BEFORE_MILESTONES"), truths(WAIT));
    }

    /**
     * {@code durability=sync} with a buffer of one record and the store up: the records of a batch of 200 deals
     * cannot all be taken, so the batch gets {@code 503} with {@code Retry-After} rather than advice for decisions
     * that were not recorded (and never a {@code 500}); single deals, one at a time, still fit and are answered once
     * stored.
     */
    @Test
    @Order(6)
    void aSyncBatchWhoseRecordsCannotAllBeTakenIsRefusedNotAnswered() throws Exception {
        List<String> deals = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            deals.add(SyncDurabilityTest.deal(Records.dealId("sync-full")));
        }
        ExtractableResponse<Response> answer = api(second()).contentType(ContentType.JSON)
                .body("[" + String.join(",", deals) + "]").post(SystemOfRecordContract.BATCH).then().extract();
        assertEquals(503, answer.statusCode(), answer.asString());
        assertEquals("5", answer.header("Retry-After"));
        JsonNode problem = json(answer.asString());
        assertEquals("urn:deal-advisor:problem:store-unavailable", problem.get("type").asText(), problem.toString());
        assertTrue(problem.get("detail").asText().contains("could not be recorded"), problem.toString());
        assertTrue(Records.metric(second().management(), "deal_advisor_decision_records_dropped_total") > 0);

        for (int i = 0; i < 5; i++) {
            String id = api(second()).contentType(ContentType.JSON)
                    .body(SyncDurabilityTest.deal(Records.dealId("sync-one"))).post(SystemOfRecordContract.QUALIFICATIONS)
                    .then().statusCode(200).extract().header("Decision-Id");
            api(second()).get(DECISIONS + "/" + id).then().statusCode(200);
        }
    }

    /**
     * The second run, started on the first use: on the file the first left, with the H2 file put back as an import
     * cut short would leave it, {@code durability=sync} and a buffer of one record.
     */
    private static PackagedService.Running second() throws Exception {
        if (second == null) {
            assertFalse(first.process().isAlive(), "the first run has stopped");
            Files.copy(Path.of(DATABASE + ".imported.mv.db"), Path.of(DATABASE + ".mv.db"));
            second = start("second.log", "-Ddeal-advisor.decisions.durability=sync",
                    "-Ddeal-advisor.decisions.buffer=1");
        }
        return second;
    }

    /** The jar on {@link #DATABASE}, its key allowed to qualify and to read the records. */
    private static PackagedService.Running start(String log, String... properties) throws Exception {
        List<String> all = new ArrayList<>(List.of(properties));
        all.add("-Ddeal-advisor.auth.api-keys.load.roles=qualify,auditor");
        PackagedService.Running run = PackagedService.startForLoad(DATABASE, FOLDER.resolve(log),
                all.toArray(String[]::new));
        PackagedService.awaitReady(run.process(), run.management(), FOLDER.resolve(log), STARTUP);
        return run;
    }

    private static String log(String name) {
        try {
            return Files.readString(FOLDER.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RequestSpecification api(PackagedService.Running run) {
        return RestAssured.given().baseUri("http://" + run.base().getHost()).port(run.base().getPort())
                .header(ApiKeyAuthenticationMechanism.HEADER, run.key());
    }

    private static JsonNode whole(PackagedService.Running run, UUID id) {
        return json(api(run).get(DECISIONS + "/" + id).then().statusCode(200).extract().asString());
    }

    /** The voting truths of a record, read from the SQLite file beside the running service. */
    private static List<String> truths(UUID id) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + DATABASE + ".db");
             PreparedStatement select = connection.prepareStatement(
                     "SELECT truth FROM decision_truth WHERE decision_id = ? ORDER BY truth")) {
            select.setString(1, id.toString());
            List<String> truths = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    truths.add(result.getString(1));
                }
            }
            return truths;
        }
    }

    /**
     * The previous version's schema (db/migration/standard/V1, through the H2 driver) and three of its records, one
     * with half a surrogate pair in its deal, at the store's path.
     */
    private static void writePreviousVersionFile() throws IOException, SQLException {
        String schema = Files.readString(Path.of("src/main/resources/db/migration/standard/V1__decision_records.sql"));
        try (Connection h2 = new org.h2.Driver().connect("jdbc:h2:file:" + DATABASE, new Properties())) {
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
                insert(insert, WAIT, H2_AT.plusMillis(100), "crm", "single", "WAIT", null, LocalDate.parse("2026-12-15"),
                        "Northwind", ADVICE, SHADOW, "candidate001", "PROCEED", true,
                        "BOUGHT_FROM_US", true, null, LocalDate.parse("2027-01-10"));
                insert(insert, REFER, H2_AT.plusMillis(200), null, "batch", "REFER", "Acme", null, "North\uD800wind",
                        ADVICE.replace("\"WAIT\"", "\"REFER\""), null, "candidate001", null, null,
                        null, null, null, null);
                insert(insert, NO_SALE, H2_AT.plusMillis(300), "crm", "single", "NO_SALE", null, null, "Northwind",
                        ADVICE.replace("\"WAIT\"", "\"NO_SALE\""), null, null, null, null,
                        "BOUGHT_ELSEWHERE", false, false, LocalDate.parse("2027-02-01"));
                insert(insert, PAST_RETENTION, Instant.now().minus(Duration.ofDays(3 * 366 + 10)), "crm", "single",
                        "WAIT", null, null, "Northwind", ADVICE, null, null, null, null, null, null, null, null);
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
        Object[] values = {id, decidedAt.atOffset(ZoneOffset.UTC), H2_DEAL, caller, channel, advice, referTo, revisitOn,
                "{\"id\":\"" + H2_DEAL + "\",\"client\":{\"name\":\"" + clientName + "\"}}", adviceJson, shadowJson,
                shadowVersion, shadowAdvice, differs, result, followed, retained, reportedOn};
        for (int i = 0; i < values.length; i++) {
            insert.setObject(i + 1, values[i]);
        }
        insert.executeUpdate();
    }
}
