package io.dealadvisor.api;

import io.dealadvisor.engine.RuleProblem;
import io.dealadvisor.engine.RulesetRegistry;
import io.dealadvisor.engine.Scenario;
import io.dealadvisor.engine.Scenarios;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.List;

/** The analysts' scenario deals of the live rules folder, read-only, so any caller can try them. */
@Path("/v1/scenarios")
@Produces(MediaType.APPLICATION_JSON)
public class ScenarioResource {

    /** Every scenario file of the folder, each with its deal and what the rules should advise for it. */
    public record ScenarioCatalogue(List<Scenario> scenarios) {
    }

    private final RulesetRegistry registry;

    public ScenarioResource(RulesetRegistry registry) {
        this.registry = registry;
    }

    /**
     * Read from disk on each call, so a scenario saved a moment ago is listed. A malformed file is left out:
     * the reload it triggers is refused, and {@code GET /v1/ruleset} already says why.
     */
    @GET
    public ScenarioCatalogue scenarios() {
        List<RuleProblem> reportedByTheReload = new ArrayList<>();
        return new ScenarioCatalogue(Scenarios.load(registry.current().directory(), reportedByTheReload));
    }
}
