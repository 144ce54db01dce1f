package io.dealadvisor.records;

import org.junit.jupiter.api.Tag;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The system of record on a real PostgreSQL server, with the same SQL. */
@QuarkusTest
@TestProfile(PostgresDecisionRecordsTest.OnPostgres.class)
@Tag("postgresql")
class PostgresSystemOfRecordTest extends SystemOfRecordContract {

    @Override
    String store() {
        return "postgresql";
    }
}
