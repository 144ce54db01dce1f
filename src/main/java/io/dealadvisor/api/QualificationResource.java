package io.dealadvisor.api;

import io.dealadvisor.intake.DealBodies;
import io.dealadvisor.intake.DealReader;
import io.dealadvisor.ops.GracefulStop;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

@Path("/v1/qualifications")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class QualificationResource {

    /** The response header carrying the id of the decision record, beside (never inside) the advice. */
    public static final String DECISION_ID = "Decision-Id";

    private final QualificationService service;
    private final DealBodies bodies;
    private final SecurityIdentity identity;
    private final Idempotency idempotency;
    private final BodiesInFlight inFlight;

    public QualificationResource(QualificationService service, DealBodies bodies, SecurityIdentity identity,
                                 Idempotency idempotency, BodiesInFlight inFlight) {
        this.service = service;
        this.bodies = bodies;
        this.identity = identity;
        this.idempotency = idempotency;
        this.inFlight = inFlight;
    }

    /** Read from the body as it arrives, within the limits on input; every bad field is reported at once. */
    @POST
    public Response qualify(InputStream body, @Context HttpHeaders headers, @Context RoutingContext routing)
            throws IOException {
        Instant arrived = GracefulStop.arrivedAt(routing);
        String key = idempotency.keyOf(headers);
        Idempotency.HashedBody hashed = Idempotency.HashedBody.of(body, key, false);
        DealReader.Reading deal;
        try (BodiesInFlight.Reading reading = inFlight.begin(identity)) {
            deal = bodies.readDeal(hashed.stream());
        }
        return idempotency.answer(key, hashed, caller(), true, claim -> {
            QualificationService.Answer answer = service.qualify(deal, caller(), null, claim, arrived);
            return new Idempotency.Answered(answer.advice(),
                    answer.decisionId() == null ? List.of() : List.of(answer.decisionId()));
        });
    }

    /** Each deal is read from the body as it arrives and checked on its own. */
    @POST
    @Path("/batch")
    public Response qualifyAll(InputStream body, @Context HttpHeaders headers, @Context RoutingContext routing)
            throws IOException {
        Instant arrived = GracefulStop.arrivedAt(routing);
        String key = idempotency.keyOf(headers);
        Idempotency.HashedBody hashed = Idempotency.HashedBody.of(body, key, true);
        List<DealReader.Reading> deals;
        try (BodiesInFlight.Reading reading = inFlight.begin(identity)) {
            deals = bodies.readBatch(hashed.stream());
        }
        return idempotency.answer(key, hashed, caller(), false, noClaim -> { // a batch keeps its answer itself
            QualificationService.BatchAnswer answer = service.qualifyAll(deals, caller(), arrived);
            return new Idempotency.Answered(answer.body(), answer.decisionIds());
        });
    }

    /** The API key's id or the JWT subject; null when credential checks are off. */
    private String caller() {
        return identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }
}
