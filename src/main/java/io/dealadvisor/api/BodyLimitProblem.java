package io.dealadvisor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body over {@code quarkus.http.limits.max-body-size} is refused by the HTTP layer before any resource
 * runs; this gives that refusal the same problem document as every other error.
 */
@ApplicationScoped
public class BodyLimitProblem {

    private final String body;

    public BodyLimitProblem(ObjectMapper mapper,
                            @ConfigProperty(name = "quarkus.http.limits.max-body-size") String maxBodySize)
            throws JsonProcessingException {
        body = mapper.writeValueAsString(Problem.of("body-too-large", "Request body too large", 413,
                "a request body may hold at most " + maxBodySize + "; send large pipelines as several batches"));
    }

    void install(@Observes Router router) {
        router.errorHandler(413, context -> context.response()
                .setStatusCode(413)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(body));
    }
}
