package io.dealadvisor.api;

import io.dealadvisor.DealAdvisorConfig;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * Refuses a body longer than {@code deal-advisor.limits.max-body-size} with a problem document. The HTTP
 * layer's own ceiling ({@code quarkus.http.limits.max-body-size}, set higher) answers an empty 413 and closes
 * the connection; this check sits below it so callers normally get the readable answer.
 */
public class BodyLimitProblem {

    private final long maxBytes;
    private final String maxText;

    public BodyLimitProblem(DealAdvisorConfig config) {
        this.maxBytes = config.limits().maxBodySize().asLongValue();
        this.maxText = config.limits().maxBodySizeText();
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseOversizedBody(HttpHeaders headers) {
        String declared = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            return Optional.empty();
        }
        try {
            if (Long.parseLong(declared.trim()) <= maxBytes) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            return Optional.empty(); // the HTTP layer answers a malformed length itself
        }
        return Optional.of(ProblemMappers.respond(Problem.bodyTooLarge(maxText)));
    }
}
