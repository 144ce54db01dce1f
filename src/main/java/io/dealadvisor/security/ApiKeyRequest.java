package io.dealadvisor.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key presented in the {@code X-API-Key} header, waiting to be checked. */
public final class ApiKeyRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
