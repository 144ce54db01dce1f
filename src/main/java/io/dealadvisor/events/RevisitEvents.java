package io.dealadvisor.events;

import io.dealadvisor.records.DueRevisits;
import io.dealadvisor.records.Outbox;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Each day (UTC), the revisits that fall due that day go to the outbox once, as {@code io.dealadvisor.revisit.due.v1}
 * events: the deals whose latest decision is to wait until that day. Checked 30 s after start, then every ten
 * minutes, from the day after the last one done up to today, so a service started during the day, or a store that
 * was away, still emits the day's, and days missed while the service was stopped are caught up (at most
 * {@link #CATCH_UP_DAYS} back, so that events switched on again after months do not replay them all).
 */
@ApplicationScoped
public class RevisitEvents {

    private static final Logger LOG = Logger.getLogger(RevisitEvents.class);

    static final int CATCH_UP_DAYS = 31;

    private final Outbox outbox;
    private final DueRevisits revisits;

    public RevisitEvents(Outbox outbox, DueRevisits revisits) {
        this.outbox = outbox;
        this.revisits = revisits;
    }

    // "delayed", not "delay": a bare delay counts in minutes, so a service restarted more often would never emit them
    @Scheduled(every = "10m", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void today() {
        if (outbox.enabled()) {
            upTo(LocalDate.now(ZoneOffset.UTC));
        }
    }

    /** Puts the due revisits of every day not done yet, up to {@code today}, in the outbox; how many. */
    public int upTo(LocalDate today) {
        LocalDate last;
        try {
            last = revisits.lastDayDone();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("The days whose revisits are due could not be read; tried again later: %s", e);
            return 0;
        }
        LocalDate earliest = today.minusDays(CATCH_UP_DAYS);
        LocalDate first = last == null ? today : last.plusDays(1).isBefore(earliest) ? earliest : last.plusDays(1);
        int due = 0;
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            try {
                due += emit(day);
            } catch (SQLException | RuntimeException e) {
                LOG.warnf("The revisits due on %s could not be put in the outbox; tried again later: %s", day, e);
                break; // a later day done now would be the last one done, and this one never tried again
            }
        }
        return due;
    }

    private int emit(LocalDate day) throws SQLException {
        int due = revisits.forDay(day);
        if (due > 0) {
            LOG.infof("%d revisits fall due on %s: their events are in the outbox", due, day);
        }
        return due;
    }
}
