package io.dealadvisor.records;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealadvisor.security.Credentials;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.dealadvisor.records.Records.DECISIONS;
import static io.dealadvisor.records.Records.awaitWritten;
import static io.dealadvisor.records.Records.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The decision records on the embedded store, as every test of the service runs with. */
@QuarkusTest
class EmbeddedDecisionRecordsTest extends DecisionRecordsContract {

    @Override
    String store() {
        return "embedded";
    }

    /**
     * Before deals had to be Unicode text, half of a surrogate pair could reach a record; only the embedded store
     * can hold one. Such a record is still read and exported whole, the half written as U+FFFD.
     */
    @Test
    void aRecordHoldingHalfASurrogatePairIsReadAndExportedWhole() {
        String deal = Records.dealId("half-pair");
        DecisionRecord sound = Records.record(deal, Instant.now().minusSeconds(60), "WAIT", Records.rulesetVersion());
        DecisionRecord broken = Records.record(deal, Instant.now().minusSeconds(30), "WAIT", Records.rulesetVersion());
        broken = new DecisionRecord(broken.decisionId(), broken.decidedAt(), deal, broken.asOf(), broken.caller(),
                broken.channel(), broken.durationMicros(), broken.dealJson().replace("Northwind", "North\uD800wind"),
                broken.adviceJson(), broken.advice(), broken.referTo(), broken.revisitOn(), broken.rulesetVersion(),
                List.of(), null);
        recorder.record(sound);
        recorder.record(broken);
        recorder.record(Records.record(deal, Instant.now(), "WAIT", Records.rulesetVersion()));
        awaitWritten();

        JsonNode one = json(Credentials.withKey(Credentials.AUDITOR_KEY).get(DECISIONS + "/" + broken.decisionId())
                .then().statusCode(200).extract().asString());
        assertEquals("North\uFFFDwind", one.path("deal").path("client").path("name").asText());
        List<String> lines = Credentials.withKey(Credentials.AUDITOR_KEY).get(DECISIONS + "/export?dealId=" + deal)
                .then().statusCode(200).extract().asString().lines().toList();
        assertEquals(3, lines.size(), "the export goes on past the record");
        assertEquals("North\uFFFDwind", json(lines.get(1)).path("deal").path("client").path("name").asText());
    }
}
