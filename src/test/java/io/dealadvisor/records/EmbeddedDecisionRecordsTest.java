package io.dealadvisor.records;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The decision records on the embedded store (SQLite), as every test of the service runs with. Records holding half
 * of a surrogate pair, which only the H2 files of earlier versions can hold, are checked by {@link StoreFileRestartIT}.
 */
@QuarkusTest
class EmbeddedDecisionRecordsTest extends DecisionRecordsContract {

    @Override
    String store() {
        return "embedded";
    }
}
