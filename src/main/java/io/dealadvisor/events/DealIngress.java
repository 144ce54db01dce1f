package io.dealadvisor.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealadvisor.api.Problem;
import io.dealadvisor.api.QualificationService;
import io.dealadvisor.engine.EvaluationException;
import io.dealadvisor.intake.BodyTooLargeException;
import io.dealadvisor.intake.DealBodies;
import io.dealadvisor.intake.DealReader;
import io.dealadvisor.intake.JacksonErrors;
import io.dealadvisor.ops.GracefulStop;
import io.dealadvisor.records.Backoff;
import io.dealadvisor.records.DecisionRecord;
import io.dealadvisor.records.DecisionsConfig;
import io.dealadvisor.records.IdempotencyKeys;
import io.dealadvisor.records.MaybeRecordedException;
import io.dealadvisor.records.RecordingStoppedException;
import io.dealadvisor.records.StoreUnavailableException;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Deals from {@code <prefix>.deals} (the {@code deals} channel), decided and recorded as {@code POST
 * /v1/qualifications} decides them, through {@link QualificationService}: channel {@code kafka}, caller the topic, and
 * the record's topic, partition and offset on the decision, whose event is the answer. A deal that cannot be read
 * goes to {@code <prefix>.deals.dlq} (the channel's dead-letter queue) with its problem document in the
 * {@code dead-letter-reason} header, and the consumer goes on. An offset read again (a rebalance, a restart before
 * the commit) is decided once: its topic, partition and offset are an idempotency key ({@link IdempotencyKeys}),
 * claimed before the deal is decided and answered in its record's transaction. A deal is acknowledged (its offset
 * may be committed) only once its record is committed, whatever the durability, so a crash loses none. While the
 * decision store cannot be reached, a good deal waits and is tried again (its partition waits with it), rather than
 * going to the DLQ as if it could not be read. Once the service is stopping, no deal is decided or tried again: it
 * is left unacknowledged for the next consumer ({@link DealFailures}).
 */
@ApplicationScoped
public class DealIngress {

