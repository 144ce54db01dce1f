package io.dealadvisor.cli;

import io.dealadvisor.records.RecordedOutcome;
import io.dealadvisor.records.ShadowFigures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The moves from one advice to another, in the order first seen, with the reported outcomes of their deals. */
final class Transitions {

    private record Transition(String from, String to) {
    }

    private final Map<Transition, Integer> deals = new LinkedHashMap<>();
    private final Map<Transition, List<RecordedOutcome>> outcomes = new LinkedHashMap<>();

    /** One deal moved; {@code outcome} is what was reported about it, or null. */
    void add(String from, String to, RecordedOutcome outcome) {
        Transition transition = new Transition(from, to);
        deals.merge(transition, 1, Integer::sum);
        List<RecordedOutcome> reported = outcomes.computeIfAbsent(transition, moved -> new ArrayList<>());
        if (outcome != null) {
            reported.add(outcome);
        }
    }

    /** Every move, with what became of its deals when {@code withOutcomes} (the deals were recorded decisions). */
    List<ImpactReport.Move> moves(boolean withOutcomes) {
        return deals.entrySet().stream().map(moved -> new ImpactReport.Move(moved.getKey().from(),
                moved.getKey().to(), moved.getValue(),
                withOutcomes ? ShadowFigures.Outcomes.of(outcomes.get(moved.getKey())) : null)).toList();
    }
}
