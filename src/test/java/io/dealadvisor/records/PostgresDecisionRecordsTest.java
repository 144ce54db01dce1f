package io.dealadvisor.records;

import org.junit.jupiter.api.Tag;
import io.agroal.api.AgroalDataSource;
import io.dealadvisor.security.Credentials;
import io.dealadvisor.testing.PostgresServer;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decision records on a real PostgreSQL server, with the same schema and the same SQL. */
@QuarkusTest
@TestProfile(PostgresDecisionRecordsTest.OnPostgres.class)
@Tag("postgresql")
class PostgresDecisionRecordsTest extends DecisionRecordsContract {

    /** Long enough for any query of these tests on a loaded machine, short enough to wait for below. */
    private static final int QUERY_TIMEOUT_SECONDS = 5;

    /**
     * PostgreSQL and a query timeout of 5 s, for the contracts, {@link PostgresPartitionsTest} (which pauses the
     * retention's schedule while it runs the retention by hand) and {@link PostgresUnreachableUnderLoadTest}, which
     * stops PostgreSQL and so runs last (test classes of one profile run in name order).
     */
    public static class OnPostgres implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresServer.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("deal-advisor.decisions.query-timeout", QUERY_TIMEOUT_SECONDS + "s");
        }
    }

    @Inject
    @DataSource("postgresql")
    AgroalDataSource postgresql;

    @Override
    String dataSource() {
        return StoreSelection.POSTGRESQL;
    }

    @Override
    String store() {
        return "postgresql";
    }

    /**
     * A batch the database refuses for one record is written in halves: the others are stored, and only the one it
     * refuses (a deal id over the column's 128 characters, which PostgreSQL enforces) is dropped and counted.
     */
    @Test
    void aRecordTheDatabaseRefusesIsDroppedAloneAndTheRestOfItsBatchIsWritten() {
        double droppedBefore = Records.health().get("data").get("dropped").asDouble();
        String deal = Records.dealId("halves");
        String version = Records.rulesetVersion();
        java.time.Instant at = java.time.Instant.now().minusSeconds(60);
        List<DecisionRecord> good = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) {
            DecisionRecord record = Records.record(deal, at.plusMillis(i), "WAIT", version);
            good.add(record);
            recorder.record(record);
            if (i == 4) {
                recorder.record(Records.record("X".repeat(200), at, "WAIT", version));
            }
        }
        Records.awaitWritten();

        assertTrue(Records.allPages("dealId=" + deal, 100).containsAll(Records.ids(good)));
        org.junit.jupiter.api.Assertions.assertEquals(droppedBefore + 1,
                Records.health().get("data").get("dropped").asDouble());
    }

    /**
     * A server that refuses every write while it still answers (a failover left the writer on a read-only one; the
     * same for a full disk) is an outage: the records wait, none is dropped, and they are written once it takes
     * writes again.
     */
    @Test
    void aServerThatRefusesEveryWriteKeepsTheRecordsUntilItTakesThemAgain() throws Exception {
        double droppedBefore = Records.health().get("data").get("dropped").asDouble();
        String deal = Records.dealId("read-only");
        String version = Records.rulesetVersion();
        java.time.Instant at = java.time.Instant.now().minusSeconds(60);
        List<DecisionRecord> waiting = new java.util.ArrayList<>();
        try (Connection admin = postgresql.getConnection(); Statement sql = admin.createStatement()) {
            sql.execute("CREATE FUNCTION refuse_writes() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " RAISE EXCEPTION 'cannot execute INSERT in a read-only transaction' USING ERRCODE = '25006';"
                    + " END $$");
            sql.execute("CREATE TRIGGER read_only BEFORE INSERT ON decision FOR EACH ROW EXECUTE FUNCTION"
                    + " refuse_writes()");
            try {
                for (int i = 0; i < 5; i++) {
                    DecisionRecord record = Records.record(deal, at.plusMillis(i), "WAIT", version);
                    waiting.add(record);
                    recorder.record(record);
                }
                io.dealadvisor.testing.Poll.until(java.time.Duration.ofSeconds(20), "the store seen as down",
                        () -> Records.health().get("status").asText(), "DOWN"::equals);
                org.junit.jupiter.api.Assertions.assertEquals(droppedBefore,
                        Records.health().get("data").get("dropped").asDouble(), "none dropped");
            } finally {
                sql.execute("DROP TRIGGER read_only ON decision");
                sql.execute("DROP FUNCTION refuse_writes()");
            }
        }
        Records.awaitWritten();

        assertTrue(Records.allPages("dealId=" + deal, 100).containsAll(Records.ids(waiting)));
        org.junit.jupiter.api.Assertions.assertEquals(droppedBefore,
                Records.health().get("data").get("dropped").asDouble());
    }

    /** A reader never waits on the store for longer than the query timeout: it gets a 503 problem instead. */
    @Test
    void aQueryThatCannotRunWithinTheTimeoutIs503() throws Exception {
        try (Connection locking = postgresql.getConnection(); Statement lock = locking.createStatement()) {
            locking.setAutoCommit(false);
            lock.execute("LOCK TABLE decision IN ACCESS EXCLUSIVE MODE");
            long start = System.nanoTime();
            Credentials.withKey(Credentials.AUDITOR_KEY).get(Records.DECISIONS).then().statusCode(503)
                    .contentType("application/problem+json");
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertTrue(seconds >= QUERY_TIMEOUT_SECONDS - 1 && seconds < QUERY_TIMEOUT_SECONDS + 10,
                    "answered after " + seconds + " s");
            locking.rollback();
        }
        Credentials.withKey(Credentials.AUDITOR_KEY).get(Records.DECISIONS).then().statusCode(200);
    }
}
