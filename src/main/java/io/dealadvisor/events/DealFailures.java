package io.dealadvisor.events;

import io.dealadvisor.ops.GracefulStop;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * The failure strategy of the {@code deals} channel ({@code failure-strategy=} {@value #NAME}): the dead-letter
 * queue, except once the service is stopping. A deal that fails then failed because its record could no longer be
 * written, not because it is bad: it is left unacknowledged, so its offset is not committed and the next consumer
 * of its partition (another replica, or this one started again) decides it.
 *
 * <p>A deal the dead-letter queue cannot take either because of what it is (the producer or the broker refuses its
 * size) is skipped, logged with where it is and counted: left failed, it would end the channel, and every start after
 * would stop at the same offset. Any other failure of the queue (the broker away, a permission missing) is not the
 * deal's: it is not skipped.
 */
@ApplicationScoped
@Identifier(DealFailures.NAME)
@Unremovable // looked up by name when the channel starts
@Startup // its counter is served from the start, with events off too
public class DealFailures implements KafkaFailureHandler.Factory {

    static final String NAME = "dead-letter-queue-unless-stopping";
    private static final Logger LOG = Logger.getLogger(DealFailures.class);

    private final KafkaFailureHandler.Factory deadLetterQueue;
    private final GracefulStop stop;
    private final Counter skipped;
    /** Whether the first deal left at the stop has been logged: it is said once, not for each. */
    private final AtomicBoolean leaving = new AtomicBoolean();

    public DealFailures(@Identifier(KafkaFailureHandler.Strategy.DEAD_LETTER_QUEUE)
                        KafkaFailureHandler.Factory deadLetterQueue, GracefulStop stop, MeterRegistry registry) {
        this.deadLetterQueue = deadLetterQueue;
        this.stop = stop;
        this.skipped = Counter.builder("deal_advisor_deals_not_dead_lettered")
                .description("Deals refused that the dead-letter queue could not take either: skipped, logged")
                .register(registry);
    }

    @Override
    public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx,
                                      KafkaConsumer<?, ?> consumer, BiConsumer<Throwable, Boolean> reportFailure) {
        KafkaFailureHandler queue = deadLetterQueue.create(config, vertx, consumer, reportFailure);
        return new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                if (stop.stopping()) {
                    if (leaving.compareAndSet(false, true)) {
                        LOG.infof("This replica is stopping: deals from %s-%d@%d on are left for the next consumer",
                                record.getTopic(), record.getPartition(), record.getOffset());
                    }
                    return Uni.createFrom().voidItem();
                }
                return queue.handle(record, reason, metadata).onFailure(DealFailures::theRecordsOwn)
                        .recoverWithUni(failure -> skip(record, reason, failure));
            }

            @Override
            public void terminate() {
                queue.terminate();
            }
        };
    }

    /** Acknowledges a deal neither decided nor queued, logged and counted; left for the next consumer at a stop. */
    private Uni<Void> skip(IncomingKafkaRecord<?, ?> record, Throwable reason, Throwable failure) {
        if (stop.stopping()) {
            return Uni.createFrom().voidItem();
        }
        LOG.errorf("Deal at %s-%d@%d is skipped: the dead-letter queue could not take it either (%s); it stays in its"
                + " topic for as long as Kafka keeps it. It was refused because: %s", record.getTopic(),
                record.getPartition(), record.getOffset(), failure.getMessage(), reason.getMessage());
        skipped.increment();
        return Uni.createFrom().completionStage(record.ack());
    }

    /** Whether the dead-letter queue refused the deal for what it is, which sending it again cannot change. */
    private static boolean theRecordsOwn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RecordTooLargeException || cause instanceof InvalidRecordException
                    || cause instanceof SerializationException) {
                return true;
            }
        }
        return false;
    }
}
