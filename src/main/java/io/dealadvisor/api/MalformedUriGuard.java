package io.dealadvisor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Refuses a request URI that cannot be parsed (a stray {@code %} in the query string, say) with a problem
 * document, on every route. Quarkus makes the same check before any router and answers an empty 400; it is
 * switched off with the system property {@code vertx.disableURIValidation} (set by {@link Main}, and in pom.xml
 * for tests and dev mode), so this route, first of all, must keep making it.
 */
@ApplicationScoped
public class MalformedUriGuard {

    private final ObjectMapper mapper;

    public MalformedUriGuard(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext context) {
        String uri = context.request().uri();
        try {
            new URI(uri);
        } catch (URISyntaxException malformed) {
            refuse(context, problem(uri, malformed));
            return;
        }
        context.next();
    }

    private static Problem problem(String uri, URISyntaxException malformed) {
        int query = uri.indexOf('?');
        if (query >= 0 && malformed.getIndex() > query) {
            return Problem.of("bad-query", "Bad Request", 400, "the query string cannot be decoded: "
                    + malformed.getReason() + " at index " + (malformed.getIndex() - query - 1));
        }
        return Problem.of("bad-uri", "Bad Request", 400,
                "the request path cannot be decoded: " + malformed.getReason() + " at index " + malformed.getIndex());
    }

    private void refuse(RoutingContext context, Problem problem) {
        try {
            context.response().setStatusCode(problem.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(mapper.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }
}
