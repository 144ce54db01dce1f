package io.dealadvisor.records;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealadvisor.security.Credentials;
import io.dealadvisor.testing.Poll;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.dealadvisor.records.Records.DECISIONS;
import static io.dealadvisor.records.Records.awaitWritten;
import static io.dealadvisor.records.Records.json;
import static io.dealadvisor.records.Records.record;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What outcomes and evidence promise on either store: decisions recorded through the recorder with known voting
 * truths, outcomes reported over HTTP, evidence read over HTTP and compared with counts worked out by hand.
 * Each subclass runs it against one store.
 */
abstract class OutcomeEvidenceContract {

    static final String EVIDENCE = "/v1/evidence";
    private static final String DEAL = """
            {"id":"OPP-OUTCOME","asOf":"2026-11-23","client":{"name":"Northwind"},"offering":{"name":"Audit"}}""";

    @Inject
    DecisionRecorder recorder;

    /**
     * One second, somewhere 20 to 80 days ago, in which no other test (nor an earlier run on the same embedded
     * file) decides anything: the evidence over it counts only what this test seeds.
     */
    private final Instant from = Instant.now().minus(Duration.ofDays(20))
            .minusMillis(ThreadLocalRandom.current().nextLong(Duration.ofDays(60).toMillis()))
            .truncatedTo(ChronoUnit.SECONDS);
    private final Instant to = from.plusSeconds(1);

    /**
     * Ten decisions in the window and two just outside it, each with the truths that voted for its advice:
     *
     * <pre>
     *  d1  WAIT     NO_PUSH_BEFORE_MILESTONES, CLOSE_THE_CLIENT  BOUGHT_FROM_US    followed      retained
     *  d2  WAIT     NO_PUSH_BEFORE_MILESTONES                    BOUGHT_ELSEWHERE  not followed  not retained
     *  d3  WAIT     NO_PUSH_BEFORE_MILESTONES                    BOUGHT_NOTHING    not followed  not retained
     *                                              replaced by   BOUGHT_FROM_US    followed      unknown
     *  d4  PROCEED  CLOSE_THE_CLIENT                             BOUGHT_FROM_US    followed      retained
     *  d5  PROCEED  (none)                                       BOUGHT_FROM_US    followed      not retained
     *  d6  PROCEED  CLOSE_THE_CLIENT                             BOUGHT_NOTHING    followed      retained
     *  d7  NO_SALE  BEST_SALE_NO_SALE                            BOUGHT_NOTHING    followed      retained
     *  d8  NO_SALE  BEST_SALE_NO_SALE                            BOUGHT_ELSEWHERE  not followed  unknown
     *  d9  REFER    REFER_WHEN_NO_FIT                            (no outcome)
     *  d10 WAIT     WANTS_OVER_NEEDS                             (no outcome)
     *  x1  PROCEED  CLOSE_THE_CLIENT at `to` (excluded)          BOUGHT_FROM_US    followed      retained
     *  x2  WAIT     NO_PUSH_BEFORE_MILESTONES 1 ms before `from` BOUGHT_ELSEWHERE  not followed  not retained
     * </pre>
     */
    /** Wilson intervals of one outcome known, kept or not, and of two not kept. */
    private static final String W_1_OF_1 = "[0.206, 1.0]";
    private static final String W_0_OF_1 = "[0.0, 0.794]";
    private static final String W_0_OF_2 = "[0.0, 0.658]";

