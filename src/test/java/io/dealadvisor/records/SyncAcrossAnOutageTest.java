package io.dealadvisor.records;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.fasterxml.jackson.databind.JsonNode;
import io.dealadvisor.security.Credentials;
import io.dealadvisor.testing.Poll;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.dealadvisor.records.Records.DECISIONS;
import static io.dealadvisor.records.Records.PATIENCE;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code durability=sync} while the embedded store cannot be reached (a file stands where its folder should be, as
 * in {@link UnreachableStoreTest}): single and batch qualifications get {@code 503} {@code store-unavailable} with
 * {@code Retry-After}, as the contract says, and nothing is decided or buffered; once the folder can be made the
 * service answers, and records, again.
 */
@QuarkusTest
@TestProfile(SyncUnreachableAtStart.class)
class SyncAcrossAnOutageTest {

    /** Only the answers are checked against the contract. */
    private static final OpenApiValidationFilter RESPONSES = new OpenApiValidationFilter(OpenApiInteractionValidator
            .createForSpecificationUrl(Path.of("openapi.yaml").toUri().toString())
            .withLevelResolver(LevelResolver.create()
                    .withLevel("validation.request", ValidationReport.Level.IGNORE).build())
            .build());

    @Test
    void qualificationsAreRefusedWhileTheStoreIsDownAndAnsweredOnceItIsBack() throws IOException {
        assertEquals("DOWN", Records.health().get("status").asText());
        String deal = SyncDurabilityTest.deal(Records.dealId("sync-down"));
        double decidedBefore = decisions();

        refused(Credentials.asDemo().contentType(ContentType.JSON).body(deal).filter(RESPONSES)
                .post("/v1/qualifications").then().extract());
        refused(Credentials.asDemo().contentType(ContentType.JSON).body("[" + deal + "," + deal + "]")
                .filter(RESPONSES).post("/v1/qualifications/batch").then().extract());
        refused(Credentials.asDemo().contentType(ContentType.JSON).body(deal).header("Idempotency-Key", "sync-down-1")
                .post("/v1/qualifications").then().extract());
        JsonNode data = Records.health().get("data");
        assertEquals(0, data.get("backlog").asInt(), "nothing buffered: " + data);
        assertEquals(0, data.get("dropped").asInt(), "nothing dropped: " + data);
        assertEquals(decidedBefore, decisions(), "nothing decided");

        Files.delete(SyncUnreachableAtStart.BLOCKER);
        Poll.until(PATIENCE, "the store back", Records::health, check -> check.get("status").asText().equals("UP"));
        String id = Credentials.asDemo().contentType(ContentType.JSON).body(deal).post("/v1/qualifications").then()
                .statusCode(200).extract().header("Decision-Id");
        Credentials.withKey(Credentials.AUDITOR_KEY).get(DECISIONS + "/" + id).then().statusCode(200);
    }

    private static void refused(ExtractableResponse<Response> answer) {
        assertEquals(503, answer.statusCode(), answer.asString());
        assertEquals("application/problem+json", answer.contentType());
        assertEquals("5", answer.header("Retry-After"));
        JsonNode problem = Records.json(answer.asString());
        assertEquals("urn:deal-advisor:problem:store-unavailable", problem.get("type").asText(), problem.toString());
        assertEquals(503, problem.get("status").asInt());
    }

    /** Deals decided since start, as the decision metrics count them. */
    private static double decisions() {
        String metrics = io.dealadvisor.testing.Management.given().get("/q/metrics").then().statusCode(200).extract()
                .asString();
        return metrics.lines().filter(line -> line.startsWith("deal_advisor_qualifications_total{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
