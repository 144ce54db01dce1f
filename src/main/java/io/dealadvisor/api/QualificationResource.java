package io.dealadvisor.api;

import io.dealadvisor.intake.DealBodies;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;

@Path("/v1/qualifications")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class QualificationResource {

    /** The response header carrying the id of the decision record, beside (never inside) the advice. */
    public static final String DECISION_ID = "Decision-Id";

    private final QualificationService service;
    private final DealBodies bodies;
    private final SecurityIdentity identity;

    public QualificationResource(QualificationService service, DealBodies bodies, SecurityIdentity identity) {
        this.service = service;
        this.bodies = bodies;
        this.identity = identity;
    }

    /** Read from the body as it arrives, within the limits on input; every bad field is reported at once. */
    @POST
    public Response qualify(InputStream body) throws IOException {
        QualificationService.Answer answer = service.qualify(bodies.readDeal(body), caller());
        return Response.ok(answer.advice(), MediaType.APPLICATION_JSON_TYPE)
                .header(DECISION_ID, answer.decisionId()).build();
    }

    /** Each deal is read from the body as it arrives and checked on its own. */
    @POST
    @Path("/batch")
    public Response qualifyAll(InputStream body) throws IOException {
        return Response.ok(service.qualifyAll(bodies.readBatch(body), caller()), MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    /** The API key's id or the JWT subject; null when credential checks are off. */
    private String caller() {
        return identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }
}
