package io.dealadvisor.events;

import io.dealadvisor.records.Outbox;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.time.Duration;

/**
 * {@code decision-events}: DOWN while the broker has not acknowledged the waiting events for {@link #PATIENCE}, with
 * the backlog. A wellness check, not a readiness one: answers never wait for the broker, so traffic must not be
 * turned away for it. UP with events off.
 */
@Wellness
@ApplicationScoped
public class EventsHealth implements HealthCheck {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Outbox outbox;
    private final EventsStatus status;

    public EventsHealth(Outbox outbox, EventsStatus status) {
        this.outbox = outbox;
        this.status = status;
    }

    @Override
    public HealthCheckResponse call() {
        boolean failing = outbox.enabled() && status.failingFor().compareTo(PATIENCE) > 0;
        HealthCheckResponseBuilder response = HealthCheckResponse.named("decision-events").status(!failing)
                .withData("enabled", outbox.enabled())
                .withData("backlog", status.backlog());
        if (failing) {
            response.withData("error", "broker-unreachable");
        }
        return response.build();
    }
}
