package io.dealadvisor.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the rules say about one deal, written by their consequences through the {@code conclusions} global.
 * The engine opens a {@link Firing} before each rule's consequence runs, so a rule only states what it
 * concludes: a vote (for the advice its {@code @advice} declares), a note, actions, warnings, whom to refer
 * to, when to revisit.
 */
public final class Conclusions {

    private final List<Firing> firings = new ArrayList<>();
    private Firing current;
    private boolean decided;
    private String referTo;
    private LocalDate revisitOn;

    /** Called by the engine before a rule's consequence runs, with what the rule declares. */
    public void begin(String rule, String truth, Advice declared) {
        current = new Firing(rule, truth, declared);
        firings.add(current);
    }

    /** Called by the engine once the votes are counted: from then on rules may add, but not vote. */
    public void decided() {
        decided = true;
    }

    /** A vote for the advice the rule declares with {@code @advice}, for this reason. */
    public void vote(String explanation) {
        Firing firing = firing();
        if (firing.declared == null) {
            throw new IllegalStateException("rule '" + firing.rule + "' votes but declares no advice;"
                    + " add @advice(\"...\") beside its @truth");
        }
        vote(firing.declared, explanation);
    }

    /** A vote that names its advice: it must be the one the rule declares. */
    public void vote(Advice advice, String explanation) {
        Firing firing = firing();
        if (advice != firing.declared) {
            throw new IllegalStateException("rule '" + firing.rule + "' voted " + advice + " but declares "
                    + (firing.declared == null ? "no advice" : "@advice(\"" + firing.declared + "\")")
                    + "; a rule votes only for the advice it declares");
        }
        if (decided) {
            throw new IllegalStateException("rule '" + firing.rule + "' voted after the advice was decided;"
                    + " rules that match FinalAdvice may only add actions, warnings, referTo or revisitOn");
        }
        if (firing.advice != null) {
            throw new IllegalStateException("rule '" + firing.rule + "' voted twice in one firing");
        }
        firing.advice = advice;
        firing.explanation = explanation;
    }

    /** The reason of a rule that casts no vote. */
    public void note(String explanation) {
        firing().explanation = explanation;
    }

    public void act(String action) {
        firing().actions.add(action);
    }

    public void warn(String warning) {
        firing().warnings.add(warning);
    }

    public void referTo(String competitor) {
        firing();
        referTo = competitor;
    }

    public void revisitOn(LocalDate date) {
        firing();
        revisitOn = date;
    }

    public List<Firing> firings() {
        return firings;
    }

    public String referTo() {
        return referTo;
    }

    public LocalDate revisitOn() {
        return revisitOn;
    }

    private Firing firing() {
        if (current == null) {
            throw new IllegalStateException("conclusions are written only from a rule's consequence");
        }
        return current;
    }

    /** One rule firing: its vote (or none), why, and what it asks the seller to do. */
    public static final class Firing {
        private final String rule;
        private final String truth;
        private final Advice declared;
        private Advice advice;
        private String explanation;
        private final List<String> actions = new ArrayList<>(2);
        private final List<String> warnings = new ArrayList<>(1);

        Firing(String rule, String truth, Advice declared) {
            this.rule = rule;
            this.truth = truth;
            this.declared = declared;
        }

        public String rule() {
            return rule;
        }

        public String truth() {
            return truth;
        }

        public Advice advice() {
            return advice;
        }

        public String explanation() {
            return explanation == null ? rule : explanation;
        }

        public List<String> actions() {
            return actions;
        }

        public List<String> warnings() {
            return warnings;
        }
    }
}
