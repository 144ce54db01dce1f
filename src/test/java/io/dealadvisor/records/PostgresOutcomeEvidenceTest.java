package io.dealadvisor.records;

import org.junit.jupiter.api.Tag;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Outcomes and evidence on a real PostgreSQL server, counted by the same SQL. */
@QuarkusTest
@TestProfile(PostgresDecisionRecordsTest.OnPostgres.class)
@Tag("postgresql")
class PostgresOutcomeEvidenceTest extends OutcomeEvidenceContract {
}
