package io.dealadvisor.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealadvisor.intake.FieldError;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.List;

@Path("/v1/qualifications")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class QualificationResource {

    /** The response header carrying the id of the decision record, beside (never inside) the advice. */
    public static final String DECISION_ID = "Decision-Id";

    private final QualificationService service;
    private final SecurityIdentity identity;

    public QualificationResource(QualificationService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    /** Read as a JSON tree, like each deal of a batch, so that every bad field is reported at once. */
    @POST
    public Response qualify(JsonNode deal) {
        QualificationService.Answer answer = service.qualify(deal, caller());
        return Response.ok(answer.advice(), MediaType.APPLICATION_JSON_TYPE)
                .header(DECISION_ID, answer.decisionId()).build();
    }

    /** Read as a JSON tree so that each deal is checked on its own. */
    @POST
    @Path("/batch")
    public Response qualifyAll(JsonNode deals) {
        if (deals == null || !deals.isArray()) {
            return ProblemMappers.respond(Problem.invalidDeal(List.of(new FieldError("",
                    "must be a JSON array of deals"))));
        }
        if (deals.size() > service.maxBatch()) {
            return ProblemMappers.respond(Problem.of("batch-too-large", "Too many deals in one batch", 413,
                    "a batch holds at most " + service.maxBatch() + " deals; this one has " + deals.size()));
        }
        List<JsonNode> items = new ArrayList<>(deals.size());
        deals.forEach(items::add);
        return Response.ok(service.qualifyAll(items, caller()), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** The API key's id or the JWT subject; null when credential checks are off. */
    private String caller() {
        return identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }
}
