package io.dealadvisor.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of the body of a request that carries an {@code Idempotency-Key}, over the bytes as sent: read here,
 * as the body is read for the resource, so that parsing it stays exactly as for any other request.
 */
@Provider
public class RequestBodyHash implements ReaderInterceptor {

    private final Holder holder;

    public RequestBodyHash(Holder holder) {
        this.holder = holder;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException, WebApplicationException {
        if (context.getHeaders().getFirst(Idempotency.HEADER) == null) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        holder.set(sha256(body)); // through the method: a field of the request-scoped proxy is not the request's
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The hash of this request's body; null when it was not read with an {@code Idempotency-Key}. */
    @RequestScoped
    public static class Holder {
        private String sha256;

        void set(String sha256) {
            this.sha256 = sha256;
        }

        public String sha256() {
            return sha256;
        }
    }
}
