package io.dealadvisor.events;

import io.dealadvisor.DealAdvisorConfig;
import io.dealadvisor.records.Outbox;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends the outbox to Kafka on a thread of its own, never on a request's: the oldest events first, a batch at a time
 * through the {@code decision-events} channel (Quarkus Messaging Kafka; each event to its kind's topic, keyed by
 * deal id), and deletes each event once the broker has acknowledged it. The producer keeps the order of the records
 * of a partition (idempotent producer). An event not acknowledged is sent again with the events of its deal after it,
 * which are kept too, while the other deals' acknowledged events are deleted: at least once, in order per deal, and
 * an event the broker can never take (too large) holds back only its own deal, whose later events wait behind it. A
 * batch is sent only once every send of the one before has settled, so sends never pile up in the producer while the
 * broker is away; meanwhile the events wait in the outbox, and answers never wait for them.
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);
    static final int BATCH = 500;
    private static final Duration IDLE = Duration.ofMillis(100);
    private static final Duration BACKOFF = Duration.ofSeconds(1);
    /** Beyond the producer's delivery timeout (application.properties): a send is settled by then. */
    private static final Duration ACK_WAIT = Duration.ofSeconds(150);
    private static final byte[] STRUCTURED = "application/cloudevents+json; charset=UTF-8"
            .getBytes(StandardCharsets.UTF_8);

    private final Outbox outbox;
    private final String prefix;
    private final EventsStatus status;
    private volatile boolean running;
    private Thread thread;
    /** Far beyond any send's settling (the delivery timeout, or a blocked send's wait for metadata). */
    private final SendsInFlight inFlight = new SendsInFlight(ACK_WAIT.multipliedBy(4));
    /** The deals whose event was not acknowledged in the last batch: each sends only that event until it is. */
    private Set<String> failing = Set.of();

    @Inject
    @Channel("decision-events")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2 * BATCH)
    Emitter<String> emitter;

    public EventPublisher(Outbox outbox, DealAdvisorConfig config, EventsStatus status) {
        this.outbox = outbox;
        this.prefix = config.events().topicPrefix();
        this.status = status;
    }

    /**
     * Starts the publisher only with events on: the bean, and with it the emitter of a channel that is off, is not even
     * made otherwise (a static observer makes no instance). It starts after the decision store is migrated at start
     * (the recorder observes at the default priority, 2500), so its first read finds the outbox's table.
     */
    static void onStart(@Observes @Priority(3000) StartupEvent start, Outbox outbox, DealAdvisorConfig config,
                        Instance<EventPublisher> publisher) {
        if (!outbox.enabled()) {
            if (config.events().kafka().bootstrapServers().isEmpty()) {
                LOG.info("Decision events are off (deal-advisor.events.kafka.bootstrap-servers is not set)");
            } else {
                LOG.warnf("Decision events are off although Kafka brokers are set: they are taken from the decision"
                        + " records, which are off (deal-advisor.decisions.enabled=false); deals sent to %s.deals are"
                        + " still decided, but neither recorded nor answered with an event",
                        config.events().topicPrefix());
            }
            return;
        }
        publisher.get().start();
    }

    static void onStop(@Observes ShutdownEvent stop, Outbox outbox, Instance<EventPublisher> publisher)
            throws InterruptedException {
        if (outbox.enabled()) {
            publisher.get().stop();
        }
    }

    void start() {
        running = true;
        thread = new Thread(this::run, "decision-events-publisher");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(5_000);
        }
        outbox.releaseTurn();
    }

    private void run() {
        while (running) {
            try {
                if (!publishBatch()) {
                    Thread.sleep(IDLE.toMillis());
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (e instanceof SQLException) {
                    outbox.releaseTurn(); // the store failed it: another replica may take over
                }
                if (status.failing()) {
                    LOG.warnf("Decision events wait in the outbox: %s", e.toString());
                }
                try {
                    Thread.sleep(BACKOFF.toMillis());
                } catch (InterruptedException stopped) {
                    return;
                }
            }
        }
    }

    /** Sends the oldest events; true when a whole batch went (more may wait). */
    boolean publishBatch() throws Exception {
        if (!outbox.publishing()) { // another replica sends the shared outbox
            status.backlog(outbox.backlog());
            return false;
        }
        List<Outbox.Row> rows = outbox.next(BATCH, failing);
        status.backlog(rows.size() < BATCH && failing.isEmpty() ? rows.size() : outbox.backlog());
        if (rows.isEmpty()) {
            settled();
            return false;
        }
        inFlight.awaitSettled();
        // a deal whose event failed last time came with that event only (Outbox#next): its later ones wait until it
        // is acknowledged
        List<CompletableFuture<Void>> acks = inFlight.next(rows.size());
        for (Outbox.Row row : rows) {
            acks.add(send(row));
        }
        long deadline = System.nanoTime() + ACK_WAIT.toNanos();
        List<Outbox.Row> acknowledged = new ArrayList<>(rows.size());
        Set<String> heldBack = new HashSet<>(); // the deals of the events not acknowledged: theirs after wait too
        Exception failure = null;
        for (int i = 0; i < rows.size(); i++) {
            Outbox.Row row = rows.get(i);
            try {
                awaitAck(acks.get(i), deadline);
                if (!heldBack.contains(row.key())) {
                    acknowledged.add(row);
                }
            } catch (ExecutionException | TimeoutException e) {
                heldBack.add(row.key());
                if (failure == null) {
                    failure = e instanceof ExecutionException failed && failed.getCause() instanceof Exception cause
                            ? cause : e;
                }
            }
        }
        failing = heldBack;
        if (!acknowledged.isEmpty()) {
            outbox.delete(acknowledged);
            status.sent(acknowledged.size());
        }
        if (failure != null) {
            throw failure;
        }
        settled();
        return rows.size() == BATCH;
    }

    /** Waits for an acknowledgement until {@code deadline}, counting the backlog again every second meanwhile. */
    private void awaitAck(CompletableFuture<Void> ack, long deadline) throws Exception {
        while (true) {
            long left = deadline - System.nanoTime();
            try {
                ack.get(Math.max(0, Math.min(left, TimeUnit.SECONDS.toNanos(1))), TimeUnit.NANOSECONDS);
                return;
            } catch (TimeoutException e) {
                if (left <= TimeUnit.SECONDS.toNanos(1)) {
                    throw e;
                }
                if (status.failing()) {
                    LOG.warn("Decision events wait in the outbox: the broker does not acknowledge them");
                }
                status.backlog(outbox.backlog());
            }
        }
    }

    private void settled() {
        if (status.settled()) {
            LOG.info("Decision events are sent again");
        }
    }

    private CompletableFuture<Void> send(Outbox.Row row) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", STRUCTURED);
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(CloudEvents.topic(prefix, row.kind())).withKey(row.key()).withHeaders(headers).build();
        emitter.send(Message.of(row.event()).addMetadata(metadata)
                .withAck(() -> {
                    ack.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(reason -> {
                    ack.completeExceptionally(reason);
                    return CompletableFuture.completedFuture(null);
                }));
        return ack;
    }
}
