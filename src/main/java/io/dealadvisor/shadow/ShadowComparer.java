package io.dealadvisor.shadow;

import io.dealadvisor.ops.LogText;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.dealadvisor.DealAdvisorConfig;
import io.dealadvisor.api.AdviceDocument;
import io.dealadvisor.domain.Advice;
import io.dealadvisor.domain.Verdict;
import io.dealadvisor.engine.Advisor;
import io.dealadvisor.engine.CandidateRegistry;
import io.dealadvisor.engine.RulesSlot;
import io.dealadvisor.intake.DealRequest;
import io.dealadvisor.records.DecisionRecord;
import io.dealadvisor.records.DecisionRecorder;
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

/**
 * Decides every recorded deal again with the shadow candidate, off the request path, and puts what it advised
 * beside the live answer in the decision record. A bounded queue feeds one thread; when the candidate falls
 * behind, the comparison is skipped and counted, and the record is written without it. Without a candidate,
 * records go straight to the recorder. With {@code durability=sync} the request compares on its own thread
 * ({@link #comparedNow}) and records the result itself.
 */
@ApplicationScoped
public class ShadowComparer {

    private static final Logger LOG = Logger.getLogger(ShadowComparer.class);

    /** The shadow document of a record (docs/shadow.md). */
    @JsonPropertyOrder({"rulesetVersion", "advice", "referTo", "revisitOn", "differs", "reasons"})
    record ShadowDocument(String rulesetVersion, Advice advice, String referTo, LocalDate revisitOn, boolean differs,
                          List<AdviceDocument.ReasonDocument> reasons) {
    }

    private record Pending(DecisionRecord record, DealRequest deal) {
    }

    private final Optional<RulesSlot> candidate;
    private final DecisionRecorder recorder;
    private final MeterRegistry meters;
    private final Counter skipped;
    private final ObjectWriter writer;
    private final BlockingQueue<Pending> queue;
    private volatile boolean stopping;

    public ShadowComparer(CandidateRegistry candidates, DecisionRecorder recorder, MeterRegistry meters,
                          ObjectMapper mapper, DealAdvisorConfig config) {
        this.candidate = candidates.slot();
        this.recorder = recorder;
        this.meters = meters;
        this.writer = mapper.writerFor(ShadowDocument.class);
        this.queue = new ArrayBlockingQueue<>(Math.max(1, config.shadow().queue()));
        this.skipped = Counter.builder("deal_advisor_shadow_skipped")
                .description("Live decisions the shadow candidate was too far behind to compare").register(meters);
    }

    void onStart(@Observes @Priority(3000) StartupEvent start) {
        if (candidate.isPresent()) {
            Thread thread = new Thread(this::compareLoop, "shadow-comparer");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Records what remains without comparing it, before the recorder writes its buffer on shutdown. */
    void onStop(@Observes @Priority(100) ShutdownEvent stop) {
        stopping = true;
        Pending pending;
        while ((pending = queue.poll()) != null) {
            skip(pending.record());
        }
    }

    /** Never blocks: the record is compared when the candidate keeps up, and recorded either way. */
    public void compareThenRecord(DecisionRecord record, DealRequest deal) {
        if (candidate.isEmpty() || candidate.get().snapshot().advisor() == null) {
            recorder.record(record);
        } else if (stopping || !queue.offer(new Pending(record, deal))) {
            skip(record);
        }
    }

    /**
     * The record with the candidate's advice beside the live one, decided now on the caller's thread: with
     * {@code durability=sync} the record is committed before the answer, so it cannot wait in the comparer's queue.
     * Without a candidate, the record as it is. The caller records it.
     */
    public DecisionRecord comparedNow(DecisionRecord record, DealRequest deal) {
        if (candidate.isEmpty() || candidate.get().snapshot().advisor() == null) {
            return record;
        }
        return compare(new Pending(record, deal));
    }

    private void skip(DecisionRecord record) {
        skipped.increment();
        Advisor current = candidate.map(slot -> slot.snapshot().advisor()).orElse(null);
        recorder.record(current == null ? record : record.withShadow(DecisionRecord.Shadow.skipped(current.version())));
    }

    private void compareLoop() {
        while (!stopping) {
            Pending pending;
            try {
                pending = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (pending != null) {
                recorder.record(compare(pending));
            }
        }
    }

    private DecisionRecord compare(Pending pending) {
        Advisor advisor = candidate.get().acquire();
        if (advisor == null) {
            return pending.record();
        }
        try {
            Verdict verdict = advisor.decide(pending.deal()).verdict();
            DecisionRecord live = pending.record();
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
                    LogText.escaped(pending.record().dealId()), LogText.escaped(e.getMessage()));
            skipped.increment();
            return pending.record().withShadow(DecisionRecord.Shadow.skipped(advisor.version()));
        } finally {
            advisor.release();
        }
    }
}
