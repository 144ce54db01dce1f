package io.dealadvisor.ops;

import io.dealadvisor.security.Credentials;
import io.dealadvisor.testing.SwitchesFlipped;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Logger;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** With {@code deal-advisor.decision-log.enabled=false} the service starts and writes no decision lines. */
@QuarkusTest
@TestProfile(SwitchesFlipped.class)
class DecisionLogSwitchedOffTest {

    @Test
    void decidesWithoutALogLine() {
        List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
        ExtHandler capture = new ExtHandler() {
            @Override
            protected void doPublish(ExtLogRecord record) {
                records.add(record);
            }
        };
        Logger decisions = Logger.getLogger("deal-advisor.decisions");
        decisions.addHandler(capture);
        try {
            Credentials.asDemo().contentType(ContentType.JSON)
                    .body("{\"id\":\"OPP-QUIET\",\"client\":{\"name\":\"Northwind\"},\"offering\":{\"name\":\"Audit\"}}")
                    .post("/v1/qualifications").then().statusCode(200);
        } finally {
            decisions.removeHandler(capture);
        }
        assertEquals(List.of(), records);
    }
}
