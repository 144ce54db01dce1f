package io.dealadvisor.records;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * DOWN once the decision-records writer has been given up (it failed too often to be restarted, see
 * {@link RecordWriter}): the process answers but can no longer keep what it answers, and only a restart of it can
 * help, which is what a liveness probe is for. UP while the store is merely unreachable: a restart would not bring
 * a database back, and would lose the buffer; that is the {@link DecisionRecordsHealth} wellness check's to say.
 */
@Liveness
@ApplicationScoped
public class DecisionWriterLiveness implements HealthCheck {

    private final DecisionRecorder recorder;

    public DecisionWriterLiveness(DecisionRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public HealthCheckResponse call() {
        DecisionRecorder.Status status = recorder.status();
        boolean given = status.enabled() && status.writerStopped();
        return HealthCheckResponse.named("decision-records-writer").status(!given)
                .withData("enabled", status.enabled())
                .withData("writer", !status.enabled() ? "off" : given ? DecisionRecordsHealth.WRITER_STOPPED
                        : "running")
                .build();
    }
}
