package io.dealadvisor.records;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealadvisor.security.Credentials;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.dealadvisor.records.Records.DECISIONS;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * {@code durability=sync} on the embedded store, with a shadow candidate (a copy of the shipped rules): every advice
 * answered is already in the store, shadow advice included, when its answer arrives. Each record is read back right
 * after the answer, without waiting or polling. It runs once {@link SyncAcrossAnOutageTest} has let the store be
 * made ({@link SyncUnreachableAtStart}).
 */
@QuarkusTest
@TestProfile(SyncUnreachableAtStart.class)
class SyncDurabilityTest {

    static String deal(String id) throws IOException {
        String deal = Files.readString(Path.of("examples/deal.json"));
        return deal.replace("\"OPP-2026-0042\"", "\"" + id + "\"");
    }

    @Test
    void everyAnsweredDealIsInTheStoreWhenTheAnswerArrives() throws IOException {
        for (int i = 0; i < 20; i++) {
            String dealId = Records.dealId("sync");
            String id = Credentials.asDemo().contentType(ContentType.JSON).body(deal(dealId))
                    .post("/v1/qualifications").then().statusCode(200).extract().header("Decision-Id");
            assertNotNull(id, "no Decision-Id");
            JsonNode record = Records.json(Credentials.withKey(Credentials.AUDITOR_KEY).get(DECISIONS + "/" + id)
                    .then().statusCode(200).extract().asString());
            assertEquals(dealId, record.get("dealId").asText(), record.toString());
            // the candidate compared the deal before the record was written, not after
            assertEquals(record.get("advice").get("advice").asText(), record.get("shadow").get("advice").asText(),
                    record.toString());
            assertFalse(record.get("shadow").get("differs").asBoolean(), record.toString());
        }
    }

    @Test
    void everyAdviceOfABatchIsInTheStoreWhenTheAnswerArrives() throws IOException {
        List<String> deals = new ArrayList<>();
        List<String> dealIds = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String dealId = Records.dealId("sync-batch");
            dealIds.add(dealId);
            deals.add(deal(dealId));
        }
        deals.add("{\"id\":\"not a deal\"}");
        JsonNode answer = Records.json(Credentials.asDemo().contentType(ContentType.JSON)
                .body("[" + String.join(",", deals) + "]").post("/v1/qualifications/batch").then().statusCode(200)
                .extract().asString());
        JsonNode results = answer.get("results");
        assertEquals(31, results.size());
        for (int i = 0; i < 30; i++) {
            String id = results.get(i).get("decisionId").asText();
            JsonNode record = Records.json(Credentials.withKey(Credentials.AUDITOR_KEY).get(DECISIONS + "/" + id)
                    .then().statusCode(200).extract().asString());
            assertEquals(dealIds.get(i), record.get("dealId").asText(), record.toString());
        }
        assertEquals(0, Records.health().get("data").get("backlog").asInt());
    }

    /**
     * With sync the record is committed, screened against an erasure that came first, before the answer is kept for
     * its Idempotency-Key: the retry gets 410 with the same decision id, never the advice.
     */
    @Test
    void aRetryOfAnAnswerForAClientErasedBeforeIsGone() throws IOException {
        String clientId = "ACC-" + UUID.randomUUID();
        Credentials.withKey(Credentials.PRIVACY_KEY).contentType(ContentType.JSON)
                .body("{\"clientId\":\"" + clientId + "\"}").post("/v1/erasures").then().statusCode(201);
        String body = deal(Records.dealId("sync-erased")).replace("\"client\": {", "\"client\": { \"id\": \""
                + clientId + "\",");
        String key = "sync-erased-" + UUID.randomUUID();
        String decisionId = Credentials.asDemo().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).post("/v1/qualifications").then().statusCode(200).extract().header("Decision-Id");

        Credentials.asDemo().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/v1/qualifications").then().statusCode(410).header("Decision-Id", decisionId)
                .header("Idempotent-Replayed", "true")
                .body("type", equalTo("urn:deal-advisor:problem:answer-erased"));
    }
}
