package io.dealadvisor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealadvisor.DealAdvisorConfig;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a body declared longer than {@code deal-advisor.limits.max-body-size} with a problem document, before
 * anything else handles the request. A body sent without a length (chunked) is held to the limit as it is read.
 *
 * <p>First of all: the HTTP layer's own ceiling ({@code quarkus.http.limits.max-body-size}, set higher) answers an
 * empty {@code 413}, and in a way that leaves the request in flight for the stop's count ({@code ops.GracefulStop})
 * for good, so it must never see one: beyond that ceiling this answers and closes the connection itself (over
 * HTTP/2, resets the stream).
 */
@ApplicationScoped
public class BodyLimitProblem {

    /** Above the stop's filter (1000), which would count the request in flight. */
    private static final int FILTER_PRIORITY = 2000;
    /** HTTP/2's error code for a stream ended on purpose. */
    private static final long NO_ERROR = 0;

    private final long maxBytes;
    private final long ceilingBytes;
    private final byte[] problem;

    public BodyLimitProblem(DealAdvisorConfig config, ObjectMapper mapper,
                            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize ceiling)
            throws JsonProcessingException {
        this.maxBytes = config.limits().maxBodySize().asLongValue();
        this.ceilingBytes = ceiling.asLongValue();
        this.problem = mapper.writeValueAsBytes(Problem.bodyTooLarge(config.limits().maxBodySizeText()));
    }

    void register(@Observes Filters filters) {
        filters.register(this::refuseOversizedBody, FILTER_PRIORITY);
    }

    private void refuseOversizedBody(RoutingContext context) {
        String header = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long declared = header == null ? -1 : declared(header);
        if (declared <= maxBytes) {
            context.next();
            return;
        }
        context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (declared <= ceilingBytes) {
            // what follows is read and dropped, as a client that sends its body before reading the answer expects
            context.response().end(Buffer.buffer(problem));
            return;
        }
        if (context.request().version() == HttpVersion.HTTP_2) {
            // One stream of a connection others share: the answer, then a reset with NO_ERROR, which asks the
            // client to stop sending this body without failing the answer it has had (RFC 9113, 8.1).
            context.response().end(Buffer.buffer(problem)).onComplete(sent -> context.response().reset(NO_ERROR));
            return;
        }
        // more than is worth reading: the connection ends with the answer, as the HTTP layer's own refusal did
        context.response().putHeader(HttpHeaders.CONNECTION, "close").end(Buffer.buffer(problem))
                .onComplete(sent -> context.request().connection().close());
    }

    /** The declared length; -1 when malformed, which the HTTP layer answers itself. */
    private static long declared(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
