package io.dealadvisor.events;

import io.dealadvisor.records.Outbox;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Each day (UTC), the revisits that fall due that day go to the outbox once, as {@code io.dealadvisor.revisit.due.v1}
 * events: the deals whose latest decision is to wait until that day. Checked every ten minutes, so a service started
 * during the day, or a store that was away, still emits the day's.
 */
@ApplicationScoped
public class RevisitEvents {

    private static final Logger LOG = Logger.getLogger(RevisitEvents.class);

    private final Outbox outbox;

    public RevisitEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    @Scheduled(every = "10m", delay = 30, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void today() {
        if (outbox.enabled()) {
            due(LocalDate.now(ZoneOffset.UTC));
        }
    }

    /** Puts {@code day}'s due revisits in the outbox unless that day's are there already; how many. */
    public int due(LocalDate day) {
        try {
            int due = outbox.revisitsDue(day);
            if (due > 0) {
                LOG.infof("%d revisits fall due on %s: their events are in the outbox", due, day);
            }
            return due;
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("The revisits due on %s could not be put in the outbox; tried again later: %s", day, e);
            return 0;
        }
    }
}
