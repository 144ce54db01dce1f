package io.dealadvisor.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealadvisor.intake.FieldError;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
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
    private final Idempotency idempotency;

    public QualificationResource(QualificationService service, SecurityIdentity identity, Idempotency idempotency) {
        this.service = service;
        this.identity = identity;
        this.idempotency = idempotency;
    }

    /** Read as a JSON tree, like each deal of a batch, so that every bad field is reported at once. */
    @POST
    public Response qualify(JsonNode deal, @HeaderParam(Idempotency.HEADER) String key) {
        return idempotency.answer(key, caller(), true, () -> {
            QualificationService.Answer answer = service.qualify(deal, caller());
            return new Idempotency.Answered(answer.advice(),
                    answer.decisionId() == null ? List.of() : List.of(answer.decisionId()));
        });
    }

    /** Read as a JSON tree so that each deal is checked on its own. */
    @POST
    @Path("/batch")
    public Response qualifyAll(JsonNode deals, @HeaderParam(Idempotency.HEADER) String key) {
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
        return idempotency.answer(key, caller(), false, () -> {
            QualificationService.BatchAnswer answer = service.qualifyAll(items, caller());
            return new Idempotency.Answered(answer.body(), answer.decisionIds());
        });
    }

    /** The API key's id or the JWT subject; null when credential checks are off. */
    private String caller() {
        return identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }
}
