package io.dealadvisor.records;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import io.smallrye.health.api.Wellness;

/**
 * DOWN while the decision store cannot be reached, with the backlog. A wellness check, not a readiness one:
 * answers never depend on the store, so traffic must not be turned away for it.
 */
@Wellness
@ApplicationScoped
public class DecisionRecordsHealth implements HealthCheck {

    private final DecisionRecorder recorder;

    public DecisionRecordsHealth(DecisionRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public HealthCheckResponse call() {
        DecisionRecorder.Status status = recorder.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("decision-records")
                .status(!status.enabled() || status.reachable())
                .withData("enabled", status.enabled())
                .withData("store", status.store())
                .withData("backlog", status.backlog())
                .withData("dropped", status.dropped());
        if (status.lastError() != null) {
            response.withData("error", status.lastError());
        }
        return response.build();
    }
}
