package io.dealadvisor.records;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The system of record on a real PostgreSQL server, with the same SQL. */
@QuarkusTest
@TestProfile(PostgresDecisionRecordsTest.OnPostgres.class)
@Tag("postgresql")
class PostgresSystemOfRecordTest extends SystemOfRecordContract {

    @Inject
    DecisionStore store;

    @Override
    String store() {
        return "postgresql";
    }

    /**
     * A record another replica screened before an erasure was logged, and committed seconds after it (here its
     * transaction waits on a lock the test holds on {@code decision_truth}, which an erasure does not touch), is
     * stripped all the same: the erasure's second strip waits for the transactions begun before it.
     */
    @Test
    void aRecordAnotherReplicaCommitsAfterTheErasureIsStrippedAllTheSame() throws Exception {
        String dealId = Records.dealId("late-replica");
        DecisionRecord record = Records.record(dealId, Instant.now(), "WAIT", Records.rulesetVersion(),
                "NO_PUSH_BEFORE_MILESTONES");
        try (Connection holder = store.connection(); Connection replica = store.connection()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("LOCK TABLE decision_truth IN SHARE ROW EXCLUSIVE MODE");
            }
            CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
                try {
                    DecisionInserts.insert(replica, store.types(), List.of(record));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1_000); // the other replica's decision row is in, uncommitted; its truths wait
            CompletableFuture<Void> released = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(6_000); // longer than the erasure's wait for other replicas (2 s)
                    holder.commit();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            erase("dealId", dealId);

            released.get(30, TimeUnit.SECONDS);
            written.get(30, TimeUnit.SECONDS);
        }
        JsonNode stored = decision(record.decisionId());
        assertEquals("erased", stored.get("detail").asText(), stored.toString());
    }
}
