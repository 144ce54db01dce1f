package io.dealadvisor.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Map;

/** Who may call the service: {@code deal-advisor.auth.*} (docs/configuration.md). */
@ConfigMapping(prefix = "deal-advisor.auth")
public interface AuthConfig {

    /** {@code false} switches every credential check off: for local trials only. */
    @WithDefault("true")
    boolean enabled();

    /** API keys by id; only the SHA-256 of each key is configured, never the key itself. */
    Map<String, ApiKey> apiKeys();

    interface ApiKey {
        /** Hex SHA-256 of the key. */
        String sha256();

        /** Roles the key grants: {@code qualify}, {@code rules-admin}. */
        List<String> roles();
    }
}
