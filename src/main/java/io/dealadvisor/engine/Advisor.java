package io.dealadvisor.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealadvisor.domain.Advice;
import io.dealadvisor.domain.Conclusions;
import io.dealadvisor.domain.DealFacts;
import io.dealadvisor.domain.FinalAdvice;
import io.dealadvisor.domain.Reason;
import io.dealadvisor.domain.Verdict;
import io.dealadvisor.intake.DealReader;
import io.dealadvisor.intake.DealRequest;
import io.dealadvisor.intake.FieldError;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.kie.internal.event.rule.RuleEventManager;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a deal is decided: the one place that reads a deal, checks it, builds its facts and evaluates them with
 * one ruleset, its clock and its firing bound. The service, the scenarios, the rules tools, the rule tests and
 * the benchmarks all decide through an advisor.
 *
 * <p>Each evaluation takes a session from the advisor's {@link SessionPool}, so no two requests share working
 * memory.
 */
public final class Advisor {

    /** A deal decided, or the reasons it could not be read; {@code asOf} is the date it was decided for. */
    public record Decided(DealRequest deal, LocalDate asOf, Verdict verdict, List<FieldError> errors, long nanos) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }


    private final Ruleset ruleset;
    private final DealReader reader;
    private final Clock clock;
    private final int maxFirings;
    private final SessionPool sessions;
    private final Comparator<Conclusions.Firing> reasonOrder;
    private final boolean usesThresholds;
    private final Map<String, RuleInfo> ruleByName = new HashMap<>();

    Advisor(Ruleset ruleset, DealReader reader, Clock clock, int maxFirings) {
        this.ruleset = ruleset;
        this.reader = reader;
        this.clock = clock;
        this.maxFirings = maxFirings;
        this.sessions = new SessionPool(ruleset.kieBase());
        this.reasonOrder = reasonOrder(ruleset.policy());
        this.usesThresholds = ruleset.kieBase().getKiePackages().stream()
                .anyMatch(kiePackage -> kiePackage.getGlobalVariables().stream()
                        .anyMatch(global -> global.getName().equals("thresholds")));
        ruleset.rules().forEach(rule -> ruleByName.put(rule.name(), rule));
    }

    public Ruleset ruleset() {
        return ruleset;
    }

    public String version() {
        return ruleset.version();
    }

    /** The date a deal without {@code asOf} is decided for. */
    private LocalDate today() {
        return LocalDate.now(clock);
    }

    /**
     * Reads and checks the deal, then decides it: the verdict, or every bad field with its path.
     *
     * @throws EvaluationException when a rule fails or the firing bound is hit
     */
    public Decided decide(JsonNode deal) {
        return decide(deal, null);
    }

    /** Decides a deal that was already read and checked. */
    public Decided decide(DealRequest deal) {
        return decide(deal, null);
    }

    Decided decide(JsonNode deal, FiringWatch watch) {
        DealReader.Reading reading = reader.read(deal);
        if (!reading.ok()) {
            return new Decided(null, null, null, reading.errors(), 0);
        }
        return decide(reading.deal(), watch);
    }

    private Decided decide(DealRequest deal, FiringWatch watch) {
        long start = System.nanoTime();
        DealFacts facts = DealReader.toFacts(deal, today());
        Verdict verdict = evaluate(facts, watch);
        return new Decided(deal, facts.deal().asOf(), verdict, List.of(), System.nanoTime() - start);
    }

    /**
     * Every vote is cast first, then the advice is settled and the rules that depend on it (matching
     * {@link FinalAdvice}) add what follows from it. At most {@code maxFirings} rule firings in all. A watch, when
     * given, is told which rule is firing, so a validation that runs out of time can name it.
     */
    Verdict evaluate(DealFacts deal, FiringWatch watch) {
        Conclusions conclusions = new Conclusions();
        KieSession session = sessions.session();
        // Disposing a pooled session resets it, which also drops this listener and the globals.
        FiringRecorder recorder = new FiringRecorder(ruleByName, conclusions, watch);
        ((RuleEventManager) session).addEventListener(recorder);
        try {
            session.setGlobal("conclusions", conclusions);
            if (usesThresholds) {
                session.setGlobal("thresholds", ruleset.thresholds());
            }
            for (Object fact : deal.facts()) {
                session.insert(fact);
            }
            int fired = fire(session, maxFirings + 1, conclusions);
            Advice advice = strongestVote(conclusions.firings());
            conclusions.decided();
            session.insert(new FinalAdvice(advice));
            fire(session, maxFirings + 1 - fired, conclusions);
            return verdict(deal.deal().id(), advice, conclusions);
        } catch (EvaluationException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            if (!isRulesFault(e)) {
                throw e;
            }
            // a condition that throws (evaluated as facts are inserted), or an Error a consequence throws, which
            // Drools passes on as it is: a fault of the rules all the same, to refuse a ruleset and name the rule
            throw EvaluationException.thrown(e, recorder.consequenceRunning());
        } finally {
            session.dispose();
        }
    }

    /**
     * Whatever a rule can throw, any {@code Error} included, except the JVM failing (out of memory, say) and a thread
     * being stopped (a validation that ran out of time): those are not the rule's, and must go on as they are. A stack
     * overflow is a rule recursing, and unwinds.
     */
    private static boolean isRulesFault(Throwable e) {
        return !(e instanceof ThreadDeath) && (!(e instanceof VirtualMachineError) || e instanceof StackOverflowError);
    }

    /** One more use of this advisor; false once it is closed (then take the registry's current one). */
    boolean tryAcquire() {
        return sessions.tryAcquire();
    }

    /** Ends a use; the last one shuts the session pool down. */
    public void release() {
        sessions.release();
    }

    /** Whether the session pool has been released (no use is left). */
    public boolean isClosed() {
        return sessions.isClosed();
    }

    private int fire(KieSession session, int allowed, Conclusions conclusions) {
        int fired;
        try {
            fired = session.fireAllRules(allowed);
        } catch (ConsequenceException e) {
            throw EvaluationException.inConsequence(e.getMatch().getRule().getName(), e);
        }
        if (conclusions.firings().size() > maxFirings) {
            String rule = mostFired(conclusions.firings());
            throw new EvaluationException(rule, "more than " + maxFirings + " rule firings for one deal;"
                    + " rule '" + rule + "' fired most, it probably keeps re-activating itself", null);
        }
        return fired;
    }

    private Advice strongestVote(List<Conclusions.Firing> firings) {
        AdvicePolicy policy = ruleset.policy();
        Advice strongest = null;
        for (Conclusions.Firing firing : firings) {
            Advice vote = firing.advice();
            if (vote != null && (strongest == null || policy.rank(vote) < policy.rank(strongest))) {
                strongest = vote;
            }
        }
        return strongest == null ? policy.withoutVotes() : strongest;
    }

    private Verdict verdict(String dealId, Advice advice, Conclusions conclusions) {
        AdvicePolicy policy = ruleset.policy();
        List<Conclusions.Firing> firings = new ArrayList<>(conclusions.firings());
        firings.sort(reasonOrder);
        List<Reason> reasons = new ArrayList<>(firings.size());
        Set<String> actions = new LinkedHashSet<>();
        Set<String> warnings = new LinkedHashSet<>();
        String headlineReason = null;
        for (Conclusions.Firing firing : firings) {
            reasons.add(new Reason(firing.rule(), firing.truth(), firing.advice(), firing.explanation()));
            if (firing.advice() == null || firing.advice() == advice) {
                actions.addAll(firing.actions());
            }
            if (firing.advice() == advice && headlineReason == null) {
                headlineReason = firing.explanation();
            }
            warnings.addAll(firing.warnings());
        }
        String referTo = advice == Advice.REFER ? conclusions.referTo() : null;
        LocalDate revisitOn = advice == Advice.WAIT ? conclusions.revisitOn() : null;
        return new Verdict(dealId, advice, policy.headline(advice, headlineReason, referTo, revisitOn), revisitOn,
                referTo, List.copyOf(reasons), List.copyOf(actions), List.copyOf(warnings), ruleset.stamp());
    }

    /** Votes strongest first, then the rules that cast none; ties by truth code, rule name, explanation. */
    private static Comparator<Conclusions.Firing> reasonOrder(AdvicePolicy policy) {
        return Comparator
                .comparingInt((Conclusions.Firing firing) -> firing.advice() == null
                        ? Integer.MAX_VALUE : policy.rank(firing.advice()))
                .thenComparing(Conclusions.Firing::truth, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Conclusions.Firing::rule)
                .thenComparing(Conclusions.Firing::explanation);
    }

    private static String mostFired(List<Conclusions.Firing> firings) {
        Map<String, Integer> counts = new HashMap<>();
        String most = null;
        for (Conclusions.Firing firing : firings) {
            int count = counts.merge(firing.rule(), 1, Integer::sum);
            if (most == null || count > counts.get(most)) {
                most = firing.rule();
            }
        }
        return most;
    }
}
