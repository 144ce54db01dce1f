package io.dealadvisor.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the publisher last saw: the backlog ({@code deal_advisor_events_backlog}, 0 with events off) and since when the
 * broker has not acknowledged what waits. Read by the health check, kept apart from the publisher, which is not made
 * at all with events off.
 */
@ApplicationScoped
public class EventsStatus {

    private final AtomicLong backlog = new AtomicLong();
    /** When the broker stopped acknowledging, System.nanoTime(); 0 while it does. */
    private volatile long failingSince;

    public EventsStatus(MeterRegistry registry) {
        Gauge.builder("deal_advisor_events_backlog", backlog, AtomicLong::get)
                .description("Events in the outbox waiting to be sent to Kafka (0 with events off)")
                .register(registry);
    }

    public long backlog() {
        return backlog.get();
    }

    /** How long the broker has not acknowledged what waits; zero while it does (or nothing waits). */
    public Duration failingFor() {
        long since = failingSince;
        return since == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - since);
    }

    void backlog(long waiting) {
        backlog.set(waiting);
    }

    void sent(int events) {
        backlog.addAndGet(-events);
    }

    /** The broker does not acknowledge; true when that is news. */
    boolean failing() {
        if (failingSince != 0) {
            return false;
        }
        failingSince = System.nanoTime();
        return true;
    }

    /** The broker acknowledges; true when it had not. */
    boolean settled() {
        if (failingSince == 0) {
            return false;
        }
        failingSince = 0;
        return true;
    }
}