    private static final Logger LOG = Logger.getLogger(DealIngress.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(5);

    private final QualificationService service;
    private final DealBodies bodies;
    private final IdempotencyKeys keys;
    private final ObjectMapper mapper;
    private final boolean recorded;
    private final GracefulStop stop;

    public DealIngress(QualificationService service, DealBodies bodies, IdempotencyKeys keys, ObjectMapper mapper,
                       DecisionsConfig decisions, GracefulStop stop) {
        this.stop = stop;
        this.service = service;
        this.bodies = bodies;
        this.keys = keys;
        this.mapper = mapper;
        this.recorded = decisions.enabled();
    }

    /**
     * A deal this service will not decide (it cannot be read, or a rule fails on it): its problem document, the one
     * the API would answer, as the exception's message, goes to the DLQ.
     */
    public static final class UnreadableDeal extends Exception {
        UnreadableDeal(String problem) {
            super(problem, null, false, false);
        }
    }

    /**
     * Each deal of the channel, acknowledged once decided and recorded, or handed to the failure strategy with why
     * not ({@link DealFailures}); nothing thrown, so a stop that leaves deals for the next consumer logs no error
     * for each.
     */
    @Incoming("deals")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(IncomingKafkaRecord<String, byte[]> message) {
        try {
            long sent = message.getTimestamp() == null ? ConsumerRecord.NO_TIMESTAMP
                    : message.getTimestamp().toEpochMilli();
            decide(new ConsumerRecord<>(message.getTopic(), message.getPartition(), message.getOffset(), sent,
                    TimestampType.CREATE_TIME, -1, -1, message.getKey(), message.getPayload(), new RecordHeaders(),
                    Optional.empty()));
            return message.ack();
        } catch (EvaluationException e) {
            LOG.warnf("Deal at %s-%d@%d goes to the dead-letter queue: %s", message.getTopic(), message.getPartition(),
                    message.getOffset(), e.getMessage());
            return message.nack(refused(Problem.ruleFailed(e)));
        } catch (Throwable e) { // an Error too: thrown, it would end the channel's stream for good
            return message.nack(e);
        }
    }

    /** Decides and records a deal read from Kafka, once, whatever the deliveries; throws what keeps it unanswered. */
    public void decide(ConsumerRecord<String, byte[]> record) throws UnreadableDeal {
        // when it was sent (it may have waited in the topic, or be read again after a restart), else now: an erasure
        // that came after still strips it
        Instant now = Instant.now();
        Instant received = record.timestamp() > 0 && record.timestamp() < now.toEpochMilli()
                ? Instant.ofEpochMilli(record.timestamp()) : now;
        byte[] value = record.value() == null ? new byte[0] : record.value();
        DealReader.Reading deal = read(value);
        DecisionRecord.Input input = new DecisionRecord.Input(record.topic(), record.partition(), record.offset());
        String valueSha256 = recorded ? sha256(value) : null;
        Backoff retries = new Backoff(FIRST_RETRY, LONGEST_RETRY);
        while (true) {
            if (stop.stopping()) {
                throw new RecordingStoppedException(); // its record could no longer be written
            }
            try {
                decideOnce(deal, valueSha256, input, received);
                return;
            } catch (StoreUnavailableException e) {
                if (stop.stopping()) {
                    throw e; // not tried again: the next consumer decides it
                }
                Duration wait = retries.next();
                LOG.warnf("Deal at %s-%d@%d waits for the decision store, again in %d ms: %s", record.topic(),
                        record.partition(), record.offset(), wait.toMillis(), e.getMessage());
                pause(wait, e);
            }
        }
    }

    private void decideOnce(DealReader.Reading deal, String valueSha256, DecisionRecord.Input input,
                            Instant received) {
        if (!recorded) {
            service.qualify(deal, input.topic(), input, null, received);
            return;
        }
        IdempotencyKeys.Claim claim;
        do {
            claim = keys.claim(input.topic(), input.key(), valueSha256);
        } while (claim instanceof IdempotencyKeys.InUse); // a claim left by a process that died lapses in a minute
        if (claim instanceof IdempotencyKeys.Reused) {
            LOG.warnf("Deal at %s %s is not decided: a deal with another body was decided at the same offset within"
                    + " the idempotency window (was the topic made anew?)", input.topic(), input.key());
            return;
        }
        if (!(claim instanceof IdempotencyKeys.Claimed claimed)) {
            LOG.debugf("Deal at %s %s was decided before; not again", input.topic(), input.key());
            return;
        }
        try {
            // returns once the record and its claim's answer are committed
            service.qualify(deal, input.topic(), input, claimed, received);
        } catch (MaybeRecordedException e) {
            throw e; // kept: if the record commits, so does the claim's answer, and the retry finds it decided
        } catch (RuntimeException | Error e) {
            keys.release(claimed);
            throw e;
        }
    }

    /**
     * Waits before the next try; a stop that interrupts it leaves the deal for the next consumer
     * ({@link DealFailures}).
     */
    private static void pause(Duration wait, StoreUnavailableException unavailable) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable;
        }
    }

    private DealReader.Reading read(byte[] value) throws UnreadableDeal {
        Problem problem;
        try {
            DealReader.Reading deal = bodies.readDeal(new ByteArrayInputStream(value));
            if (deal.ok()) {
                return deal;
            }
            problem = Problem.invalidDeal(deal.errors());
        } catch (BodyTooLargeException e) {
            problem = Problem.of("body-too-large", "Deal too large", 413, e.getMessage());
        } catch (JsonProcessingException e) {
            problem = Problem.invalidDeal(List.of(JacksonErrors.toFieldError(e)));
        } catch (IOException e) {
            problem = Problem.of("body-unreadable", "The deal could not be read", 400, e.getMessage());
        }
        throw refused(problem);
    }

    private UnreadableDeal refused(Problem problem) {
        try {
            return new UnreadableDeal(mapper.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem document could not be written", e);
        }
    }

    private static String sha256(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
