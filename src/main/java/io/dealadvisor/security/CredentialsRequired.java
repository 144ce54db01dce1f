package io.dealadvisor.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Refuses to start a service that would turn every caller away: credential checks on, but no API key and
 * no JWT verification key configured. Switching checks off must be said explicitly.
 */
@ApplicationScoped
public class CredentialsRequired {

    private final AuthConfig auth;
    private final Optional<String> jwtPublicKey;
    private final Optional<String> jwtPublicKeyLocation;

    public CredentialsRequired(AuthConfig auth,
                               @ConfigProperty(name = "mp.jwt.verify.publickey") Optional<String> jwtPublicKey,
                               @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> jwtPublicKeyLocation) {
        this.auth = auth;
        this.jwtPublicKey = jwtPublicKey;
        this.jwtPublicKeyLocation = jwtPublicKeyLocation;
    }

    void onStart(@Observes StartupEvent start) {
        if (auth.enabled() && auth.apiKeys().isEmpty() && jwtPublicKey.isEmpty() && jwtPublicKeyLocation.isEmpty()) {
            throw new IllegalStateException("No credential is configured, so no caller could be let in. Configure an"
                    + " API key (deal-advisor.auth.api-keys.<id>.sha256 and .roles) or JWT verification"
                    + " (mp.jwt.verify.publickey.location), or switch credential checks off for a local trial with"
                    + " deal-advisor.auth.enabled=false.");
        }
    }
}