    @Test
    void evidenceCountsTheOutcomesByAdviceAndByVotingTruth() {
        String version = Records.rulesetVersion();
        String deal = Records.dealId("evidence");
        List<DecisionRecord> d = new ArrayList<>();
        String[][] seeds = {
                {"WAIT", "NO_PUSH_BEFORE_MILESTONES", "CLOSE_THE_CLIENT"},
                {"WAIT", "NO_PUSH_BEFORE_MILESTONES"},
                {"WAIT", "NO_PUSH_BEFORE_MILESTONES"},
                {"PROCEED", "CLOSE_THE_CLIENT"},
                {"PROCEED"},
                {"PROCEED", "CLOSE_THE_CLIENT"},
                {"NO_SALE", "BEST_SALE_NO_SALE"},
                {"NO_SALE", "BEST_SALE_NO_SALE"},
                {"REFER", "REFER_WHEN_NO_FIT"},
                {"WAIT", "WANTS_OVER_NEEDS"}};
        for (int i = 0; i < seeds.length; i++) {
            d.add(record(deal, from.plusMillis(10L * i), seeds[i][0], version,
                    List.of(seeds[i]).subList(1, seeds[i].length).toArray(String[]::new)));
        }
        DecisionRecord x1 = record(deal, to, "PROCEED", version, "CLOSE_THE_CLIENT");
        DecisionRecord x2 = record(deal, from.minusMillis(1), "WAIT", version, "NO_PUSH_BEFORE_MILESTONES");
        d.forEach(recorder::record);
        recorder.record(x1);
        recorder.record(x2);
        awaitWritten();

        report(d.get(0), "BOUGHT_FROM_US", true, true);
        report(d.get(1), "BOUGHT_ELSEWHERE", false, false);
        report(d.get(2), "BOUGHT_NOTHING", false, false);
        report(d.get(3), "BOUGHT_FROM_US", true, true);
        report(d.get(4), "BOUGHT_FROM_US", true, false);
        report(d.get(5), "BOUGHT_NOTHING", true, true);
        report(d.get(6), "BOUGHT_NOTHING", true, true);
        report(d.get(7), "BOUGHT_ELSEWHERE", false, null);
        report(x1, "BOUGHT_FROM_US", true, true);
        report(x2, "BOUGHT_ELSEWHERE", false, false);

        // Before d3's second report, WAIT has d1 followed; d2 and d3 not followed, neither client kept.
        JsonNode first = evidence("from=" + from + "&to=" + to);
        assertEquals(json("""
                {"advice":"WAIT","followed":%s,"notFollowed":%s,%s}""".formatted(
                group(1, 1, 1, "1.0", W_1_OF_1, 1, 0, 0), group(2, 0, 2, "0.0", W_0_OF_2, 0, 1, 1),
                verdict("1.0", "[-0.031, 1.0]", "TOO_FEW"))), first.get("byAdvice").get(1));

        report(d.get(2), "BOUGHT_FROM_US", true, null);

        String none = group(0, 0, 0, "null", "null", 0, 0, 0);
        // every side has fewer than ten outcomes: too few for a verdict, whatever the rates
        String unknown = verdict(null, null, "TOO_FEW");
        String oneOfOneAgainstNoneOfOne = verdict("1.0", "[-0.123, 1.0]", "TOO_FEW");
        JsonNode expected = json("""
                {
                  "decisions": 10,
                  "withOutcome": 8,
                  "byAdvice": [
                    {"advice": "NO_SALE", "followed": %s, "notFollowed": %s, %s},
                    {"advice": "WAIT", "followed": %s, "notFollowed": %s, %s},
                    {"advice": "PROCEED", "followed": %s, "notFollowed": %s, %s}
                  ],
                  "byTruth": [
                    {"truth": "BEST_SALE_NO_SALE", "followed": %s, "notFollowed": %s, %s},
                    {"truth": "CLOSE_THE_CLIENT", "followed": %s, "notFollowed": %s, %s},
                    {"truth": "NO_PUSH_BEFORE_MILESTONES", "followed": %s, "notFollowed": %s, %s}
                  ]
                }""".formatted(
                // NO_SALE: d7 | d8
                group(1, 1, 1, "1.0", W_1_OF_1, 0, 0, 1), group(1, 0, 0, "null", "null", 0, 1, 0), unknown,
                // WAIT: d1, d3 (retention unknown, so 1 of 1) | d2
                group(2, 1, 1, "1.0", W_1_OF_1, 2, 0, 0), group(1, 0, 1, "0.0", W_0_OF_1, 0, 1, 0),
                oneOfOneAgainstNoneOfOne,
                // PROCEED: d4, d5, d6 (2 of 3 kept) | none
                group(3, 2, 3, "0.6666666666666666", "[0.207, 0.939]", 2, 0, 1), none, unknown,
                // BEST_SALE_NO_SALE: d7 | d8
                group(1, 1, 1, "1.0", W_1_OF_1, 0, 0, 1), group(1, 0, 0, "null", "null", 0, 1, 0), unknown,
                // CLOSE_THE_CLIENT: d1, d4, d6 | none
                group(3, 3, 3, "1.0", "[0.438, 1.0]", 2, 0, 1), none, unknown,
                // NO_PUSH_BEFORE_MILESTONES: d1, d3 | d2
                group(2, 1, 1, "1.0", W_1_OF_1, 2, 0, 0), group(1, 0, 1, "0.0", W_0_OF_1, 0, 1, 0),
                oneOfOneAgainstNoneOfOne));
        JsonNode evidence = evidence("from=" + from + "&to=" + to);
        assertEquals(expected, evidence);
        assertEquals(List.of("decisions", "withOutcome", "byAdvice", "byTruth"), names(evidence));
        assertEquals(List.of("advice", "followed", "notFollowed", "difference", "verdict"),
                names(evidence.get("byAdvice").get(0)));
        assertEquals(List.of("outcomes", "retained", "known", "retentionRate", "retentionInterval", "results"),
                names(evidence.get("byAdvice").get(0).get("followed")));
        assertEquals(List.of("BOUGHT_FROM_US", "BOUGHT_ELSEWHERE", "BOUGHT_NOTHING"),
                names(evidence.get("byAdvice").get(0).get("followed").get("results")));

        // The same window written with an offset, and one that takes in x2 but not d10 and after.
        assertEquals(expected, evidence("from=" + from.atOffset(ZoneOffset.ofHours(2)) + "&to=" + to));
        JsonNode earlier = evidence("from=" + from.minusMillis(1) + "&to=" + from.plusMillis(1));
        assertEquals(json("""
                {"decisions": 2, "withOutcome": 2,
                 "byAdvice": [{"advice": "WAIT", "followed": %s, "notFollowed": %s, %s}],
                 "byTruth": [{"truth": "CLOSE_THE_CLIENT", "followed": %s, "notFollowed": %s, %s},
                             {"truth": "NO_PUSH_BEFORE_MILESTONES", "followed": %s, "notFollowed": %s, %s}]}"""
                .formatted(
                // x2 and d1
                group(1, 1, 1, "1.0", W_1_OF_1, 1, 0, 0), group(1, 0, 1, "0.0", W_0_OF_1, 0, 1, 0),
                oneOfOneAgainstNoneOfOne,
                group(1, 1, 1, "1.0", W_1_OF_1, 1, 0, 0), none, unknown,
                group(1, 1, 1, "1.0", W_1_OF_1, 1, 0, 0), group(1, 0, 1, "0.0", W_0_OF_1, 0, 1, 0),
                oneOfOneAgainstNoneOfOne)), earlier);
    }

