package io.dealadvisor.records;

import io.dealadvisor.security.Credentials;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.dealadvisor.records.Records.DECISIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The second run on the file of {@link RestartFirstRunTest}: everything the first run recorded is there, each
 * qualification it answered included.
 */
@QuarkusTest
@TestProfile(OwnStoreFileReopened.class)
class RestartSecondRunTest {

    /** The key of the first run is kept with the records: its retry gets the same answer, and no new record. */
    @Test
    void replaysTheFirstRunsKeyedQualification() throws IOException {
        assertTrue(Files.exists(RestartFirstRunTest.IDEMPOTENT), "RestartFirstRunTest runs first, in the same build");
        List<String> first = Files.readAllLines(RestartFirstRunTest.IDEMPOTENT);
        Files.delete(RestartFirstRunTest.IDEMPOTENT);
        io.restassured.response.Response again = SystemOfRecordContract.qualifying(Credentials.CALLER_KEY,
                first.get(0), first.get(1)).post(SystemOfRecordContract.QUALIFICATIONS);
        again.then().statusCode(200).header("Idempotent-Replayed", "true").header("Decision-Id", first.get(2));
        assertEquals(first.get(3), java.util.HexFormat.of().formatHex(again.asByteArray()), "the same bytes");
        Records.awaitWritten();
        String dealId = Records.json(first.get(1)).get("id").asText();
        assertEquals(List.of(java.util.UUID.fromString(first.get(2))), Records.allPages("dealId=" + dealId, 50));
    }

    @Test
    void findsEveryRecordOfTheFirstRun() throws IOException {
        assertTrue(Files.exists(RestartFirstRunTest.EXPECTED), "RestartFirstRunTest runs first, in the same build");
        List<String> expected = Files.readAllLines(RestartFirstRunTest.EXPECTED);
        Files.delete(RestartFirstRunTest.EXPECTED);

        List<String> lines = Credentials.withKey(Credentials.AUDITOR_KEY)
                .get(DECISIONS + "/export?dealId=" + expected.get(0)).then().statusCode(200).extract().asString()
                .lines().toList();
        assertEquals(Integer.parseInt(expected.get(1)), lines.size());

        // One export of everything decided since the first run's qualifications began holds each of them.
        List<String> qualified = expected.subList(3, expected.size());
        assertEquals(RestartFirstRunTest.QUALIFICATIONS.maxDeals(), qualified.size());
        Set<String> since = Credentials.withKey(Credentials.AUDITOR_KEY)
                .get(DECISIONS + "/export?from=" + expected.get(2)).then().statusCode(200).extract().asString()
                .lines().map(line -> Records.json(line).get("decisionId").asText()).collect(Collectors.toSet());
        List<String> missing = qualified.stream().filter(id -> !since.contains(id)).toList();
        assertEquals(List.of(), missing, missing.size() + " qualification(s) answered by the first run not recorded");
        System.out.printf("[reliability] restart, second run: %d of %d records and %d of %d qualifications of the"
                + " first run found%n", lines.size(), Integer.parseInt(expected.get(1)), qualified.size() - missing.size(),
                qualified.size());
    }
}
