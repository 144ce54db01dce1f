package io.dealadvisor.engine;

import io.dealadvisor.domain.Advice;
import io.dealadvisor.domain.DealFacts;
import io.dealadvisor.domain.Decision;
import io.dealadvisor.domain.Outcome;
import io.dealadvisor.domain.Reason;
import io.dealadvisor.domain.RulesetStamp;
import io.dealadvisor.domain.Thresholds;
import io.dealadvisor.domain.Verdict;
import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.rule.ConsequenceException;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One compiled, validated rules folder: immutable and shared by every request. Each evaluation takes a
 * session from a pool, so no two requests ever share working memory.
 */
public final class Ruleset {

    private final Path directory;
    private final RulesetStamp stamp;
    private final List<String> files;
    private final List<RuleInfo> rules;
    private final List<Truth> truths;
    private final Thresholds thresholds;
    private final AdvicePolicy policy;
    private final KieBase kieBase;
    private final KieSessionsPool sessions;
    private final boolean usesThresholds;
    private final Map<String, String> truthByRule = new HashMap<>();

    Ruleset(Path directory, String version, Instant loadedAt, List<String> files, List<RuleInfo> rules,
            List<Truth> truths, Thresholds thresholds, AdvicePolicy policy, KieBase kieBase) {
        this.directory = directory;
        this.stamp = new RulesetStamp(version, loadedAt);
        this.files = List.copyOf(files);
        this.rules = List.copyOf(rules);
        this.truths = List.copyOf(truths);
        this.thresholds = thresholds;
        this.policy = policy;
        this.kieBase = kieBase;
        this.sessions = kieBase.newKieSessionsPool(Math.max(4, Runtime.getRuntime().availableProcessors() * 2));
        this.usesThresholds = kieBase.getKiePackages().stream()
                .anyMatch(kiePackage -> kiePackage.getGlobalVariables().stream()
                        .anyMatch(global -> global.getName().equals("thresholds")));
        rules.forEach(rule -> truthByRule.put(rule.name(), rule.truth()));
    }

    public Path directory() {
        return directory;
    }

    public RulesetStamp stamp() {
        return stamp;
    }

    public String version() {
        return stamp.version();
    }

    public List<String> files() {
        return files;
    }

    public List<RuleInfo> rules() {
        return rules;
    }

    public List<Truth> truths() {
        return truths;
    }

    public AdvicePolicy policy() {
        return policy;
    }

    /** Releases the pooled sessions once no request uses this ruleset any more. */
    public void close() {
        sessions.shutdown();
    }

    /**
     * Decides one deal: every vote is cast first, then the advice is settled and the rules that depend on it
     * (matching {@link Decision}) add what follows from it. At most {@code maxFirings} rule firings in all.
     */
    public Verdict evaluate(DealFacts deal, int maxFirings) {
        Outcome outcome = new Outcome();
        KieSession session = sessions.newKieSession();
        FiringRecorder recorder = new FiringRecorder(outcome);
        session.addEventListener(recorder);
        try {
            session.setGlobal("outcome", outcome);
            if (usesThresholds) {
                session.setGlobal("thresholds", thresholds);
            }
            for (Object fact : deal.facts()) {
                session.insert(fact);
            }
            int fired = fire(session, maxFirings + 1, outcome, maxFirings);
            Advice advice = decide(outcome.firings());
            outcome.decided();
            session.insert(new Decision(advice));
            fire(session, maxFirings + 1 - fired, outcome, maxFirings);
            return verdict(deal.deal().id(), advice, outcome);
        } finally {
            session.removeEventListener(recorder);
            session.dispose();
        }
    }

    private int fire(KieSession session, int allowed, Outcome outcome, int maxFirings) {
        int fired;
        try {
            fired = session.fireAllRules(allowed);
        } catch (ConsequenceException e) {
            String rule = e.getMatch().getRule().getName();
            throw new EvaluationException(rule, "rule '" + rule + "' failed: " + rootMessage(e), e);
        }
        if (outcome.firings().size() > maxFirings) {
            String rule = mostFired(outcome.firings());
            throw new EvaluationException(rule, "more than " + maxFirings + " rule firings for one deal;"
                    + " rule '" + rule + "' fired most, it probably keeps re-activating itself", null);
        }
        return fired;
    }

    private Advice decide(List<Outcome.Firing> firings) {
        Advice strongest = null;
        for (Outcome.Firing firing : firings) {
            Advice vote = firing.advice();
            if (vote != null && (strongest == null || policy.rank(vote) < policy.rank(strongest))) {
                strongest = vote;
            }
        }
        return strongest == null ? policy.withoutVotes() : strongest;
    }

    private Verdict verdict(String dealId, Advice advice, Outcome outcome) {
        List<Outcome.Firing> firings = new ArrayList<>(outcome.firings());
        firings.sort(reasonOrder());
        List<Reason> reasons = new ArrayList<>(firings.size());
        Set<String> actions = new LinkedHashSet<>();
        Set<String> warnings = new LinkedHashSet<>();
        String headlineReason = null;
        for (Outcome.Firing firing : firings) {
            reasons.add(new Reason(firing.rule(), firing.truth(), firing.advice(), firing.explanation()));
            if (firing.advice() == null || firing.advice() == advice) {
                actions.addAll(firing.actions());
            }
            if (firing.advice() == advice && headlineReason == null) {
                headlineReason = firing.explanation();
            }
            warnings.addAll(firing.warnings());
        }
        String referTo = advice == Advice.REFER ? outcome.referTo() : null;
        var revisitOn = advice == Advice.WAIT ? outcome.revisitOn() : null;
        return new Verdict(dealId, advice, policy.headline(advice, headlineReason, referTo, revisitOn), revisitOn,
                referTo, List.copyOf(reasons), List.copyOf(actions), List.copyOf(warnings), stamp);
    }

    /** Votes strongest first, then the rules that cast none; ties by truth code, rule name, explanation. */
    private Comparator<Outcome.Firing> reasonOrder() {
        return Comparator
                .comparingInt((Outcome.Firing firing) -> firing.advice() == null
                        ? Integer.MAX_VALUE : policy.rank(firing.advice()))
                .thenComparing(Outcome.Firing::truth, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Outcome.Firing::rule)
                .thenComparing(Outcome.Firing::explanation);
    }

    private static String mostFired(List<Outcome.Firing> firings) {
        Map<String, Integer> counts = new HashMap<>();
        String most = null;
        for (Outcome.Firing firing : firings) {
            int count = counts.merge(firing.rule(), 1, Integer::sum);
            if (most == null || count > counts.get(most)) {
                most = firing.rule();
            }
        }
        return most;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** Opens a firing on the outcome before each consequence runs, so rules need not say who they are. */
    private final class FiringRecorder extends DefaultAgendaEventListener {
        private final Outcome outcome;

        FiringRecorder(Outcome outcome) {
            this.outcome = outcome;
        }

        @Override
        public void beforeMatchFired(BeforeMatchFiredEvent event) {
            Rule rule = event.getMatch().getRule();
            outcome.begin(rule.getName(), truthByRule.get(rule.getName()));
        }
    }
}