    /**
     * With ten or more outcomes a side, the verdict reads the interval: 17 of 24 kept against 7 of 13 looks like
     * support, yet its interval [-0.135, 0.456] holds 0; 12 of 12 against 0 of 10 lies above 0.
     */
    @Test
    void aVerdictIsGivenOnlyWhenTheIntervalLiesWhollyAboveOrBelowZero() {
        String version = Records.rulesetVersion();
        String deal = Records.dealId("verdicts");
        List<DecisionRecord> undecided = new ArrayList<>();
        List<DecisionRecord> supported = new ArrayList<>();
        for (int i = 0; i < 37; i++) {
            undecided.add(record(deal, from.plusMillis(i), "WAIT", version, "OWN_YOUR_MISTAKES"));
        }
        for (int i = 0; i < 22; i++) {
            supported.add(record(deal, from.plusMillis(100 + i), "REFER", version, "REFER_WHEN_NO_FIT"));
        }
        undecided.forEach(recorder::record);
        supported.forEach(recorder::record);
        awaitWritten();
        for (int i = 0; i < 37; i++) {
            boolean followed = i < 24;
            report(undecided.get(i), "BOUGHT_FROM_US", followed, followed ? i < 17 : i < 24 + 7);
        }
        for (int i = 0; i < 22; i++) {
            report(supported.get(i), "BOUGHT_ELSEWHERE", i < 12, i < 12);
        }

        JsonNode evidence = evidence("from=" + from + "&to=" + to);
        JsonNode mistakes = evidence.get("byTruth").get(0);
        assertEquals("OWN_YOUR_MISTAKES", mistakes.get("truth").asText());
        assertEquals(json("[0.508, 0.851]"), mistakes.get("followed").get("retentionInterval"));
        assertEquals(json("[0.291, 0.768]"), mistakes.get("notFollowed").get("retentionInterval"));
        assertEquals(json("{\"value\": 0.17, \"interval\": [-0.135, 0.456]}"), mistakes.get("difference"));
        assertEquals("UNDECIDED", mistakes.get("verdict").asText());
        JsonNode refer = evidence.get("byTruth").get(1);
        assertEquals("REFER_WHEN_NO_FIT", refer.get("truth").asText());
        assertEquals(json("{\"value\": 1.0, \"interval\": [0.631, 1.0]}"), refer.get("difference"));
        assertEquals("SUPPORTED", refer.get("verdict").asText());
        assertEquals("SUPPORTED", evidence.get("byAdvice").get(0).get("verdict").asText());
        assertEquals("REFER", evidence.get("byAdvice").get(0).get("advice").asText());
    }

