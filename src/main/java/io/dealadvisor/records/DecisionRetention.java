package io.dealadvisor.records;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Deletes the records older than {@code deal-advisor.decisions.retention}: shortly after start, then every interval. */
@ApplicationScoped
public class DecisionRetention {

    private static final Logger LOG = Logger.getLogger(DecisionRetention.class);

    private final DecisionStore store;
    private final DecisionRecorder recorder;
    private final Duration retention;
    private final Clock clock = Clock.systemUTC();

    public DecisionRetention(DecisionsConfig config, DecisionStore store, DecisionRecorder recorder) {
        this.store = store;
        this.recorder = recorder;
        this.retention = config.retention();
    }

    @Scheduled(identity = "decision-retention", every = "${deal-advisor.decisions.retention-interval}",
            delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deleteExpired() {
        if (!recorder.status().reachable()) {
            return; // off, not migrated yet, or unreachable (which the health check reports): the next run will do
        }
        Instant cutoff = clock.instant().minus(retention);
        try {
            int deleted = store.deleteDecidedBefore(cutoff);
            if (deleted > 0) {
                LOG.infof("Deleted %d decision record(s) decided before %s (retention %s)", deleted, cutoff, retention);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Could not delete the decision records decided before %s; trying again at the next run: %s",
                    cutoff, e.getMessage());
        }
    }
}
