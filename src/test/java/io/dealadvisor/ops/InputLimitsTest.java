package io.dealadvisor.ops;

import io.dealadvisor.security.ApiKeyAuthenticationMechanism;
import io.dealadvisor.security.Credentials;
import io.restassured.RestAssured;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each limit on input answers with a problem document that names it. */
@QuarkusTest
class InputLimitsTest {

    private static final String DEAL_START = "{\"id\":\"OPP-LIMITS\",\"client\":{\"name\":\"Northwind\"},"
            + "\"offering\":{\"name\":\"Audit\"}";

    /** Sent with Expect: 100-continue, as large uploads are, so the server can refuse before the body. */
    @Test
    void aBodyOverTheSizeLimitIs413() throws Exception {
        String deal = "{\"id\":\"OPP\",\"client\":{\"name\":\"" + "N".repeat(9_000) + "\"},\"offering\":{\"name\":\"Audit\"}}";
        String batch = "[" + String.join(",", Collections.nCopies(500, deal)) + "]";
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder()
                .uri(URI.create("http://localhost:" + RestAssured.port + "/v1/qualifications/batch"))
                .header("Content-Type", "application/json")
                .header(ApiKeyAuthenticationMechanism.HEADER, Credentials.DEMO_KEY)
                .expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString(batch))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("\"status\":413") && response.body().contains("4M"), response.body());
    }

    @Test
    void aStringOverTheLengthLimitIs400NamingTheField() {
        post("/v1/qualifications", DEAL_START.replace("Northwind", "N".repeat(10_001)) + "}")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("client.name"))
                .body("errors[0].message", containsString("exceeds a limit"));
    }

    @Test
    void nestingBeyondTheDepthLimitIs400() {
        post("/v1/qualifications", DEAL_START + ",\"crm\":" + "[".repeat(40) + "]".repeat(40) + "}")
                .then().statusCode(400)
                .body("errors[0].message", containsString("nesting depth"));
    }

    @Test
    void aListOverTheSizeLimitIs400NamingTheList() {
        String competitors = String.join(",", Collections.nCopies(101, "{\"name\":\"Acme\"}"));
        post("/v1/qualifications", DEAL_START + ",\"competitors\":[" + competitors + "]}")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("competitors"))
                .body("errors[0].message", containsString("at most 100"));
    }

    private static io.restassured.response.Response post(String path, String body) {
        return Credentials.asDemo().contentType(ContentType.JSON).body(body).post(path);
    }
}