    @Test
    void evidenceOfAPeriodWithoutDecisionsIsEmpty() {
        // Retention deletes records long before they are this old.
        assertEquals(json("""
                {"decisions": 0, "withOutcome": 0, "byAdvice": [], "byTruth": []}"""),
                evidence("from=2001-01-01&to=2001-01-02"));
    }

    @ParameterizedTest(name = "evidence?{0} is refused, naming {1}")
    @CsvSource({"from=2026-13-01, from", "to=yesterday, to", "from=2026-11-02&to=2026-11-01, to",
            "from=2026-11-02&to=2026-11-02, to", "from=11/23/2026, from"})
    void badEvidenceParameterIsAProblemNamingIt(String query, String field) {
        Response response = auditor().get(EVIDENCE + "?" + query);
        assertEquals(List.of(field), fields(response, 400, "invalid-parameter"));
    }

    @Test
    void aLaterReportReplacesTheEarlierOneOnTheRecord() {
        DecisionRecord decision = written("WAIT", "NO_PUSH_BEFORE_MILESTONES");
        String one = DECISIONS + "/" + decision.decisionId();

        Response first = reporter().contentType(ContentType.JSON).body("""
                        {"result":"BOUGHT_NOTHING","adviceFollowed":false,"clientRetained":null,
                         "reportedOn":"2027-01-10","crmStage":"closed-lost"}""")
                .put(one + "/outcome");
        first.then().statusCode(200).contentType("application/json");
        JsonNode stored = json("""
                {"result":"BOUGHT_NOTHING","adviceFollowed":false,"clientRetained":null,"reportedOn":"2027-01-10",
                 "reportedBy":"caller"}""");
        assertEquals(stored, json(first.asString()), "unknown fields are ignored");
        assertEquals(List.of("result", "adviceFollowed", "clientRetained", "reportedOn", "reportedBy"),
                names(json(first.asString())));
        assertEquals(stored, json(auditor().get(one).then().statusCode(200).extract().asString()).get("outcome"));

        LocalDate before = LocalDate.now(ZoneOffset.UTC);
        // Reported again by another system, with a JWT: who reported it is replaced too.
        Response second = given().auth().oauth2(Credentials.jwt(Set.of("qualify"), Duration.ofMinutes(5)))
                .contentType(ContentType.JSON)
                .body("{\"result\":\"BOUGHT_FROM_US\",\"adviceFollowed\":true,\"clientRetained\":true}")
                .put(one + "/outcome");
        LocalDate after = LocalDate.now(ZoneOffset.UTC);
        second.then().statusCode(200);
        JsonNode replaced = json(second.asString());
        assertTrue(List.of(before.toString(), after.toString()).contains(replaced.get("reportedOn").asText()),
                "reportedOn defaults to today in UTC: " + replaced);
        assertEquals(json("""
                {"result":"BOUGHT_FROM_US","adviceFollowed":true,"clientRetained":true,"reportedOn":"%s",
                 "reportedBy":"crm-integration"}"""
                .formatted(replaced.get("reportedOn").asText())), replaced);
        assertEquals(replaced, json(auditor().get(one).then().statusCode(200).extract().asString()).get("outcome"));
        JsonNode listed = json(auditor().get(DECISIONS + "?dealId=" + decision.dealId()).then().statusCode(200)
                .extract().asString()).get("decisions").get(0);
        assertEquals(replaced, listed.get("outcome"));
    }

