package io.dealadvisor.records;

import io.quarkus.test.junit.QuarkusTest;

/** The decision records on the embedded store, as every test of the service runs with. */
@QuarkusTest
class EmbeddedDecisionRecordsTest extends DecisionRecordsContract {

    @Override
    String store() {
        return "embedded";
    }
}
