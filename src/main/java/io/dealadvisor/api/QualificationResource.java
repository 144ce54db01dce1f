package io.dealadvisor.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealadvisor.intake.FieldError;
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

    private final QualificationService service;

    public QualificationResource(QualificationService service) {
        this.service = service;
    }

    /** Read as a JSON tree, like each deal of a batch, so that every bad field is reported at once. */
    @POST
    public Response qualify(JsonNode deal) {
        QualificationService.Answer answer = service.qualify(deal);
        return Response.ok(answer.advice(), MediaType.APPLICATION_JSON_TYPE).build();
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
        return Response.ok(service.qualifyAll(items), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
