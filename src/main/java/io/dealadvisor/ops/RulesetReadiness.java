package io.dealadvisor.ops;

import io.dealadvisor.engine.Ruleset;
import io.dealadvisor.engine.RulesetRegistry;
import io.dealadvisor.engine.RulesSlot;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready to take deals only while a ruleset is loaded. */
@Readiness
@ApplicationScoped
public class RulesetReadiness implements HealthCheck {

    private final RulesetRegistry registry;

    public RulesetReadiness(RulesetRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        if (registry.loaded().isEmpty()) {
            return HealthCheckResponse.named("ruleset").down().build();
        }
        RulesSlot.Snapshot snapshot = registry.snapshot();
        Ruleset ruleset = snapshot.advisor().ruleset();
        HealthCheckResponseBuilder check = HealthCheckResponse.named("ruleset").up()
                .withData("version", ruleset.version())
                .withData("rules", ruleset.rules().size());
        if (snapshot.lastFailure() != null) { // still ready: the previous ruleset serves; GET /v1/ruleset says why
            check.withData("lastReloadRefusedAt", snapshot.lastFailure().at().toString())
                    .withData("lastReloadProblems", snapshot.lastFailure().problems().size());
        }
        return check.build();
    }
}
