package io.dealadvisor.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Checks an API key against the configured SHA-256 hashes. Every configured key is compared, in constant
 * time, so neither the timing nor the log reveals which key came close. The key itself is never logged.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyRequest> {

    private record Key(String id, byte[] sha256, List<String> roles) {
    }

    private final List<Key> keys;

    public ApiKeyIdentityProvider(AuthConfig config) {
        keys = config.apiKeys().entrySet().stream()
                .map(entry -> new Key(entry.getKey(), HexFormat.of().parseHex(entry.getValue().sha256().trim()),
                        entry.getValue().roles()))
                .toList();
    }

    @Override
    public Class<ApiKeyRequest> getRequestType() {
        return ApiKeyRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyRequest request, AuthenticationRequestContext context) {
        byte[] presented = sha256(request.key());
        Key match = null;
        for (Key key : keys) {
            if (MessageDigest.isEqual(key.sha256(), presented)) {
                match = key;
            }
        }
        if (match == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("unknown API key"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(match.id()))
                .addRoles(Set.copyOf(match.roles()))
                .build());
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
