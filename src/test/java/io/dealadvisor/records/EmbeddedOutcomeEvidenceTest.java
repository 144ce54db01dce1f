package io.dealadvisor.records;

import io.quarkus.test.junit.QuarkusTest;

/** Outcomes and evidence on the embedded store. */
@QuarkusTest
class EmbeddedOutcomeEvidenceTest extends OutcomeEvidenceContract {
}
