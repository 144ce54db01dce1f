package io.dealadvisor.records;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The system of record on a real PostgreSQL server, with the same SQL. */
@QuarkusTest
@TestProfile(PostgresDecisionRecordsTest.OnPostgres.class)
class PostgresSystemOfRecordTest extends SystemOfRecordContract {

    @Override
    String store() {
        return "postgresql";
    }
}
