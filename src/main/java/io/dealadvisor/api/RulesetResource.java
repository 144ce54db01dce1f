package io.dealadvisor.api;

import io.dealadvisor.engine.RulesetRegistry;
import io.dealadvisor.engine.RulesetRejectedException;
import io.dealadvisor.ops.DecisionMetrics;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public class RulesetResource {

    private final RulesetRegistry registry;
    private final DecisionMetrics metrics;

    public RulesetResource(RulesetRegistry registry, DecisionMetrics metrics) {
        this.registry = registry;
        this.metrics = metrics;
    }

    @GET
    @Path("/truths")
    public TruthCatalogue truths() {
        return TruthCatalogue.of(registry.current());
    }

    @GET
    @Path("/ruleset")
    public RulesetView ruleset() {
        return RulesetView.of(registry.snapshot(), metrics::firings);
    }

    /** Reloads the rules folder now; a refused reload answers 422 and the previous ruleset keeps serving. */
    @POST
    @Path("/ruleset/reload")
    public RulesetView reload() throws RulesetRejectedException {
        return RulesetView.of(registry.reload(), null, metrics::firings);
    }
}
