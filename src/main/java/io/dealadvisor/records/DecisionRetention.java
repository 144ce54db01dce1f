package io.dealadvisor.records;

import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the records keep, and for how long: once the store is reachable after start, then every interval, the
 * details of the records older than {@code deal-advisor.decisions.detail-retention} go (their summaries and outcomes
 * stay); the records older than {@code deal-advisor.decisions.retention} go whole; the idempotency keys older than
 * their window are forgotten. On PostgreSQL the partitions entirely past a cut-off are dropped first
 * ({@link Partitions}); what is left past it (the partition it falls in) is deleted in chunks, as on the embedded
 * stores. Made at start, so that an age too short or not ISO-8601 stops the start rather than each later run.
 */
@Startup
@ApplicationScoped
public class DecisionRetention {

    private static final Logger LOG = Logger.getLogger(DecisionRetention.class);
    private static final int CHUNK = 1000;
    private static final int RUNS_LEFT_TO_ANOTHER = 3;

    private final DecisionStore store;
    private final DecisionRecorder recorder;
    private final RecordDetails details;
    private final IdempotencyKeys keys;
    private final Partitions partitions;
    private final Ages retention;
    private final Ages detailRetention;
    private final Clock clock = Clock.systemUTC();
    private final ReentrantLock running = new ReentrantLock();
    /** Runs in a row that found another replica dropping the partitions (a session stuck with the turn, at worst). */
    private int leftToAnotherReplica;
    private volatile boolean ranSinceStart;

    public DecisionRetention(DecisionsConfig config, DecisionStore store, DecisionRecorder recorder,
                             RecordDetails details, IdempotencyKeys keys, Partitions partitions) {
        this.store = store;
        this.recorder = recorder;
        this.details = details;
        this.keys = keys;
        this.partitions = partitions;
        this.retention = Ages.parse("deal-advisor.decisions.retention", config.retention(), Duration.ofDays(1));
        this.detailRetention = Ages.parse("deal-advisor.decisions.detail-retention", config.detailRetention(),
                Duration.ofDays(1));
        Ages window = IdempotencyKeys.window(config);
        if (window.longerThan(detailRetention)) {
            // a key replays its answer whole: kept longer, it would hand out advice whose record has lost it
            throw new IllegalArgumentException("deal-advisor.decisions.idempotency-window (" + window
                    + ") must not be longer than deal-advisor.decisions.detail-retention (" + detailRetention + ")");
        }
    }

    /**
     * The first run, as soon as the store can be reached after start: the interval's own first run may come while
     * the store is still being migrated, and the next would be an interval (an hour) later, so a service restarted
     * more often than that would keep records past their age.
     */
    @Scheduled(identity = "decision-retention-at-start", every = "5s", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void firstRun() {
        if (!ranSinceStart) {
            deleteExpired();
        }
    }

    @Scheduled(identity = "decision-retention", every = "${deal-advisor.decisions.retention-interval}",
            delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deleteExpired() {
        if (!recorder.status().reachable() || !running.tryLock()) {
            return; // off, not migrated yet or unreachable (the health check reports it), or the other job is running
        }
        try {
            deleteExpiredNow();
            ranSinceStart = true;
        } finally {
            running.unlock();
        }
    }

    private void deleteExpiredNow() {
        Instant now = clock.instant();
        Instant cutoff = retention.before(now);
        // Details never outlive their summary, whichever age is the shorter.
        Instant detailCutoff = latest(detailRetention.before(now), cutoff);
        // each step on its own: one that fails (a lock held by a backup, say) leaves the others to do their part
        // on PostgreSQL, with the partitions not dropped, the rows left would be whole partitions, deleted a chunk at
        // a time: the next run drops them instead; and while another replica drops them, this one leaves the rows
        // to it, for a few runs (a session stuck with the turn would keep it for good)
        boolean[] anotherReplicaRuns = {false};
        boolean rowsToo = !store.partitioned() || step("drop the partitions past the cut-offs", () -> {
            List<String> dropped = partitions.maintain(now, cutoff, detailCutoff);
            anotherReplicaRuns[0] = dropped == null;
            if (dropped != null && !dropped.isEmpty()) {
                LOG.infof("Dropped the partition(s) %s of the decision records: entirely before %s (retention %s)"
                        + " or %s (detail retention %s)", dropped, cutoff, retention, detailCutoff, detailRetention);
            }
        });
        if (anotherReplicaRuns[0] && ++leftToAnotherReplica <= RUNS_LEFT_TO_ANOTHER) {
            LOG.debug("Another replica drops the partitions now; this one leaves the rows to it");
        } else if (rowsToo) {
            if (anotherReplicaRuns[0]) {
                LOG.warnf("Another replica has held the retention's turn for %d runs: the rows past the cut-offs are"
                        + " deleted here", leftToAnotherReplica);
            }
            leftToAnotherReplica = 0;
            if (store.partitioned()) {
                // no foreign key across partitions
                step("delete the old voting truths", () -> OlderRows.delete(store, "decision_truth", cutoff, CHUNK));
            }
            step("delete the old records", () -> {
                long deleted = OlderRows.delete(store, "decision", cutoff, CHUNK);
                if (deleted > 0) {
                    LOG.infof("Deleted %d decision record(s) decided before %s (retention %s)", deleted, cutoff,
                            retention);
                }
            });
            step("remove the old details", () -> {
                long expired = details.expire(detailCutoff);
                if (expired > 0) {
                    LOG.infof("Removed the details of %d decision record(s) decided before %s (detail retention %s)",
                            expired, detailCutoff, detailRetention);
                }
            });
        }
        step("forget the old idempotency keys", () -> keys.forgetExpired(now, CHUNK));
    }

    @FunctionalInterface
    private interface Step {
        void run() throws SQLException;
    }

    /** Runs one step; false, logged, when it failed. */
    private static boolean step(String what, Step step) {
        try {
            step.run();
            return true;
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Could not %s of the decision records; trying again at the next run: %s", what, e.getMessage());
            return false;
        }
    }

    private static Instant latest(Instant one, Instant other) {
        return one.isAfter(other) ? one : other;
    }
}
