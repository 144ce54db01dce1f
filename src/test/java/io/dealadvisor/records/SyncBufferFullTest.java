package io.dealadvisor.records;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealadvisor.security.Credentials;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static io.dealadvisor.records.Records.DECISIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code durability=sync} with a buffer of one record and the store up: the records of a batch of 200 deals cannot
 * all be taken, so the batch gets {@code 503} with {@code Retry-After} rather than advice for decisions that were not
 * recorded (and never a {@code 500}); single deals, one at a time, still fit and are answered once stored.
 */
@QuarkusTest
@TestProfile(OwnStoreFileReopened.class)
class SyncBufferFullTest {

    @Test
    void aBatchWhoseRecordsCannotAllBeTakenIsRefusedNotAnswered() throws IOException {
        List<String> deals = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            deals.add(SyncDurabilityTest.deal(Records.dealId("sync-full")));
        }
        ExtractableResponse<Response> answer = Credentials.asDemo().contentType(ContentType.JSON)
                .body("[" + String.join(",", deals) + "]").post("/v1/qualifications/batch").then().extract();
        assertEquals(503, answer.statusCode(), answer.asString());
        assertEquals("5", answer.header("Retry-After"));
        JsonNode problem = Records.json(answer.asString());
        assertEquals("urn:deal-advisor:problem:store-unavailable", problem.get("type").asText(), problem.toString());
        assertTrue(problem.get("detail").asText().contains("could not be recorded"), problem.toString());
        assertTrue(Records.metric("deal_advisor_decision_records_dropped_total") > 0);

        for (int i = 0; i < 5; i++) {
            String id = Credentials.asDemo().contentType(ContentType.JSON)
                    .body(SyncDurabilityTest.deal(Records.dealId("sync-one"))).post("/v1/qualifications").then()
                    .statusCode(200).extract().header("Decision-Id");
            Credentials.withKey(Credentials.AUDITOR_KEY).get(DECISIONS + "/" + id).then().statusCode(200);
        }
    }
}
