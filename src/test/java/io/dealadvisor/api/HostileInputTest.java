package io.dealadvisor.api;

import io.dealadvisor.security.Credentials;
import io.dealadvisor.testing.HostileBodies;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a careless or hostile caller sends gets a 4xx problem at a cost that follows the body's size, and the next
 * deal is advised as usual. The time bound is a generous ceiling: it fails on work that grows faster than the body.
 */
@QuarkusTest
class HostileInputTest {

    private static final Duration CEILING = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URL root;

    private final HttpClient http = HostileBodies.client();

    static List<HostileBodies.Attack> attacks() {
        return HostileBodies.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void anAttackIsAnsweredQuicklyWithAProblemAndTheNextDealIsAdvised(HostileBodies.Attack attack) throws Exception {
        URI base = root.toURI();
        HostileBodies.Answer answer = HostileBodies.send(http, base, attack, Credentials.DEMO_KEY);

        assertEquals(attack.expected(), answer.status(), answer.body());
        assertTrue(answer.body().contains("\"status\":" + attack.expected()), answer.body());
        assertTrue(answer.took().compareTo(CEILING) < 0, attack + " took " + answer.took());
        HostileBodies.Answer next = HostileBodies.send(http, base, "/v1/qualifications", HostileBodies.normalDeal(),
                false, Credentials.DEMO_KEY);
        assertEquals(200, next.status(), next.body());
    }

    @Test
    void aProblemListsAtMostAHundredFieldsAndSaysHowManyMoreThereWere() {
        String competitors = String.join(",", java.util.Collections.nCopies(60,
                "{\"name\":1,\"fitsRequirements\":\"yes\",\"fitsInfrastructure\":2}"));
        post(",\"competitors\":[" + competitors + "]").then().statusCode(400)
                .body("errors", hasSize(100))
                .body("detail", equalTo("180 fields are not valid; errors lists the first 100 (80 more not listed)"));
    }

    @Test
    void aListOverItsLimitIsNamedWithItsSizeAndItsFirstEntriesAreStillChecked() {
        String milestones = String.join(",", java.util.Collections.nCopies(150, "{\"due\":\"soon\"}"));
        post(",\"milestones\":[" + milestones + "]").then().statusCode(400)
                .body("errors.find { it.field == 'milestones' }.message",
                        equalTo("holds 150 entries; at most 100 are accepted"))
                .body("errors.find { it.field == 'milestones[0].due' }.message", containsString("YYYY-MM-DD"))
                .body("errors.find { it.field == 'milestones[100].due' }", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aBatchOverItsLimitIs413NamingHowManyDealsItHeld() {
        String batch = "[" + String.join(",", java.util.Collections.nCopies(1_001, "{}")) + "]";
        Credentials.asDemo().contentType(ContentType.JSON).body(batch).post("/v1/qualifications/batch")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", equalTo("a batch holds at most 1000 deals; this one has 1001"));
    }

    /** Ids reach log lines and the records' indexes: a line break in one could forge a log line. */
    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\r\n2026-12-04 INFO forged line", "\u0001", "\u001f", "\u007f", "\t"})
    void aControlCharacterInAnIdIs400NamingTheId(String control) {
        String escaped = json(control);
        post(",\"incidents\":[{\"id\":\"INC" + escaped + "\"}]", "OPP-1" + escaped, "ACC" + escaped)
                .then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("id", "client.id", "incidents[0].id"));
    }

    @Test
    void nulIsRefusedInEveryTextAndOtherControlsOnlyInIds() {
        post(",\"milestones\":[{\"name\":\"Security\\u0000review\"}],\"pressure\":{\"reason\":\"quarter\\tend\"}")
                .then().statusCode(400)
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("milestones[0].name"))
                .body("errors[0].message", containsString("U+0000"));
    }

    @Test
    void aClientIdIsOneTo128Characters() {
        post("", "OPP-1", "").then().statusCode(400).body("errors[0].field", equalTo("client.id"));
        post("", "OPP-1", "A".repeat(129)).then().statusCode(400).body("errors[0].field", equalTo("client.id"));
        post("", "OPP-1", "ACC-1187").then().statusCode(200);
    }

    private static io.restassured.response.Response post(String members) {
        return Credentials.asDemo().contentType(ContentType.JSON).body(new String(HostileBodies.deal(members),
                java.nio.charset.StandardCharsets.UTF_8)).post("/v1/qualifications");
    }

    private static io.restassured.response.Response post(String members, String id, String clientId) {
        String deal = "{\"id\":\"" + id + "\",\"client\":{\"id\":\"" + clientId + "\",\"name\":\"Northwind\"},"
                + "\"offering\":{\"name\":\"Audit\"}" + members + "}";
        return Credentials.asDemo().contentType(ContentType.JSON).body(deal).post("/v1/qualifications");
    }

    /** The text as a JSON string's content, control characters escaped as JSON requires. */
    private static String json(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            escaped.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return escaped.toString();
    }
}
