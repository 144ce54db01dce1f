package io.dealadvisor.ops;

import io.dealadvisor.security.Credentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Collections;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Each limit on input answers with a problem document that names it. */
@QuarkusTest
class InputLimitsTest {

    private static final String DEAL_START = "{\"id\":\"OPP-LIMITS\",\"client\":{\"name\":\"Northwind\"},"
            + "\"offering\":{\"name\":\"Audit\"}";

    @Test
    void aBodyOverTheSizeLimitIs413() {
        String deal = "{\"id\":\"OPP\",\"client\":{\"name\":\"" + "N".repeat(9_000) + "\"},\"offering\":{\"name\":\"Audit\"}}";
        String batch = "[" + String.join(",", Collections.nCopies(500, deal)) + "]";
        post("/v1/qualifications/batch", batch).then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("detail", containsString("4M"));
    }

    @Test
    void aStringOverTheLengthLimitIs400NamingTheFieldAndTheLimit() {
        post("/v1/qualifications", DEAL_START.replace("Northwind", "N".repeat(10_001)) + "}")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("client.name"))
                .body("errors[0].message", containsString("exceeds a limit"))
                .body("errors[0].message", containsString("10001 characters, at most 10000"));
    }

    @Test
    void aLongStringInsideAListIsNamedWithItsIndex() {
        post("/v1/qualifications", DEAL_START + ",\"milestones\":[{\"name\":\"ok\"},{\"name\":\""
                + "M".repeat(10_001) + "\"}]}")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("milestones[1].name"));
    }

    private static io.restassured.response.Response post(String path, String body) {
        return Credentials.asDemo().contentType(ContentType.JSON).body(body).post(path);
    }
}
