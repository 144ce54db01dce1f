package io.dealadvisor.api;

import io.dealadvisor.records.DecisionIds;
import io.dealadvisor.records.DecisionRecord;
import io.dealadvisor.records.DecisionRecorder;
import jakarta.inject.Inject;
import io.dealadvisor.security.Credentials;
import io.dealadvisor.testing.Poll;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static io.dealadvisor.api.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Named.named;

/**
 * Real responses of every endpoint, for every status the service can be made to give here, checked against
 * the top-level {@code openapi.yaml}. Good requests are checked against it too; deliberately bad ones are not.
 */
@QuarkusTest
class OpenApiContractTest {

    @Inject
    DecisionRecorder recorder;

    private static final String CONTRACT = Path.of("openapi.yaml").toUri().toString();
    /** Checks requests and responses, except credentials: the contract asks for them, but auth is not built yet. */
    private static final OpenApiInteractionValidator STRICT = validator(LevelResolver.create()
            .withLevel("validation.request.security", ValidationReport.Level.IGNORE));
    private static final OpenApiValidationFilter REQUESTS_AND_RESPONSES = new OpenApiValidationFilter(STRICT);
    /** For requests that are wrong on purpose: only the answer is checked. */
    private static final OpenApiInteractionValidator RESPONSES = validator(
            LevelResolver.create().withLevel("validation.request", ValidationReport.Level.IGNORE));
    private static final OpenApiValidationFilter RESPONSES_ONLY = new OpenApiValidationFilter(RESPONSES);


