package io.dealadvisor.security;

import io.quarkus.test.junit.QuarkusTest;
import io.dealadvisor.records.SyncUnreachableAtStart;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With {@code deal-advisor.auth.enabled=false} nobody needs a credential (local trials only), and a credential sent
 * anyway is ignored alike on every endpoint: no key or token, good or bad, changes the answer. The switch is set by
 * {@link SyncUnreachableAtStart}, whose store is up again by the time this test runs.
 */
@QuarkusTest
@TestProfile(SyncUnreachableAtStart.class)
class AuthSwitchedOffTest {

    /** Each way of sending, or not sending, a credential. */
    private static final Map<String, Supplier<RequestSpecification>> CREDENTIALS = Map.of(
            "none", () -> given(),
            "an unknown API key", () -> Credentials.withKey("not-a-key"),
            "a key of another role", () -> Credentials.withKey(Credentials.AUDITOR_KEY),
            "a malformed bearer token", () -> given().auth().oauth2("not.a.token"),
            "an expired JWT", () -> given().auth().oauth2(Credentials.jwt(Set.of("qualify"), Duration.ofSeconds(-60))),
            "a JWT for another service",
            () -> given().auth().oauth2(Credentials.jwt(Set.of("qualify"), Duration.ofMinutes(5), Set.of("billing"))));

    @ParameterizedTest(name = "{0} {1} answers 200 whatever credential is sent")
    @MethodSource("io.dealadvisor.security.SecurityTest#endpoints")
    void everyEndpointIgnoresCredentials(String method, String path, String body, String role) {
        List<String> answers = CREDENTIALS.entrySet().stream()
                .map(credential -> credential.getKey() + ": "
                        + SecurityTest.send(credential.getValue().get(), method, path, body).then().extract().statusCode())
                .sorted().toList();
        List<String> expected = CREDENTIALS.keySet().stream().map(credential -> credential + ": 200").sorted().toList();
        assertEquals(expected, answers);
    }
}
