package io.dealadvisor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.dealadvisor.engine.EvaluationException;
import io.dealadvisor.engine.RulesetRejectedException;
import io.dealadvisor.intake.InvalidDealException;
import io.dealadvisor.intake.JacksonErrors;
import io.dealadvisor.records.StoreUnavailableException;
import io.dealadvisor.security.ApiKeyAuthenticationMechanism;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** Every error the API can give becomes a problem document here, and nowhere else. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response invalidDeal(InvalidDealException invalid) {
        return respond(Problem.invalidDeal(invalid.errors()));
    }

    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException error) {
        return unreadableJson(error);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException error) {
        return respond(Problem.invalidDeal(List.of(JacksonErrors.toFieldError(error))));
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
                        + " auditor to read decision records; privacy for erasures)"));
    }

    private static Response unauthenticated(String detail) {
        return Response.fromResponse(respond(Problem.of("unauthorized", "Unauthorized", 401, detail)))
                .header("WWW-Authenticate", "ApiKey header=\"" + ApiKeyAuthenticationMechanism.HEADER + "\"")
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response rulesRejected(RulesetRejectedException rejected) {
        return respond(Problem.rulesRejected(rejected.problems()));
    }

    @ServerExceptionMapper
    public Response ruleFailed(EvaluationException failure) {
        LOG.errorf(failure, "Evaluation failed in rule '%s'", failure.rule());
        return respond(Problem.ruleFailed(failure));
    }

    @ServerExceptionMapper
    public Response storeUnavailable(StoreUnavailableException unavailable) {
        LOG.warnf("%s (%s)", unavailable.getMessage(), unavailable.getCause());
        return respond(Problem.of("store-unavailable", "Decision records are unavailable", 503,
                unavailable.getMessage()));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException error) {
        Throwable cause = error.getCause();
        if (cause instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        Response.StatusType status = error.getResponse().getStatusInfo();
        return respond(Problem.of(status.getReasonPhrase().toLowerCase().replace(' ', '-'),
                status.getReasonPhrase(), status.getStatusCode(), error.getMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception error) {
        LOG.error("Unexpected error", error);
        return respond(Problem.of("internal-error", "Internal error", 500,
                "the service could not answer; the error is logged"));
    }

}
