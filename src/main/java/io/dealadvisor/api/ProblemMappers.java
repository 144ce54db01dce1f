package io.dealadvisor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.dealadvisor.DealAdvisorConfig;
import io.dealadvisor.engine.EvaluationException;
import io.dealadvisor.engine.RulesetRejectedException;
import io.dealadvisor.intake.BodyTooLargeException;
import io.dealadvisor.intake.DealBodies;
import io.dealadvisor.intake.InvalidDealException;
import io.dealadvisor.intake.JacksonErrors;
import io.dealadvisor.ops.LogText;
import io.dealadvisor.records.RecordingStoppedException;
import io.dealadvisor.records.StoreUnavailableException;
import io.dealadvisor.security.ApiKeyAuthenticationMechanism;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;
import java.util.List;

/** Every error the API can give becomes a problem document here, and nowhere else. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    DealAdvisorConfig config;
    @Inject
    ServedMethods served;

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response invalidDeal(InvalidDealException invalid) {
        return respond(Problem.invalidDeal(invalid.errors()));
    }

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException invalid) {
        return respond(switch (invalid.kind()) {
            case PARAMETERS -> Problem.invalidParameters(invalid.errors());
            case OUTCOME -> Problem.invalidOutcome(invalid.errors());
            case ERASURE -> Problem.invalidErasure(invalid.errors());
        });
    }

    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException error) {
        return unreadableJson(error);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException error) {
        if (BodyTooLargeException.isDocumentLength(error)) {
            return respond(Problem.bodyTooLarge(config.limits().maxBodySizeText()));
        }
        return respond(Problem.invalidDeal(List.of(JacksonErrors.toFieldError(error))));
    }

    @ServerExceptionMapper
    public Response bodyTooLarge(BodyTooLargeException tooLarge) {
        return respond(Problem.bodyTooLarge(config.limits().maxBodySizeText()));
    }

    @ServerExceptionMapper
    public Response tooManyDeals(DealBodies.TooManyDealsException tooMany) {
        return respond(Problem.of("batch-too-large", "Too many deals in one batch", 413, tooMany.getMessage()));
    }

    /** The body stopped arriving (the caller went away, or the connection broke): nobody waits for an answer. */
    @ServerExceptionMapper
    public Response unreadableBody(IOException error) {
        LOG.debugf("A request body could not be read: %s", error.toString());
        return respond(Problem.of("body-unreadable", "The request body could not be read", 400,
                "the request body ended before it could be read"));
    }

    @ServerExceptionMapper
    public Response noCredential(UnauthorizedException missing) {
        return unauthenticated("send an API key in the " + ApiKeyAuthenticationMechanism.HEADER
                + " header or a bearer JWT in the Authorization header");
    }

    @ServerExceptionMapper
    public Response wrongCredential(AuthenticationFailedException failed) {
        return unauthenticated("the API key or bearer token is not valid");
    }

    @ServerExceptionMapper
    public Response wrongRole(ForbiddenException forbidden) {
        return respond(Problem.of("forbidden", "Forbidden", 403,
                "the credential is valid but lacks the role this endpoint needs (qualify; rules-admin to reload;"
                        + " analyst or auditor for figures; auditor to read decision records; privacy for erasures)"));
    }

    private static Response unauthenticated(String detail) {
        return Response.fromResponse(respond(Problem.of("unauthorized", "Unauthorized", 401, detail)))
                .header("WWW-Authenticate", "ApiKey header=\"" + ApiKeyAuthenticationMechanism.HEADER + "\"")
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response idempotencyKeyConflict(IdempotencyKeyConflict conflict) {
        if (conflict.keyInUse()) {
            return Response.fromResponse(respond(Problem.of("idempotency-key-in-use", "Idempotency-Key in use", 409,
                    conflict.getMessage()))).header("Retry-After", "1").build();
        }
        return respond(Problem.of("idempotency-key-reused", "Idempotency-Key reused", 422, conflict.getMessage()));
    }

    @ServerExceptionMapper
    public Response tooManyUploads(BodiesInFlight.TooManyUploadsException tooMany) {
        return Response.fromResponse(respond(Problem.of("too-many-uploads", "Too many bodies still arriving", 429,
                tooMany.getMessage()))).header("Retry-After", "1").build();
    }

    @ServerExceptionMapper
    public Response rulesRejected(RulesetRejectedException rejected) {
        return respond(Problem.rulesRejected(rejected.problems()));
    }

    @ServerExceptionMapper
    public Response ruleFailed(EvaluationException failure) {
        LOG.errorf(failure, "Evaluation failed: %s", LogText.escaped(failure.getMessage()));
        return respond(Problem.ruleFailed(failure));
    }

    /** The same problem a request gets when it arrives once the stop has refused new ones (ops.GracefulStop). */
    @ServerExceptionMapper
    public Response stopping(RecordingStoppedException stopping) {
        return Response.fromResponse(respond(Problem.stopping())).header("Retry-After", 1).header("Connection", "close")
                .build();
    }

    @ServerExceptionMapper
    public Response storeUnavailable(StoreUnavailableException unavailable) {
        if (unavailable.retryAfterSeconds() > 0) {
            // a qualification refused with durability=sync: the recorder logs the outage once, not every refusal
            LOG.debugf("%s (%s)", unavailable.getMessage(), unavailable.getCause());
            return Response.fromResponse(respond(Problem.of("store-unavailable", "Decision records are unavailable",
                    503, unavailable.getMessage()))).header("Retry-After", unavailable.retryAfterSeconds()).build();
        }
        LOG.warnf("%s (%s)", unavailable.getMessage(), unavailable.getCause());
        return respond(Problem.of("store-unavailable", "Decision records are unavailable", 503,
                unavailable.getMessage()));
    }

    /** A body not sent as the endpoint takes it: refused by the framework (its media type) or by JsonBodyCheck. */
    @ServerExceptionMapper
    public Response unsupportedBody(NotSupportedException error, HttpHeaders headers) {
        if (JsonBodyCheck.encoded(headers.getHeaderString(HttpHeaders.CONTENT_ENCODING))) {
            // RFC 9110, 15.5.16: a refused content coding is answered with the codings that are accepted
            return Response.fromResponse(respond(unsupported(JsonBodyCheck.CONTENT_ENCODING)))
                    .header("Accept-Encoding", "identity").build();
        }
        return respond(unsupported(JsonBodyCheck.CONTENT_TYPE));
    }

    private static Problem unsupported(String detail) {
        return Problem.of("unsupported-media-type", "Unsupported Media Type", 415, detail);
    }

    /**
     * The problem of a status the framework gave, keeping the headers it gave with it; a {@code 405} gets the
     * {@code Allow} header RFC 9110 asks for, which the framework leaves out.
     */
    @ServerExceptionMapper
    public Response http(WebApplicationException error, UriInfo uri) {
        Throwable cause = error.getCause();
        if (cause instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        Response.StatusType status = error.getResponse().getStatusInfo();
        Response.ResponseBuilder answer = Response.fromResponse(error.getResponse())
                .entity(Problem.of(status.getReasonPhrase().toLowerCase().replace(' ', '-'), status.getReasonPhrase(),
                        status.getStatusCode(), error.getMessage()))
                .type(Problem.MEDIA_TYPE);
        if (status.getStatusCode() == 405 && error.getResponse().getHeaderString(HttpHeaders.ALLOW) == null) {
            answer.header(HttpHeaders.ALLOW, served.allow(uri.getPath()));
        }
        return answer.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable error) {
        LOG.error("Unexpected error", error);
        return respond(Problem.of("internal-error", "Internal error", 500,
                "the service could not answer; the error is logged"));
    }

}