    static Stream<Named<DealJson>> dealsForEachAdvice() {
        return Stream.of(named("WAIT with a revisit date", DealJson.specExample()),
                named("REFER to a competitor", DealJson.poorFit()),
                named("PROCEED", DealJson.ready()),
                named("NO_SALE", DealJson.nothingNeeded()),
                named("WAIT with only the required fields", DealJson.minimal()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dealsForEachAdvice")
    void adviceConforms(DealJson deal) {
        validated(REQUESTS_AND_RESPONSES, deal.toString()).post(Api.QUALIFICATIONS).then().statusCode(200);
    }

    @Test
    void badDealProblemConforms() {
        DealJson deal = DealJson.specExample().with("offering.amount", "\"120000\"").with("client.name", "\"\"");
        validated(RESPONSES_ONLY, deal.toString()).post(Api.QUALIFICATIONS).then().statusCode(400);
    }

    @Test
    void malformedJsonProblemConforms() {
        validated(RESPONSES_ONLY, "{ \"id\": ").post(Api.QUALIFICATIONS).then().statusCode(400);
    }

    @Test
    void batchOfAdviceAndProblemsConforms() {
        String deals = DealJson.batch(List.of(DealJson.specExample(), DealJson.minimal().with("client", "[]"),
                DealJson.poorFit(), DealJson.ready(), DealJson.nothingNeeded()));
        validated(REQUESTS_AND_RESPONSES, deals).post(Api.BATCH).then().statusCode(200);
    }

    @Test
    void idempotentReplayAndReusedKeyConform() {
        String key = "contract-" + UUID.randomUUID();
        String deal = DealJson.specExample().toString();
        for (int i = 0; i < 2; i++) {
            validated(REQUESTS_AND_RESPONSES, deal).header("Idempotency-Key", key).post(Api.QUALIFICATIONS).then()
                    .statusCode(200);
        }
        String batch = DealJson.batch(List.of(DealJson.specExample(), DealJson.ready()));
        for (int i = 0; i < 2; i++) {
            validated(REQUESTS_AND_RESPONSES, batch).header("Idempotency-Key", key + "-batch").post(Api.BATCH).then()
                    .statusCode(200).header("Idempotent-Replayed", i == 0 ? null : "true");
        }
        validated(RESPONSES_ONLY, DealJson.ready().toString()).header("Idempotency-Key", key)
                .post(Api.QUALIFICATIONS).then().statusCode(422);
        validated(RESPONSES_ONLY, deal).header("Idempotency-Key", "not visible").post(Api.QUALIFICATIONS).then()
                .statusCode(400);
    }

    /** A record past the detail retention (P90D), its deal, advice and shadow reasons gone. */
    @Test
    void expiredRecordConforms() {
        UUID id = DecisionIds.next();
        String shadow = "{\"rulesetVersion\":\"c4nd1d4t3000\",\"advice\":\"PROCEED\",\"referTo\":null,"
                + "\"revisitOn\":null,\"differs\":true,\"reasons\":[]}";
        recorder.record(DecisionRecord.builder().decided(id, Instant.now().minus(Duration.ofDays(91)))
                .dealId("OPP-EXPIRED", LocalDate.parse("2026-11-23")).deal(DealJson.minimal().toString(), "ACC-1")
                .asked("crm", DecisionRecord.SINGLE, 41).answer("WAIT", null, null).adviceJson("{}")
                .ruleset("0123456789ab", List.of())
                .shadow(new DecisionRecord.Shadow("c4nd1d4t3000", "PROCEED", true, shadow)).build());
        Poll.until(Duration.ofSeconds(60), "the details expired", () -> Credentials.asDemo()
                .get("/v1/decisions/" + id).then().extract().path("detail"), "expired"::equals);
        Credentials.asDemo().filter(REQUESTS_AND_RESPONSES).get("/v1/decisions/" + id).then().statusCode(200);
        Credentials.asDemo().filter(REQUESTS_AND_RESPONSES).queryParam("dealId", "OPP-EXPIRED")
                .get("/v1/decisions/export").then().statusCode(200);
    }

    @Test
    void erasuresConform() {
        Credentials.withKey(Credentials.PRIVACY_KEY).filter(REQUESTS_AND_RESPONSES).contentType(ContentType.JSON)
                .body("{\"dealId\":\"OPP-" + UUID.randomUUID() + "\"}").post("/v1/erasures").then().statusCode(201);
        Credentials.withKey(Credentials.PRIVACY_KEY).filter(REQUESTS_AND_RESPONSES).get("/v1/erasures").then()
                .statusCode(200);
        Credentials.withKey(Credentials.PRIVACY_KEY).filter(RESPONSES_ONLY).contentType(ContentType.JSON)
                .body("{}").post("/v1/erasures").then().statusCode(400);
        Credentials.withKey(Credentials.AUDITOR_KEY).filter(RESPONSES_ONLY).get("/v1/erasures").then()
                .statusCode(403);
    }

    @Test
    void batchThatIsNotAnArrayProblemConforms() {
        validated(RESPONSES_ONLY, "{}").post(Api.BATCH).then().statusCode(400);
    }

    @Test
    void batchTooLargeProblemConforms() {
        validated(RESPONSES_ONLY, DealJson.batch(Collections.nCopies(1_001, DealJson.minimal())))
                .post(Api.BATCH).then().statusCode(413);
    }

    @Test
    void unsupportedMediaTypeProblemConforms() {
        Credentials.asDemo().filter(RESPONSES_ONLY).contentType(ContentType.TEXT).body("OPP-1")
                .post(Api.QUALIFICATIONS).then().statusCode(415);
    }

    @Test
    void truthsConform() {
        Credentials.asDemo().filter(REQUESTS_AND_RESPONSES).get(Api.TRUTHS).then().statusCode(200);
    }

    /** Without a candidate folder the shadow view says so; ShadowTest covers a running candidate. */
    @Test
    void shadowConforms() {
        Credentials.asDemo().filter(REQUESTS_AND_RESPONSES).get("/v1/shadow").then().statusCode(200);
        Credentials.withKey(Credentials.CALLER_KEY).filter(RESPONSES_ONLY).get("/v1/shadow").then().statusCode(403);
    }

    /** The figures without deals: a day's counts and the revisits, with a WAIT deal decided just now. */
    @Test
    void summaryAndRevisitsConform() {
        Credentials.asDemo().contentType("application/json").body(DealJson.specExample().toString())
                .post(Api.QUALIFICATIONS).then().statusCode(200);
        io.dealadvisor.records.Records.awaitWritten();
        Credentials.withKey(Credentials.ANALYST_KEY).filter(REQUESTS_AND_RESPONSES).get("/v1/decisions/summary")
                .then().statusCode(200);
        Credentials.withKey(Credentials.ANALYST_KEY).filter(RESPONSES_ONLY).queryParam("from", "soon")
                .get("/v1/decisions/summary").then().statusCode(400);
        Credentials.withKey(Credentials.ANALYST_KEY).filter(REQUESTS_AND_RESPONSES).queryParam("dueBy", "2099-12-31")
                .queryParam("limit", 2).get("/v1/revisits").then().statusCode(200);
        Credentials.withKey(Credentials.ANALYST_KEY).filter(RESPONSES_ONLY).queryParam("dueBy", "tomorrow")
                .get("/v1/revisits").then().statusCode(400);
        Credentials.withKey(Credentials.PRIVACY_KEY).filter(RESPONSES_ONLY).get("/v1/revisits").then().statusCode(403);
    }

    @Test
    void rulesetConforms() {
        Credentials.asDemo().filter(REQUESTS_AND_RESPONSES).get(Api.RULESET).then().statusCode(200);
    }

    @Test
    void scenariosConform() {
        Credentials.asDemo().filter(REQUESTS_AND_RESPONSES).get(Api.SCENARIOS).then().statusCode(200);
    }

    @Test
    void reloadConforms() {
        Credentials.asDemo().filter(REQUESTS_AND_RESPONSES).post(Api.RELOAD).then().statusCode(200);
    }

    /** A recorded decision holding a real deal and advice, listed, read whole and exported; and the problems. */
    @Test
    void decisionRecordsConform() {
        String deal = DealJson.specExample().toString();
        String decisionId = Credentials.asDemo().filter(REQUESTS_AND_RESPONSES).contentType("application/json")
                .body(deal).post(Api.QUALIFICATIONS).then().statusCode(200).extract().header("Decision-Id");
        String one = "/v1/decisions/" + decisionId;
        Poll.until(Duration.ofSeconds(60), "the decision recorded", () -> Credentials.asDemo().get(one).statusCode(),
                status -> status == 200);

        Credentials.asDemo().filter(REQUESTS_AND_RESPONSES).get(one).then().statusCode(200);
        Credentials.asDemo().filter(REQUESTS_AND_RESPONSES).queryParam("dealId", "OPP-2026-0042")
                .queryParam("limit", 1).get("/v1/decisions").then().statusCode(200);
        Credentials.asDemo().filter(REQUESTS_AND_RESPONSES).queryParam("advice", "WAIT")
                .queryParam("from", "2026-01-01").get("/v1/decisions/export").then().statusCode(200);
        Credentials.asDemo().filter(REQUESTS_AND_RESPONSES).get("/v1/decisions/" + DecisionIds.next())
                .then().statusCode(404);
        Credentials.asDemo().filter(RESPONSES_ONLY).get("/v1/decisions/not-an-id").then().statusCode(400);
        Credentials.asDemo().filter(RESPONSES_ONLY).queryParam("limit", 0).get("/v1/decisions").then().statusCode(400);
        Credentials.withKey(Credentials.CALLER_KEY).filter(RESPONSES_ONLY).get("/v1/decisions").then().statusCode(403);
    }

    /** An outcome reported for a real decision, replaced, refused; and the evidence over it. */
    @Test
    void outcomesAndEvidenceConform() {
        String decisionId = Credentials.asDemo().filter(REQUESTS_AND_RESPONSES).contentType("application/json")
                .body(DealJson.ready().toString()).post(Api.QUALIFICATIONS).then().statusCode(200).extract()
                .header("Decision-Id");
        String outcome = "/v1/decisions/" + decisionId + "/outcome";

        Credentials.asDemo().filter(REQUESTS_AND_RESPONSES).contentType(ContentType.JSON)
                .body("{\"result\":\"BOUGHT_FROM_US\",\"adviceFollowed\":true,\"clientRetained\":null,"
                        + "\"reportedOn\":\"2027-03-01\"}")
                .put(outcome).then().statusCode(200);
        Credentials.asDemo().filter(REQUESTS_AND_RESPONSES).contentType(ContentType.JSON)
                .body("{\"result\":\"BOUGHT_ELSEWHERE\",\"adviceFollowed\":false,\"clientRetained\":false}")
                .put(outcome).then().statusCode(200);
        Credentials.asDemo().filter(REQUESTS_AND_RESPONSES).get("/v1/decisions/" + decisionId).then().statusCode(200);
        Credentials.asDemo().filter(RESPONSES_ONLY).contentType(ContentType.JSON)
                .body("{\"result\":\"BOUGHT\",\"adviceFollowed\":\"yes\"}").put(outcome).then().statusCode(400);
        Credentials.asDemo().filter(RESPONSES_ONLY).contentType(ContentType.JSON).body("{")
                .put(outcome).then().statusCode(400);
        Credentials.asDemo().filter(RESPONSES_ONLY).contentType(ContentType.JSON)
                .body("{\"result\":\"BOUGHT_FROM_US\",\"adviceFollowed\":true}").put("/v1/decisions/42/outcome")
                .then().statusCode(400);
        Credentials.asDemo().filter(REQUESTS_AND_RESPONSES).contentType(ContentType.JSON)
                .body("{\"result\":\"BOUGHT_FROM_US\",\"adviceFollowed\":true}")
                .put("/v1/decisions/" + UUID.randomUUID() + "/outcome").then().statusCode(404);
        Credentials.asDemo().filter(RESPONSES_ONLY).contentType(ContentType.TEXT).body("BOUGHT_FROM_US")
                .put(outcome).then().statusCode(415);
        Credentials.withKey(Credentials.AUDITOR_KEY).filter(RESPONSES_ONLY).contentType(ContentType.JSON)
                .body("{\"result\":\"BOUGHT_FROM_US\",\"adviceFollowed\":true}").put(outcome).then().statusCode(403);

        Credentials.asDemo().filter(REQUESTS_AND_RESPONSES).queryParam("from", "2026-01-01")
                .get("/v1/evidence").then().statusCode(200);
        Credentials.asDemo().filter(REQUESTS_AND_RESPONSES).get("/v1/evidence").then().statusCode(200);
        Credentials.asDemo().filter(RESPONSES_ONLY).queryParam("to", "yesterday").get("/v1/evidence")
                .then().statusCode(400);
        Credentials.withKey(Credentials.CALLER_KEY).filter(RESPONSES_ONLY).get("/v1/evidence").then().statusCode(403);
    }

    /** Every operation the contract describes, as "METHOD /path" with a well-formed id in place of a path parameter. */
    static Stream<String> everyOperation() throws IOException {
        return ContractOperations.all().stream()
                .map(operation -> operation.replaceAll("\\{[^}]+}", DecisionIds.next().toString()));
    }

    /**
     * The answers any endpoint can give whatever it does: an Accept it cannot serve, a query string that cannot be
     * decoded, a body over 4 MB where it takes a body. Each must be a status the contract declares for it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("everyOperation")
    void answersEveryEndpointCanGiveAreDeclared(String operation) {
        String method = operation.substring(0, operation.indexOf(' '));
        String path = operation.substring(operation.indexOf(' ') + 1);
        Credentials.asDemo().filter(RESPONSES_ONLY).accept("text/csv").contentType(ContentType.JSON).body("{}")
                .request(method, path).then().statusCode(406);
        assertEquals(List.of(), keys(undecodableQuery(method, path)));
        if (method.equals("POST") || method.equals("PUT")) {
            Credentials.asDemo().filter(RESPONSES_ONLY).contentType(ContentType.JSON)
                    .body(" ".repeat(4 * 1024 * 1024 + 1)).request(method, path).then().statusCode(413);
        }
    }

    /** The checks above mean something only if the contract refuses what it does not describe. */
    @Test
    void contractRejectsAResponseThatDriftsFromIt() {
        String ruleset = Credentials.asDemo().get(Api.RULESET).then().statusCode(200).extract().asString();

        assertEquals(List.of(), keys(validateRuleset(ruleset)));
        assertEquals(List.of("validation.response.body.schema.additionalProperties"),
                keys(validateRuleset(ruleset.replaceFirst("\\{", "{\"owner\":\"analysts\","))));
        assertEquals(List.of("validation.response.body.schema.pattern"),
                keys(validateRuleset(ruleset.replaceFirst("\"version\":\"[0-9a-f]{12}\"", "\"version\":\"v1\""))));
    }

    /** The service treats a blank name as missing (docs/truths.md); so must the contract. */
    @Test
    void contractRejectsABlankClientNameLikeTheService() {
        String deal = DealJson.specExample().with("client.name", "\"  \"").toString();
        ValidationReport report = STRICT.validateRequest(SimpleRequest.Builder.post(Api.QUALIFICATIONS)
                .withContentType("application/json").withBody(deal).build());

        assertEquals(List.of("validation.request.body.schema.pattern"), keys(report));
        assertProblem(Api.qualify(deal), 400);
    }

    /**
     * Sends {@code path?x=%zz} (which RestAssured and java.net.URI refuse to send, but HttpURLConnection sends as it
     * is) and checks that the answer is 400 and a response the contract declares for the operation.
     */
    private static ValidationReport undecodableQuery(String method, String path) {
        try {
            HttpURLConnection connection = (HttpURLConnection) new URL(RestAssured.baseURI + ":" + RestAssured.port
                    + path + "?x=%zz").openConnection();
            connection.setRequestMethod(method);
            connection.setRequestProperty("X-API-Key", Credentials.DEMO_KEY);
            assertEquals(400, connection.getResponseCode());
            String body;
            try (InputStream in = connection.getErrorStream()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return RESPONSES.validateResponse(path, Request.Method.valueOf(method), SimpleResponse.Builder
                    .status(400).withContentType(connection.getContentType()).withBody(body).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ValidationReport validateRuleset(String body) {
        return STRICT.validateResponse(Api.RULESET, Request.Method.GET, SimpleResponse.Builder.ok()
                .withContentType("application/json").withBody(body).build());
    }

    private static List<String> keys(ValidationReport report) {
        return report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .map(ValidationReport.Message::getKey)
                .toList();
    }

    private static RequestSpecification validated(OpenApiValidationFilter filter, String body) {
        return Api.sending(body).filter(filter);
    }

    private static OpenApiInteractionValidator validator(LevelResolver.Builder levels) {
        return OpenApiInteractionValidator.createForSpecificationUrl(CONTRACT)
                .withLevelResolver(levels.build())
                .build();
    }
}
