package io.dealadvisor.shadow;

import io.dealadvisor.ops.LogText;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.dealadvisor.DealAdvisorConfig;
import io.dealadvisor.wire.AdviceDocument;
import io.dealadvisor.domain.Advice;
import io.dealadvisor.domain.Verdict;
import io.dealadvisor.engine.Advisor;
import io.dealadvisor.engine.CandidateRegistry;
import io.dealadvisor.engine.RulesSlot;
import io.dealadvisor.intake.DealRequest;
import io.dealadvisor.records.DecisionRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Decides every recorded deal again with the shadow candidate and adds what it advised to the decision record, beside
 * the live answer. It adds, it never records: whoever made the record hands it to the recorder. Off the request
 * path ({@link #compareLater}) a bounded queue feeds one thread; when the candidate falls behind, the comparison is
 * skipped and counted, and the record is handed back without it. With {@code durability=sync} the request compares
 * on its own thread ({@link #compared}).
 */
@ApplicationScoped
public class ShadowComparer {

    private static final Logger LOG = Logger.getLogger(ShadowComparer.class);

    /** The shadow document of a record (docs/shadow.md). */
    @JsonPropertyOrder({"rulesetVersion", "advice", "referTo", "revisitOn", "differs", "reasons"})
    record ShadowDocument(String rulesetVersion, Advice advice, String referTo, LocalDate revisitOn, boolean differs,
                          List<AdviceDocument.ReasonDocument> reasons) {
    }

    /** A record waiting for the candidate, the deal it decides again, and who takes the record once compared. */
    private record Pending(DecisionRecord record, DealRequest deal, Consumer<DecisionRecord> then) {
    }

    /** The heap a deal read into objects takes besides its JSON, and the queue's node: measured generously. */
    private static final int PENDING_HEAP_BYTES = 256;

    private final Optional<RulesSlot> candidate;
    private final MeterRegistry meters;
    private final Counter skipped;
    private final ObjectWriter writer;
    private final BlockingQueue<Pending> queue;
    private volatile boolean stopping;

    public ShadowComparer(CandidateRegistry candidates, MeterRegistry meters, ObjectMapper mapper,
                          DealAdvisorConfig config) {
        this.candidate = candidates.slot();
        this.meters = meters;
        this.writer = mapper.writerFor(ShadowDocument.class);
        this.queue = new ArrayBlockingQueue<>(Math.max(1, config.shadow().queue()));
        this.skipped = Counter.builder("deal_advisor_shadow_skipped")
                .description("Live decisions not compared with the shadow candidate: too far behind, or it failed on"
                        + " the deal")
                .register(meters);
    }

    void onStart(@Observes @Priority(3000) StartupEvent start) {
        if (candidate.isPresent()) {
            Thread thread = new Thread(this::compareLoop, "shadow-comparer");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Hands back what still waits, uncompared, before the recorder writes its buffer on shutdown. */
    void onStop(@Observes @Priority(100) ShutdownEvent stop) {
        stopping = true;
        Pending pending;
        while ((pending = queue.poll()) != null) {
            skip(pending);
        }
    }

    /** Whether a candidate is loaded now: then records are compared before they are written. */
    public boolean active() {
        return candidate.isPresent() && candidate.get().snapshot().advisor() != null;
    }

    /**
     * The heap {@code record} holds while it waits to be compared, beyond its own {@link DecisionRecord#heapBytes()}:
     * the deal read into objects, about as large as its JSON at two bytes a character.
     */
    public static long waitingBytes(DecisionRecord record) {
        return 2L * record.dealJson().length() + PENDING_HEAP_BYTES;
    }

    /**
     * Never blocks: {@code then} gets the record with the candidate's result added, on the comparer's thread once the
     * candidate has decided it, or at once, marked skipped, when the candidate is too far behind (or as it is, when
     * there is no candidate).
     */
    public void compareLater(DecisionRecord record, DealRequest deal, Consumer<DecisionRecord> then) {
        Pending pending = new Pending(record, deal, then);
        if (!active()) {
            then.accept(record);
        } else if (stopping || !queue.offer(pending)) {
            skip(pending);
        } else if (stopping && queue.remove(pending)) {
            skip(pending); // the stop began as it was queued: its drain, and the comparer, may have passed already
        }
    }

    /**
     * The record with the candidate's advice beside the live one, decided now on the caller's thread: with
     * {@code durability=sync} the record is committed before the answer, so it cannot wait in the comparer's queue.
     * Without a candidate, the record as it is; skipped when the candidate throws even an Error, which must not fail
     * the live answer.
     */
    public DecisionRecord compared(DecisionRecord record, DealRequest deal) {
        if (!active()) {
            return record;
        }
        try {
            return compare(record, deal);
        } catch (Throwable e) { // anything (a candidate's rule that recurses too deep): not the caller's failure
            LOG.errorf(e, "The shadow candidate failed on deal %s; its record is written without the comparison",
                    LogText.escaped(record.dealId()));
            return skipped(record);
        }
    }

    private void skip(Pending pending) {
        pending.then().accept(skipped(pending.record()));
    }

    private DecisionRecord skipped(DecisionRecord record) {
        skipped.increment();
        Advisor current = candidate.map(slot -> slot.snapshot().advisor()).orElse(null);
        return current == null ? record : record.withShadow(DecisionRecord.Shadow.skipped(current.version()));
    }

    private void compareLoop() {
        while (!stopping) {
            Pending pending;
            try {
                pending = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                for (Pending waiting; (waiting = queue.poll()) != null; ) {
                    skip(waiting); // admitted to the buffer: they must reach it
                }
                return;
            }
            if (pending != null) {
                comparedOrSkipped(pending);
            }
        }
    }

    /**
     * Hands the record on compared, or skipped when comparing it threw: a record admitted to the recorder's buffer
     * must reach it, and the comparer must go on.
     */
    private void comparedOrSkipped(Pending pending) {
        pending.then().accept(compared(pending.record(), pending.deal()));
    }

    private DecisionRecord compare(DecisionRecord live, DealRequest deal) {
        Advisor advisor = candidate.get().acquire();
        if (advisor == null) {
            return live;
        }
        try {
            Verdict verdict = advisor.decide(deal).verdict();
            boolean differs = !verdict.advice().name().equals(live.advice())
                    || !Objects.equals(verdict.referTo(), live.referTo())
                    || !Objects.equals(verdict.revisitOn(), live.revisitOn());
            ShadowDocument document = new ShadowDocument(advisor.version(), verdict.advice(), verdict.referTo(),
                    verdict.revisitOn(), differs, AdviceDocument.of(verdict).reasons());
            Counter.builder("deal_advisor_shadow_decisions")
                    .description("Live decisions compared with the shadow candidate, by the two advices")
                    .tag("live", live.advice()).tag("candidate", verdict.advice().name())
                    .register(meters).increment();
            return live.withShadow(new DecisionRecord.Shadow(advisor.version(), verdict.advice().name(), differs,
                    writer.writeValueAsString(document)));
        } catch (RuntimeException | JsonProcessingException e) {
            LOG.warnf("The shadow candidate %s could not decide deal %s: %s", advisor.version(),
                    LogText.escaped(live.dealId()), LogText.escaped(e.getMessage()));
            skipped.increment();
            return live.withShadow(DecisionRecord.Shadow.skipped(advisor.version()));
        } finally {
            advisor.release();
        }
    }
}
