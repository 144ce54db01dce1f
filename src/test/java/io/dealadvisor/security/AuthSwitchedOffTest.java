package io.dealadvisor.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;

/** With {@code deal-advisor.auth.enabled=false} nobody needs a credential (local trials only). */
@QuarkusTest
@TestProfile(AuthSwitchedOffTest.NoAuth.class)
class AuthSwitchedOffTest {

    public static class NoAuth implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("deal-advisor.auth.enabled", "false");
        }
    }

    @Test
    void everyEndpointAnswersWithoutCredential() {
        given().get("/v1/truths").then().statusCode(200);
        given().get("/v1/ruleset").then().statusCode(200);
        given().post("/v1/ruleset/reload").then().statusCode(200);
    }
}
