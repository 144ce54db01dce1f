package io.dealadvisor.security;

import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static io.restassured.RestAssured.given;

/** The credentials configured for the test profile (application.properties), ready to send. */
public final class Credentials {

    /** Every role; the same demo key dev mode accepts. */
    public static final String DEMO_KEY = "dev-demo-key";
    /** Role qualify only. */
    public static final String CALLER_KEY = "test-qualify-only-key";
    /** Role rules-admin only. */
    public static final String ADMIN_KEY = "test-admin-only-key";
    /** Role auditor only. */
    public static final String AUDITOR_KEY = "test-auditor-only-key";
    /** Role privacy only. */
    public static final String PRIVACY_KEY = "test-privacy-only-key";
    /** Role analyst only: figures without deals. */
    public static final String ANALYST_KEY = "test-analyst-only-key";

    private Credentials() {
    }

    /** A request with the demo key, allowed everywhere. */
    public static RequestSpecification asDemo() {
        return withKey(DEMO_KEY);
    }

    public static RequestSpecification withKey(String key) {
        return given().header(ApiKeyAuthenticationMechanism.HEADER, key);
    }

    /** The audience a token must name (mp.jwt.verify.audiences). */
    public static final String AUDIENCE = "deal-advisor";

    /** A bearer JWT for this service signed with the test key pair (src/test/resources), roles in its groups claim. */
    public static String jwt(Set<String> groups, Duration lifetime) {
        return jwt(groups, lifetime, Set.of(AUDIENCE));
    }

    /** The same with the given audiences; none: a token without an {@code aud} claim. */
    public static String jwt(Set<String> groups, Duration lifetime, Set<String> audiences) {
        JwtClaimsBuilder claims = Jwt.issuer("deal-advisor")
                .subject("crm-integration")
                .groups(groups)
                .issuedAt(Instant.now().minusSeconds(5))
                .expiresAt(Instant.now().plus(lifetime));
        if (!audiences.isEmpty()) {
            claims.audience(audiences);
        }
        return claims.sign("jwt-private.pem");
    }
}