    /**
     * Outcomes come months after the answer: a record past the detail retention (P90D) still takes one, for as
     * long as the record is kept, and the evidence counts it from the summary, the same before and after its
     * details expire.
     */
    @Test
    void anOutcomeIsTakenAfterTheDetailsExpiredAndTheEvidenceDoesNotChange() {
        Instant decided = Instant.now().minus(Duration.ofDays(90)).plusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        DecisionRecord soon = record(Records.dealId("outcome-late"), decided.plusMillis(7), "WAIT",
                Records.rulesetVersion(), "NO_PUSH_BEFORE_MILESTONES");
        DecisionRecord old = record(Records.dealId("outcome-late"), decided.minus(Duration.ofDays(700)), "PROCEED",
                Records.rulesetVersion(), "CLOSE_THE_CLIENT");
        recorder.record(soon);
        recorder.record(old);
        awaitWritten();
        report(soon, "BOUGHT_FROM_US", true, true);
        String window = "from=" + decided + "&to=" + decided.plusSeconds(1);
        JsonNode before = evidence(window);
        assertEquals(1, before.get("withOutcome").asInt(), before.toString());

        for (DecisionRecord record : List.of(soon, old)) {
            Poll.until(Duration.ofSeconds(60), "the details expired", () -> json(auditor().get(DECISIONS + "/"
                    + record.decisionId()).then().statusCode(200).extract().asString()).get("detail").asText(),
                    detail -> detail.equals("expired"));
        }
        assertEquals(before, evidence(window), "the evidence counts summaries");
        report(soon, "BOUGHT_ELSEWHERE", false, false);
        report(old, "BOUGHT_FROM_US", true, true);
        JsonNode outcome = json(auditor().get(DECISIONS + "/" + old.decisionId()).then().statusCode(200).extract()
                .asString()).get("outcome");
        assertEquals("BOUGHT_FROM_US", outcome.get("result").asText());
        assertTrue(outcome.get("clientRetained").asBoolean());
        JsonNode after = evidence(window);
        assertEquals(1, after.get("byAdvice").get(0).get("notFollowed").get("outcomes").asInt(), after.toString());
        assertEquals("NO_PUSH_BEFORE_MILESTONES", after.get("byTruth").get(0).get("truth").asText());
        assertEquals(1, evidence("from=" + old.decidedAt() + "&to=" + old.decidedAt().plusMillis(1))
                .get("withOutcome").asInt());
    }

