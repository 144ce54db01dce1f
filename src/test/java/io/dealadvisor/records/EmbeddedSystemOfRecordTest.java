package io.dealadvisor.records;

import io.quarkus.test.junit.QuarkusTest;

/** The system of record on the embedded store, as every test of the service runs with. */
@QuarkusTest
class EmbeddedSystemOfRecordTest extends SystemOfRecordContract {

    @Override
    String store() {
        return "embedded";
    }
}
