package io.dealadvisor.api;

import io.dealadvisor.domain.Advice;
import io.dealadvisor.engine.RulesetRegistry;
import io.dealadvisor.records.DecisionQuery;
import io.dealadvisor.records.OutcomeStore;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** The truths measured against the outcomes reported for the decisions of a period, for auditors. */
@Path("/v1/evidence")
public class EvidenceResource {

    private final OutcomeStore outcomes;
    private final RulesetRegistry registry;

    public EvidenceResource(OutcomeStore outcomes, RulesetRegistry registry) {
        this.outcomes = outcomes;
        this.registry = registry;
    }

    /** {@code from} (inclusive) and {@code to} (exclusive) are read as the decision listing reads them. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response evidence(@BeanParam PeriodParameters period) {
        DecisionQuery range = period.period();
        List<String> precedence = registry.current().policy().precedence().stream().map(Advice::name).toList();
        return Response.ok(outcomes.evidence(range.from(), range.to(), precedence)).build();
    }
}
