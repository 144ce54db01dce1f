package io.dealadvisor.ops;

import io.dealadvisor.engine.RulesetRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
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
        return registry.loaded()
                .map(ruleset -> HealthCheckResponse.named("ruleset").up()
                        .withData("version", ruleset.version())
                        .withData("rules", ruleset.rules().size())
                        .build())
                .orElseGet(() -> HealthCheckResponse.named("ruleset").down().build());
    }
}