    /**
     * The writer is kept busy with other records (older than the retention, P3Y, so they are deleted soon after), so
     * the report comes while the decision is still in the buffer, as the listing shows. Stores and machines write
     * at different speeds: when the decision was written already, the test tries again with twice the records.
     */
    @Test
    void aReportRightAfterTheAnswerWaitsForTheDecisionToBeWritten() {
        RequestSpecification caller = Credentials.withKey(Credentials.CALLER_KEY).contentType(ContentType.JSON);
        caller.body(DEAL).post("/v1/qualifications").then().statusCode(200);
        String filler = Records.dealId("filler");
        for (int fillers = 500; fillers <= 64_000; fillers *= 2) {
            awaitWritten();
            Instant expired = ZonedDateTime.now(ZoneOffset.UTC).minusYears(3).minusDays(1).toInstant();
            for (int i = 0; i < fillers; i++) {
                recorder.record(record(filler, expired.plusMillis(i), "WAIT", "0123456789ab"));
            }
            String decisionId = Credentials.withKey(Credentials.CALLER_KEY).contentType(ContentType.JSON)
                    .body(DEAL).post("/v1/qualifications").then().statusCode(200).extract().header("Decision-Id");
            if (auditor().get(DECISIONS + "/" + decisionId).statusCode() != 404) {
                continue;
            }
            reporter().contentType(ContentType.JSON).body("{\"result\":\"BOUGHT_FROM_US\",\"adviceFollowed\":true}")
                    .put(DECISIONS + "/" + decisionId + "/outcome").then().statusCode(200);
            JsonNode outcome = json(auditor().get(DECISIONS + "/" + decisionId).then().statusCode(200).extract()
                    .asString()).get("outcome");
            assertEquals("BOUGHT_FROM_US", outcome.get("result").asText());
            assertTrue(outcome.get("clientRetained").isNull());
            return;
        }
        fail("every decision was written before it could be looked up");
    }

    @ParameterizedTest(name = "{0} is refused, naming {1}")
    @CsvSource(delimiter = '|', value = {
            "{}                                                               | adviceFollowed,result",
            "{\"adviceFollowed\":true}                                        | result",
            "{\"result\":null,\"adviceFollowed\":true}                        | result",
            "{\"result\":\"BOUGHT_FROM_US\"}                                  | adviceFollowed",
            "{\"result\":\"BOUGHT_FROM_US\",\"adviceFollowed\":null}          | adviceFollowed",
            "{\"result\":\"bought_from_us\",\"adviceFollowed\":true}          | result",
            "{\"result\":2,\"adviceFollowed\":true}                           | result",
            "{\"result\":\"BOUGHT_FROM_US\",\"adviceFollowed\":\"true\"}      | adviceFollowed",
            "{\"result\":\"BOUGHT_FROM_US\",\"adviceFollowed\":1}             | adviceFollowed",
            "{\"result\":\"BOUGHT_FROM_US\",\"adviceFollowed\":true,\"clientRetained\":\"no\"} | clientRetained",
            "{\"result\":\"BOUGHT_FROM_US\",\"adviceFollowed\":true,\"reportedOn\":\"2027-02-30\"} | reportedOn",
            "{\"result\":\"BOUGHT_FROM_US\",\"adviceFollowed\":true,\"reportedOn\":\"1/3/2027\"} | reportedOn",
            "{\"result\":\"BOUGHT_FROM_US\",\"adviceFollowed\":true,\"reportedOn\":[2027,3,1]} | reportedOn",
            "{\"result\":\"BOUGHT\",\"adviceFollowed\":\"yes\",\"clientRetained\":1,\"reportedOn\":20270301} | adviceFollowed,clientRetained,reportedOn,result",
            "[]                                                               | ''",
            "\"BOUGHT_FROM_US\"                                               | ''",
            "{\"result\":                                                     | ''",
            "{\"result\":\"BOUGHT_FROM_US\",\"adviceFollowed\":true} {}       | ''"})
    void badReportIsAProblemNamingEachField(String body, String fields) {
        DecisionRecord decision = written("PROCEED");
        String one = DECISIONS + "/" + decision.decisionId();
        Response response = reporter().contentType(ContentType.JSON).body(body.trim()).put(one + "/outcome");
        assertEquals(List.of(fields.split(",")), fields(response, 400, "invalid-outcome"));
        assertTrue(json(auditor().get(one).then().statusCode(200).extract().asString()).get("outcome").isNull(),
                "a refused report stores nothing");
    }

