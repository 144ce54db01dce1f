package io.dealadvisor.records;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealadvisor.security.Credentials;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code durability=sync}, where a record's commit comes after its answer gave up waiting: the writer holds the
 * batch it took (as one waiting on a lock would: {@link FlakyWriterConnection#holdNext}) past the sync timeout, then
 * writes it to the real store. It runs once {@link SyncAcrossAnOutageTest} has let the store be made
 * ({@link SyncUnreachableAtStart}).
 */
@QuarkusTest
@TestProfile(SyncUnreachableAtStart.class)
class SyncLateCommitTest {

    /**
     * The first request is answered {@code 503} (its record may yet be committed); its record commits once the writer
     * goes on, and with it the answer to its key, so the retry gets that decision again instead of a second one.
     */
    @Test
    void aRetryOfAKeyWhoseRecordCommittedAfterItsWaitEndedGetsThatDecision() throws Exception {
        String dealId = Records.dealId("sync-late");
        String body = SyncDurabilityTest.deal(dealId);
        String key = "sync-late-" + UUID.randomUUID();
        CountDownLatch released = new CountDownLatch(1);
        FlakyWriterConnection.holdNext(released);
        try {
            qualify(key, body).then().statusCode(503).header("Retry-After", String.valueOf(5))
                    .body("type", equalTo("urn:deal-advisor:problem:store-unavailable"));
        } finally {
            released.countDown();
        }

        ExtractableResponse<Response> retry = qualify(key, body).then().statusCode(200)
                .header("Idempotent-Replayed", "true").extract();
        List<String> recorded = Credentials.withKey(Credentials.AUDITOR_KEY).queryParam("dealId", dealId)
                .get(Records.DECISIONS).then().statusCode(200).extract().jsonPath().getList("decisions.decisionId");
        assertEquals(List.of(retry.header("Decision-Id")), recorded, "the deal is recorded once, as the retry says");
        JsonNode stored = Records.json(Credentials.withKey(Credentials.AUDITOR_KEY)
                .get(Records.DECISIONS + "/" + recorded.get(0)).then().statusCode(200).extract().asString());
        assertEquals(stored.get("advice"), Records.json(retry.asString()), "the advice answered is the one recorded");
        assertEquals(dealId, stored.get("dealId").asText());
    }

    private static Response qualify(String key, String body) {
        return Credentials.asDemo().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/v1/qualifications");
    }
}
