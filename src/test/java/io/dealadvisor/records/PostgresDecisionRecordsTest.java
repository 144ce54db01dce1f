package io.dealadvisor.records;

import io.dealadvisor.testing.PostgresServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import java.util.List;

/** The decision records on a real PostgreSQL server, with the same schema and the same SQL. */
@QuarkusTest
@TestProfile(PostgresDecisionRecordsTest.OnPostgres.class)
class PostgresDecisionRecordsTest extends DecisionRecordsContract {

    public static class OnPostgres implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresServer.class));
        }
    }

    @Override
    String store() {
        return "postgresql";
    }
}
