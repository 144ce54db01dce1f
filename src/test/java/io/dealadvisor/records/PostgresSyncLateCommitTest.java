package io.dealadvisor.records;

import io.agroal.api.AgroalDataSource;
import io.dealadvisor.security.Credentials;
import io.dealadvisor.testing.PostgresServer;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code durability=sync} on PostgreSQL, where a record's commit can come after its answer gave up waiting: a lock
 * held on {@code decision} (as a partition's move or a long migration would hold one) keeps the writer's insert
 * waiting past the sync timeout.
 */
@QuarkusTest
@TestProfile(PostgresSyncLateCommitTest.SyncOnPostgres.class)
@Tag("postgresql")
class PostgresSyncLateCommitTest {

    /** How long an answer waits for its record's commit here: the lock below is held longer. */
    private static final int SYNC_TIMEOUT_SECONDS = 2;

    public static class SyncOnPostgres implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresServer.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("deal-advisor.decisions.durability", "sync",
                    "deal-advisor.decisions.sync-timeout", SYNC_TIMEOUT_SECONDS + "s");
        }
    }

    @Inject
    @DataSource("postgresql")
    AgroalDataSource postgresql;

    /**
     * The first request is answered {@code 503} (its record may yet be committed); its record commits once the lock
     * is gone, and with it the answer to its key, so the retry gets that decision again instead of a second one.
     */
    @Test
    void aRetryOfAKeyWhoseRecordCommittedAfterItsWaitEndedGetsThatDecision() throws Exception {
        String dealId = Records.dealId("sync-late");
        String body = SyncDurabilityTest.deal(dealId);
        String key = "sync-late-" + UUID.randomUUID();
        try (Connection holder = postgresql.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("LOCK TABLE decision IN SHARE ROW EXCLUSIVE MODE");
            }
            qualify(key, body).then().statusCode(503).header("Retry-After", String.valueOf(5));
            holder.commit();
        }

        ExtractableResponse<Response> retry = qualify(key, body).then().statusCode(200)
                .header("Idempotent-Replayed", "true").extract();
        List<String> recorded = Credentials.withKey(Credentials.AUDITOR_KEY).queryParam("dealId", dealId)
                .get(Records.DECISIONS).then().statusCode(200).extract().jsonPath().getList("decisions.decisionId");
        assertEquals(List.of(retry.header("Decision-Id")), recorded, "the deal is recorded once, as the retry says");
        assertEquals(dealId, Records.json(retry.asString()).get("dealId").asText());
    }

    private static Response qualify(String key, String body) {
        return Credentials.asDemo().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/v1/qualifications");
    }
}
