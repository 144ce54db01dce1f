package io.dealadvisor.records;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.dealadvisor.security.Credentials;
import io.dealadvisor.testing.Poll;
import io.dealadvisor.testing.QualificationLoad;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first of two runs of the service on one embedded database file: its last acts are answering real
 * qualifications from client threads and then recording many decisions at once, so many are still buffered when
 * it is stopped, so it is the last of its profile's classes ({@link OwnStoreFile}). {@link RestartSecondRunTest}, run
 * next on the same file (test classes run grouped by profile, in name order), finds every one of them.
 */
@QuarkusTest
@TestProfile(OwnStoreFile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartFirstRunTest {


    /** The second run's expectations, beside the store. */
    static final Path FOLDER = Path.of("target/decisions-restart");
    /**
     * For the second run to look up: the deal the first run recorded decisions for, how many, the instant before
     * its first qualification, then the decision id of every qualification answered 200, one a line.
     */
    static final Path EXPECTED = FOLDER.resolve("expected.txt");
    /** A qualification with an Idempotency-Key, for the second run to retry: key, body, decision id, answer (hex). */
    static final Path IDEMPOTENT = FOLDER.resolve("idempotent.txt");
    static final int RECORDS = 3_000;
    /** Every 4th request a batch of 10 deals. */
    static final QualificationLoad.Shape QUALIFICATIONS =
            new QualificationLoad.Shape(4, 4, 10, 400, Duration.ofSeconds(30));

    @Inject
    DecisionRecorder recorder;

    @TestHTTPResource("/")
    URI base;

    /** First, so that the records of the test below are still buffered as the service stops. */
    @Test
    @Order(1)
    void answersAKeyedQualification() throws IOException {
        Files.createDirectories(FOLDER);
        String key = "restart-" + java.util.UUID.randomUUID();
        String body = SystemOfRecordContract.deal(Records.dealId("restart-idem")).replace("\n", " "); // one line
        io.restassured.response.Response answer = SystemOfRecordContract.qualifying(Credentials.CALLER_KEY, key, body)
                .post(SystemOfRecordContract.QUALIFICATIONS);
        answer.then().statusCode(200);
        Files.write(IDEMPOTENT, List.of(key, body, answer.header("Decision-Id"),
                java.util.HexFormat.of().formatHex(answer.asByteArray())));
    }

    @Test
    void recordsUntilTheServiceStops() throws IOException {
        Files.createDirectories(FOLDER);
        Files.deleteIfExists(EXPECTED);
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        QualificationLoad load = QualificationLoad.start(base, Credentials.CALLER_KEY, QUALIFICATIONS,
                Records.dealId("restart-qualified"));
        Poll.until(QUALIFICATIONS.maxTime().plusSeconds(5), "the clients done", load::finished, done -> done);
        assertEquals(0, load.failureCount(), "qualifications that failed: " + load.someFailures());
        assertEquals(QUALIFICATIONS.maxDeals(), load.answered().size(), "deals answered 200");

        String deal = Records.dealId("restart");
        List<String> expected = new ArrayList<>(List.of(deal, String.valueOf(RECORDS), start.toString()));
        load.answered().forEach(id -> expected.add(id.toString()));
        Files.write(EXPECTED, expected);
        Instant decidedAt = Instant.now();
        List<DecisionRecord> records = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            records.add(Records.record(deal, decidedAt.plusMillis(i), "PROCEED", Records.rulesetVersion()));
        }
        records.forEach(recorder::record);
        DecisionRecorder.Status status = recorder.status();
        assertTrue(status.backlog() > 0, "records are still buffered as the test ends: " + status);
        System.out.printf("[reliability] restart, first run: %d deals qualified by %d clients, then %d records;"
                + " backlog %d as the service stops%n", QUALIFICATIONS.maxDeals(), QUALIFICATIONS.clients(), RECORDS,
                status.backlog());
    }
}
