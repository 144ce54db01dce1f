package io.dealadvisor.records;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.Liveness;

/**
 * DOWN while the decision store cannot be reached, with the backlog. A wellness check, not a readiness one:
 * answers never depend on the store, so traffic must not be turned away for it.
 *
 * <p>It says what is wrong in one fixed word, {@code unreachable} (or {@code writer-stopped} when the writer failed
 * too often to be restarted, when the liveness check {@link #writerLiveness} is DOWN too), never the driver's
 * message: that can name hosts, users or database objects, and goes to the log instead, once per outage.
 */
@Wellness
@ApplicationScoped
public class DecisionRecordsHealth implements HealthCheck {

    /** The {@code error} of a store that does not answer. */
    public static final String UNREACHABLE = "unreachable";
    /** The {@code error} once the writer has been given up: nothing is written until a restart. */
    public static final String WRITER_STOPPED = "writer-stopped";

    private final DecisionRecorder recorder;

    public DecisionRecordsHealth(DecisionRecorder recorder) {
        this.recorder = recorder;
    }

    /**
     * The liveness check {@code decision-records-writer}: DOWN once the writer has been given up (it failed too often
     * to be restarted, see {@link RecordWriter}), when the process answers but can no longer keep what it answers and
     * only a restart of it can help. UP while the store is merely unreachable: restarting would not bring a database
     * back, and would lose the buffer.
     */
    @Produces
    @Liveness
    @Singleton
    HealthCheck writerLiveness() {
        return () -> {
            RecorderStatus status = recorder.status();
            boolean givenUp = status.enabled() && status.writerStopped();
            return HealthCheckResponse.named("decision-records-writer").status(!givenUp)
                    .withData("enabled", status.enabled())
                    .withData("writer", !status.enabled() ? "off" : givenUp ? WRITER_STOPPED : "running")
                    .build();
        };
    }

    @Override
    public HealthCheckResponse call() {
        RecorderStatus status = recorder.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("decision-records")
                .status(!status.enabled() || status.reachable())
                .withData("enabled", status.enabled())
                .withData("store", status.store())
                .withData("backlog", status.backlog())
                .withData("dropped", status.dropped());
        if (status.enabled() && !status.reachable()) {
            response.withData("error", status.writerStopped() ? WRITER_STOPPED : UNREACHABLE);
        }
        return response.build();
    }
}