    @Test
    void badReportMessagesSayWhatIsExpected() {
        Response response = reporter().contentType(ContentType.JSON)
                .body("{\"result\":\"BOUGHT\",\"adviceFollowed\":\"yes\",\"reportedOn\":\"2027-02-30\"}")
                .put(DECISIONS + "/" + written("WAIT").decisionId() + "/outcome");
        JsonNode problem = json(response.then().statusCode(400).extract().asString());
        assertEquals("The outcome is not valid", problem.get("title").asText());
        assertEquals("3 fields are not valid; see errors", problem.get("detail").asText());
        assertEquals(json("""
                [{"field":"adviceFollowed","message":"must be true or false"},
                 {"field":"reportedOn","message":"must be a date written as YYYY-MM-DD, such as 2026-12-15"},
                 {"field":"result","message":"must be one of BOUGHT_FROM_US, BOUGHT_ELSEWHERE, BOUGHT_NOTHING"}]"""),
                problem.get("errors"));

        Response empty = reporter().contentType(ContentType.JSON).body("").put(DECISIONS + "/" + UUID.randomUUID()
                + "/outcome");
        assertEquals(List.of(""), fields(empty, 400, "invalid-outcome"));
    }

    @Test
    void reportForAnUnknownDecisionIsNotFound() {
        String body = "{\"result\":\"BOUGHT_FROM_US\",\"adviceFollowed\":true}";
        // A random (version 4) id cannot have been made moments ago: the answer says it is not recorded.
        UUID unknown = UUID.randomUUID();
        Response response = reporter().contentType(ContentType.JSON).body(body)
                .put(DECISIONS + "/" + unknown + "/outcome");
        response.then().statusCode(404).contentType("application/problem+json");
        JsonNode problem = json(response.asString());
        assertEquals("urn:deal-advisor:problem:not-found", problem.get("type").asText());
        assertEquals("no decision " + unknown + " is recorded", problem.get("detail").asText());

        // An id made just now might still be waiting in another replica's buffer: the answer says to try again.
        UUID fresh = DecisionIds.next();
        JsonNode notYet = json(reporter().contentType(ContentType.JSON).body(body)
                .put(DECISIONS + "/" + fresh + "/outcome").then().statusCode(404).extract().asString());
        assertTrue(notYet.get("detail").asText().contains("try again shortly"), notYet.toString());
        // One whose time is in the year 10889 was not made moments ago.
        UUID future = UUID.fromString("ffffffff-ffff-7fff-bfff-ffffffffffff");
        JsonNode never = json(reporter().contentType(ContentType.JSON).body(body)
                .put(DECISIONS + "/" + future + "/outcome").then().statusCode(404).extract().asString());
        assertEquals("no decision " + future + " is recorded", never.get("detail").asText());

        Response malformed = reporter().contentType(ContentType.JSON).body(body).put(DECISIONS + "/42/outcome");
        assertEquals(List.of("decisionId"), fields(malformed, 400, "invalid-parameter"));
    }

