package io.dealadvisor.security;

import io.dealadvisor.testing.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every protected endpoint refuses a missing or wrong credential (401) and a wrong role (403). */
@QuarkusTest
class SecurityTest {

    private static final String DEAL = """
            {"id":"OPP-SEC","asOf":"2026-11-23","client":{"name":"Northwind"},"offering":{"name":"Audit"}}""";

    /** Each endpoint with the role it needs. */
    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("POST", "/v1/qualifications", DEAL, "qualify"),
                Arguments.of("POST", "/v1/qualifications/batch", "[" + DEAL + "]", "qualify"),
                Arguments.of("GET", "/v1/truths", null, "qualify"),
                Arguments.of("GET", "/v1/ruleset", null, "qualify"),
                Arguments.of("GET", "/v1/scenarios", null, "qualify"),
                Arguments.of("POST", "/v1/ruleset/reload", null, "rules-admin"),
                Arguments.of("GET", "/v1/decisions", null, "auditor"),
                Arguments.of("GET", "/v1/decisions/export", null, "auditor"),
                Arguments.of("GET", "/v1/evidence", null, "auditor"),
                Arguments.of("GET", "/v1/erasures", null, "privacy"));
    }

    @ParameterizedTest(name = "{0} {1} without a credential is 401")
    @MethodSource("endpoints")
    void withoutCredentialIsUnauthorized(String method, String path, String body, String role) {
        List<String> challenges = send(given(), method, path, body)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("title", equalTo("Unauthorized"))
                .extract().headers().getValues("WWW-Authenticate");
        assertEquals(List.of("ApiKey header=\"X-API-Key\"", "Bearer"), challenges);
    }

    @ParameterizedTest(name = "{0} {1} with an unknown key is 401")
    @MethodSource("endpoints")
    void withWrongKeyIsUnauthorized(String method, String path, String body, String role) {
        send(Credentials.withKey("not-a-key"), method, path, body)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("detail", not(containsString("not-a-key")));
    }

    @ParameterizedTest(name = "{0} {1} with a key lacking {3} is 403")
    @MethodSource("endpoints")
    void withWrongRoleIsForbidden(String method, String path, String body, String role) {
        String keyWithOtherRole = role.equals("qualify") ? Credentials.ADMIN_KEY : Credentials.CALLER_KEY;
        send(Credentials.withKey(keyWithOtherRole), method, path, body)
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403));
    }

    @ParameterizedTest(name = "{0} {1} with a key holding {3} is allowed")
    @MethodSource("endpoints")
    void withRightRoleIsAllowed(String method, String path, String body, String role) {
        String key = switch (role) {
            case "qualify" -> Credentials.CALLER_KEY;
            case "rules-admin" -> Credentials.ADMIN_KEY;
            case "privacy" -> Credentials.PRIVACY_KEY;
            default -> Credentials.AUDITOR_KEY;
        };
        send(Credentials.withKey(key), method, path, body).then().statusCode(200);
    }

    @ParameterizedTest(name = "{0} {1} with a JWT holding {3} is allowed")
    @MethodSource("endpoints")
    void withJwtOfRightGroupIsAllowed(String method, String path, String body, String role) {
        send(given().auth().oauth2(Credentials.jwt(Set.of(role), Duration.ofMinutes(5))), method, path, body)
                .then().statusCode(200);
    }

    @ParameterizedTest(name = "{0} {1} with a JWT of another group is 403")
    @MethodSource("endpoints")
    void withJwtOfOtherGroupIsForbidden(String method, String path, String body, String role) {
        String other = role.equals("qualify") ? "rules-admin" : "qualify";
        send(given().auth().oauth2(Credentials.jwt(Set.of(other), Duration.ofMinutes(5))), method, path, body)
                .then().statusCode(403);
    }

    @ParameterizedTest(name = "{0} {1} with a JWT holding {3} but no audience is 401")
    @MethodSource("endpoints")
    void withJwtWithoutAudienceIsUnauthorized(String method, String path, String body, String role) {
        send(given().auth().oauth2(Credentials.jwt(Set.of(role), Duration.ofMinutes(5), Set.of())), method, path, body)
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @ParameterizedTest(name = "{0} {1} with a JWT holding {3} for another service is 401")
    @MethodSource("endpoints")
    void withJwtForAnotherServiceIsUnauthorized(String method, String path, String body, String role) {
        String token = Credentials.jwt(Set.of(role), Duration.ofMinutes(5), Set.of("billing", "deal-advisor-staging"));
        send(given().auth().oauth2(token), method, path, body)
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @ParameterizedTest(name = "{0} {1} with a JWT naming this service among other audiences is allowed")
    @MethodSource("endpoints")
    void withJwtNamingThisServiceAmongOthersIsAllowed(String method, String path, String body, String role) {
        String token = Credentials.jwt(Set.of(role), Duration.ofMinutes(5), Set.of("billing", Credentials.AUDIENCE));
        send(given().auth().oauth2(token), method, path, body).then().statusCode(200);
    }

    @ParameterizedTest(name = "{0} {1} with an expired JWT is 401")
    @MethodSource("endpoints")
    void withExpiredJwtIsUnauthorized(String method, String path, String body, String role) {
        send(given().auth().oauth2(Credentials.jwt(Set.of(role), Duration.ofSeconds(-60))), method, path, body)
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @ParameterizedTest(name = "{0} {1} with a tampered JWT is 401")
    @MethodSource("endpoints")
    void withTamperedJwtIsUnauthorized(String method, String path, String body, String role) {
        String token = Credentials.jwt(Set.of(role), Duration.ofMinutes(5));
        String tampered = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        send(given().auth().oauth2(tampered), method, path, body).then().statusCode(401);
    }

    /** The analyst page is static; only the API calls it makes carry the analyst's key. Never cached stale. */
    @ParameterizedTest(name = "GET {0} without a credential is served, uncached")
    @CsvSource({"/, text/html", "/js/main.js, text/javascript", "/js/views/evidence.js, text/javascript",
            "/app.css, text/css"})
    void analystPageNeedsNoCredential(String path, String mediaType) {
        given().get(path).then().statusCode(200).contentType(containsString(mediaType))
                .header("Cache-Control", nullValue());
    }

    @Test
    void healthNeedsNoCredential() {
        Management.given().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem("ruleset"));
        Management.given().get("/q/health/live").then().statusCode(200);
    }

    /** What a GET may read, a HEAD may ask about, with the same role (it was 403 for every role); without one, 401. */
    @ParameterizedTest(name = "HEAD {0}")
    @ValueSource(strings = {"/v1/decisions", "/v1/evidence", "/v1/decisions/summary", "/v1/revisits"})
    void headAsksWhatGetReadsWithTheSameRole(String path) {
        Credentials.withKey(Credentials.AUDITOR_KEY).head(path).then().statusCode(200);
        io.restassured.RestAssured.given().head(path).then().statusCode(401);
    }

    static Response send(RequestSpecification request, String method, String path,
                                                         String body) {
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        return method.equals("GET") ? request.get(path) : request.post(path);
    }
}
