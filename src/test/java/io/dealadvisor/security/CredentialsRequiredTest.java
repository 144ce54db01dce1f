package io.dealadvisor.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A service with checks on and no credential configured would let nobody in: it must not start. */
class CredentialsRequiredTest {

    @Test
    void refusesToStartWithChecksOnAndNoCredential() {
        var check = new CredentialsRequired(auth(true, Map.of()), Optional.empty(), Optional.empty());
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> check.onStart(null));
        assertTrue(refused.getMessage().contains("deal-advisor.auth.enabled=false"));
    }

    @Test
    void startsWithAnApiKeyOrAJwtKeyOrChecksOff() {
        AuthConfig.ApiKey key = new AuthConfig.ApiKey() {
            public String sha256() {
                return "00";
            }

            public List<String> roles() {
                return List.of("qualify");
            }
        };
        assertDoesNotThrow(() -> new CredentialsRequired(auth(true, Map.of("crm", key)), Optional.empty(),
                Optional.empty()).onStart(null));
        assertDoesNotThrow(() -> new CredentialsRequired(auth(true, Map.of()), Optional.empty(),
                Optional.of("/etc/keys/jwt.pem")).onStart(null));
        assertDoesNotThrow(() -> new CredentialsRequired(auth(false, Map.of()), Optional.empty(),
                Optional.empty()).onStart(null));
    }

    private static AuthConfig auth(boolean enabled, Map<String, AuthConfig.ApiKey> keys) {
        return new AuthConfig() {
            public boolean enabled() {
                return enabled;
            }

            public Map<String, ApiKey> apiKeys() {
                return keys;
            }
        };
    }
}
