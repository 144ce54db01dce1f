package io.dealadvisor.api;

import io.dealadvisor.security.Credentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The problems the API answers to bad parameters and bodies and unknown decisions, byte for byte as written in
 * problem-documents.txt beside this class: status, content type and body of each, in the order the errors are found.
 * Several parameters are wrong at once, so the order of the errors is pinned too. Queries are sent as written.
 */
@QuarkusTest
class ProblemDocumentsTest {

    private static final String EXPECTED = "/io/dealadvisor/api/problem-documents.txt";

    @Test
    void problemsAreAnsweredExactlyAsBefore() throws Exception {
        StringBuilder out = new StringBuilder();
        String[] gets = {
                "/v1/decisions?limit=0&advice=MAYBE&from=2026-13-01&to=yesterday&cursor=%25%25%25",
                "/v1/decisions?from=2026-11-02&to=2026-11-01&limit=ten",
                "/v1/decisions?cursor=bm90IGEgY3Vyc29y",
                "/v1/decisions/export?advice=maybe&from=11/23/2026&to=2026-11-23T25:00:00Z&limit=0",
                "/v1/decisions/not-a-uuid",
                "/v1/decisions/0193b5e2-7c1a-7d3e-9a41-2f6c8e0b5d17",
                "/v1/evidence?from=2026-11-02&to=2026-11-02",
                "/v1/evidence?from=soon",
                "/v1/decisions/summary?from=soon&to=later",
                "/v1/revisits?dueBy=tomorrow&limit=1001&cursor=zzz",
                "/v1/decisions?advice=WAIT&advice=REFER&dealId=%0A&limit=%EF%BC%93",
        };
        for (String get : gets) {
            Response response = Credentials.withKey(Credentials.DEMO_KEY).urlEncodingEnabled(false).get(get);
            out.append("GET ").append(get).append('\n').append(response.statusCode()).append(' ')
                    .append(response.contentType()).append('\n').append(response.asString()).append("\n\n");
        }
        String[][] puts = {
                {"/v1/decisions/not-a-uuid/outcome", "{}"},
                {"/v1/decisions/0193b5e2-7c1a-7d3e-9a41-2f6c8e0b5d17/outcome", "{\"result\":\"MAYBE\"}"},
                {"/v1/decisions/0193b5e2-7c1a-7d3e-9a41-2f6c8e0b5d17/outcome",
                        "{\"result\":\"BOUGHT_FROM_US\",\"adviceFollowed\":true}"},
        };
        for (String[] put : puts) {
            Response response = Credentials.withKey(Credentials.DEMO_KEY).contentType("application/json")
                    .body(put[1]).put(put[0]);
            out.append("PUT ").append(put[0]).append(' ').append(put[1]).append('\n').append(response.statusCode())
                    .append(' ').append(response.contentType()).append('\n').append(response.asString())
                    .append("\n\n");
        }
        for (String body : new String[] {"{}", "{\"clientId\":\"a\",\"dealId\":\"b\"}", "{\"clientId\":7}"}) {
            Response response = Credentials.withKey(Credentials.DEMO_KEY).contentType("application/json")
                    .body(body).post("/v1/erasures");
            out.append("POST /v1/erasures ").append(body).append('\n').append(response.statusCode()).append(' ')
                    .append(response.contentType()).append('\n').append(response.asString()).append("\n\n");
        }
        try (InputStream expected = ProblemDocumentsTest.class.getResourceAsStream(EXPECTED)) {
            assertEquals(new String(expected.readAllBytes(), StandardCharsets.UTF_8), out.toString());
        }
    }
}