    @Test
    void onlyTheQualifyRoleReportsOutcomes() {
        String path = DECISIONS + "/" + written("WAIT").decisionId() + "/outcome";
        String body = "{\"result\":\"BOUGHT_FROM_US\",\"adviceFollowed\":true}";
        given().contentType(ContentType.JSON).body(body).put(path).then().statusCode(401)
                .contentType("application/problem+json");
        Credentials.withKey("not-a-key").contentType(ContentType.JSON).body(body).put(path).then().statusCode(401);
        for (String key : List.of(Credentials.AUDITOR_KEY, Credentials.ADMIN_KEY)) {
            Credentials.withKey(key).contentType(ContentType.JSON).body(body).put(path).then().statusCode(403)
                    .contentType("application/problem+json");
        }
        given().auth().oauth2(Credentials.jwt(Set.of("auditor"), Duration.ofMinutes(5)))
                .contentType(ContentType.JSON).body(body).put(path).then().statusCode(403);
        reporter().contentType(ContentType.JSON).body(body).put(path).then().statusCode(200);
        given().auth().oauth2(Credentials.jwt(Set.of("qualify"), Duration.ofMinutes(5)))
                .contentType(ContentType.JSON).body(body).put(path).then().statusCode(200);
    }

    @Test
    void onlyAuditorsReadTheEvidence() {
        given().get(EVIDENCE).then().statusCode(401).contentType("application/problem+json");
        for (String key : List.of(Credentials.CALLER_KEY, Credentials.ADMIN_KEY)) {
            Credentials.withKey(key).get(EVIDENCE).then().statusCode(403).contentType("application/problem+json");
        }
        auditor().get(EVIDENCE).then().statusCode(200).contentType("application/json");
    }

    /**
     * A GROUP of the evidence, written out: outcomes, retained, known, rate, its 95 % Wilson interval (worked out by
     * hand from the score formula, z = 1.959964, rounded outward to three decimals), then the count of each result.
     */
    private static String group(int outcomes, int retained, int known, String rate, String interval, int fromUs,
                                int elsewhere, int nothing) {
        return """
                {"outcomes":%d,"retained":%d,"known":%d,"retentionRate":%s,"retentionInterval":%s,
                 "results":{"BOUGHT_FROM_US":%d,"BOUGHT_ELSEWHERE":%d,"BOUGHT_NOTHING":%d}}"""
                .formatted(outcomes, retained, known, rate, interval, fromUs, elsewhere, nothing);
    }

    /** The difference and verdict members of an entry; a null value means no difference is known. */
    private static String verdict(String value, String interval, String verdict) {
        String difference = value == null ? "null" : "{\"value\":" + value + ",\"interval\":" + interval + "}";
        return "\"difference\":" + difference + ",\"verdict\":\"" + verdict + "\"";
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private DecisionRecord written(String advice, String... truths) {
        DecisionRecord decision = record(Records.dealId("outcome"), from, advice, Records.rulesetVersion(), truths);
        recorder.record(decision);
        awaitWritten();
        return decision;
    }

    private static void report(DecisionRecord decision, String result, boolean followed, Boolean retained) {
        reporter().contentType(ContentType.JSON)
                .body("{\"result\":\"" + result + "\",\"adviceFollowed\":" + followed + ",\"clientRetained\":"
                        + retained + ",\"reportedOn\":\"2027-03-01\"}")
                .put(DECISIONS + "/" + decision.decisionId() + "/outcome").then().statusCode(200);
    }

    private static JsonNode evidence(String query) {
        return json(auditor().get(EVIDENCE + "?" + query).then().statusCode(200).contentType("application/json")
                .extract().asString());
    }

    /** The fields a problem names, after checking its status and type. */
    private static List<String> fields(Response response, int status, String type) {
        response.then().statusCode(status).contentType("application/problem+json");
        JsonNode problem = json(response.asString());
        assertEquals("urn:deal-advisor:problem:" + type, problem.get("type").asText(), problem.toString());
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asText()));
        return fields;
    }

    private static RequestSpecification reporter() {
        return Credentials.withKey(Credentials.CALLER_KEY);
    }

    private static RequestSpecification auditor() {
        return Credentials.withKey(Credentials.AUDITOR_KEY);
    }
}
