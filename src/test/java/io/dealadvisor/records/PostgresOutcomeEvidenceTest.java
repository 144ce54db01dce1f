package io.dealadvisor.records;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Outcomes and evidence on a real PostgreSQL server, counted by the same SQL. */
@QuarkusTest
@TestProfile(PostgresDecisionRecordsTest.OnPostgres.class)
class PostgresOutcomeEvidenceTest extends OutcomeEvidenceContract {
}
