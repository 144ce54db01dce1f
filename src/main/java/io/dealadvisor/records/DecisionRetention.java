package io.dealadvisor.records;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the records keep, and for how long: shortly after start, then every interval, the details of the records
 * older than {@code deal-advisor.decisions.detail-retention} go (their summaries and outcomes stay); the records
 * older than {@code deal-advisor.decisions.retention} go whole; the idempotency keys older than their window are
 * forgotten. Each in chunks.
 */
@ApplicationScoped
public class DecisionRetention {

    private static final Logger LOG = Logger.getLogger(DecisionRetention.class);
    private static final int CHUNK = 1000;

    private final DecisionStore store;
    private final DecisionRecorder recorder;
    private final RecordDetails details;
    private final IdempotencyKeys keys;
    private final Ages retention;
    private final Ages detailRetention;
    private final Clock clock = Clock.systemUTC();

    public DecisionRetention(DecisionsConfig config, DecisionStore store, DecisionRecorder recorder,
                             RecordDetails details, IdempotencyKeys keys) {
        this.store = store;
        this.recorder = recorder;
        this.details = details;
        this.keys = keys;
        this.retention = Ages.parse("deal-advisor.decisions.retention", config.retention(), Duration.ofDays(1));
        this.detailRetention = Ages.parse("deal-advisor.decisions.detail-retention", config.detailRetention(),
                Duration.ofDays(1));
    }

    @Scheduled(identity = "decision-retention", every = "${deal-advisor.decisions.retention-interval}",
            delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deleteExpired() {
        if (!recorder.status().reachable()) {
            return; // off, not migrated yet, or unreachable (which the health check reports): the next run will do
        }
        Instant now = clock.instant();
        Instant cutoff = retention.before(now);
        Instant detailCutoff = detailRetention.before(now);
        try {
            int deleted = deleteDecidedBefore(cutoff);
            if (deleted > 0) {
                LOG.infof("Deleted %d decision record(s) decided before %s (retention %s)", deleted, cutoff, retention);
            }
            int expired = details.strip("detail IS NULL AND decided_at < ?",
                    List.of(store.types().instant(detailCutoff)), RecordDetails.EXPIRED, false);
            if (expired > 0) {
                LOG.infof("Removed the details of %d decision record(s) decided before %s (detail retention %s)",
                        expired, detailCutoff, detailRetention);
            }
            keys.forgetExpired(now, CHUNK);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Could not apply the retention of the decision records; trying again at the next run: %s",
                    e.getMessage());
        }
    }

    /** Deletes the records decided before {@code cutoff}, their truths with them, a chunk at a time; how many. */
    private int deleteDecidedBefore(Instant cutoff) throws SQLException {
        int total = 0;
        int deleted;
        do {
            try (Connection connection = store.connection();
                 PreparedStatement delete = connection.prepareStatement("DELETE FROM decision WHERE decision_id IN"
                         + " (SELECT decision_id FROM decision WHERE decided_at < ? LIMIT " + CHUNK + ")")) {
                delete.setObject(1, store.types().instant(cutoff));
                deleted = delete.executeUpdate();
            }
            total += deleted;
        } while (deleted == CHUNK);
        return total;
    }
}
