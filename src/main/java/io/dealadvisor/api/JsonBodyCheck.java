package io.dealadvisor.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Map;

/**
 * How an endpoint that takes a body ({@code @Consumes}) wants it sent: {@code application/json}, in UTF-8, not
 * compressed. The framework refuses another media type named in {@code Content-Type}, but lets through a body sent
 * without one, in another charset or with a content coding, which would be read as UTF-8 JSON all the same; this
 * refuses those with the same {@code 415} (api.ProblemMappers words both).
 */
public class JsonBodyCheck {

    /** The detail of a body refused for its Content-Type: the framework's refusals of a media type included. */
    static final String CONTENT_TYPE = "the Content-Type header must be application/json, with charset UTF-8 or no"
            + " charset";
    static final String CONTENT_ENCODING = "the Content-Encoding header must be identity or absent: the body is read"
            + " as sent, never decompressed";

    @ServerRequestFilter
    public void check(ContainerRequestContext request, ResourceInfo resource) {
        boolean takesBody = resource.getResourceMethod() != null
                && (resource.getResourceMethod().isAnnotationPresent(Consumes.class)
                || resource.getResourceClass().isAnnotationPresent(Consumes.class));
        if (takesBody && (encoded(request.getHeaderString(HttpHeaders.CONTENT_ENCODING))
                || !json(request.getHeaderString(HttpHeaders.CONTENT_TYPE)))) {
            throw new NotSupportedException();
        }
    }

    /** Whether a Content-Encoding header names a coding other than identity. */
    static boolean encoded(String contentEncoding) {
        if (contentEncoding != null) {
            for (String coding : contentEncoding.split(",")) {
                if (!coding.isBlank() && !coding.trim().equalsIgnoreCase("identity")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a Content-Type header says application/json, in UTF-8 if it names a charset. */
    private static boolean json(String contentType) {
        if (contentType == null) {
            return false;
        }
        MediaType type;
        try {
            type = MediaType.valueOf(contentType);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        if (!type.getType().equalsIgnoreCase("application") || !type.getSubtype().equalsIgnoreCase("json")) {
            return false;
        }
        for (Map.Entry<String, String> parameter : type.getParameters().entrySet()) {
            if (parameter.getKey().equalsIgnoreCase(MediaType.CHARSET_PARAMETER)
                    && !parameter.getValue().equalsIgnoreCase("UTF-8")) {
                return false;
            }
        }
        return true;
    }
}
