package io.dealadvisor.records;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How a shadow candidate compares with the live rules, counted by the database from the decision records that
 * carry its version: so the figures hold across restarts and, on PostgreSQL, add up across replicas.
 */
@ApplicationScoped
public class ShadowFigures {

    private static final int EXAMPLES = 20;

    /**
     * A move from the live advice to the candidate's, how many deals made it, and what became of those of them with
     * a reported outcome under the live advice, apart for the sellers who followed it and those who did not.
     */
    @JsonPropertyOrder({"from", "to", "deals", "outcomes"})
    public record Transition(String from, String to, long deals, Outcomes outcomes) {
    }

    /** The outcomes of a transition's deals, as the evidence groups them. */
    @JsonPropertyOrder({"followed", "notFollowed"})
    public record Outcomes(Evidence.Group followed, Evidence.Group notFollowed) {

        /** Reported outcomes held outside the store (the records of an export), grouped as the store's are. */
        public static Outcomes of(Collection<RecordedOutcome> reported) {
            OutcomeTally tally = new OutcomeTally();
            reported.forEach(outcome -> tally.add(OutcomeTally.Row.of(outcome)));
            return new Outcomes(tally.followed(), tally.notFollowed());
        }
    }

    /** A recent decision on which the candidate differs. */
    @JsonPropertyOrder({"decisionId", "dealId", "from", "to"})
    public record Example(UUID decisionId, String dealId, String from, String to) {
    }

    public record Figures(long compared, long differ, long skipped, List<Transition> transitions,
                          List<Example> examples) {
    }

    private final DecisionStore store;

    public ShadowFigures(DecisionStore store) {
        this.store = store;
    }

    /** The figures of the candidate {@code version}: comparisons, differences, skips, transitions, examples. */
    public Figures of(String version) {
        try (Connection connection = store.connection()) {
            long compared = 0;
            long differ = 0;
            long skipped = 0;
            try (PreparedStatement counts = store.query(connection, "SELECT"
                    + " SUM(CASE WHEN shadow_advice IS NOT NULL THEN 1 ELSE 0 END) AS compared,"
                    + " SUM(CASE WHEN shadow_differs = TRUE THEN 1 ELSE 0 END) AS differ,"
                    + " SUM(CASE WHEN shadow_advice IS NULL THEN 1 ELSE 0 END) AS skipped"
                    + " FROM decision WHERE shadow_ruleset_version = ?")) {
                counts.setString(1, version);
                try (ResultSet result = counts.executeQuery()) {
                    if (result.next()) {
                        compared = result.getLong("compared");
                        differ = result.getLong("differ");
                        skipped = result.getLong("skipped");
                    }
                }
            }
            Map<String, OutcomeTally> outcomes = new HashMap<>();
            try (PreparedStatement reported = store.query(connection, "SELECT d.advice, d.shadow_advice,"
                    + " d.outcome_advice_followed AS followed, d.outcome_result AS result, " + OutcomeTally.COUNTS
                    + " FROM decision d WHERE d.shadow_ruleset_version = ? AND d.shadow_differs = TRUE"
                    + " AND d.outcome_result IS NOT NULL"
                    + " GROUP BY d.advice, d.shadow_advice, d.outcome_advice_followed, d.outcome_result")) {
                reported.setString(1, version);
                for (OutcomeTally.Row row : OutcomeTally.rows(reported, "advice", "shadow_advice")) {
                    outcomes.computeIfAbsent(row.subject(), subject -> new OutcomeTally()).add(row);
                }
            }
            List<Transition> transitions = new ArrayList<>();
            try (PreparedStatement moves = store.query(connection, "SELECT advice, shadow_advice, COUNT(*) AS deals"
                    + " FROM decision WHERE shadow_ruleset_version = ? AND shadow_differs = TRUE"
                    + " GROUP BY advice, shadow_advice ORDER BY deals DESC, advice, shadow_advice")) {
                moves.setString(1, version);
                try (ResultSet result = moves.executeQuery()) {
                    while (result.next()) {
                        String from = result.getString("advice");
                        String to = result.getString("shadow_advice");
                        OutcomeTally tally = outcomes.getOrDefault(from + " " + to, new OutcomeTally());
                        transitions.add(new Transition(from, to, result.getLong("deals"),
                                new Outcomes(tally.followed(), tally.notFollowed())));
                    }
                }
            }
            List<Example> examples = new ArrayList<>();
            try (PreparedStatement recent = store.query(connection, "SELECT decision_id, deal_id, advice,"
                    + " shadow_advice FROM decision WHERE shadow_ruleset_version = ? AND shadow_differs = TRUE"
                    + " ORDER BY decided_at DESC, decision_id DESC LIMIT " + EXAMPLES)) {
                recent.setString(1, version);
                try (ResultSet result = recent.executeQuery()) {
                    while (result.next()) {
                        examples.add(new Example(store.types().id(result, "decision_id"),
                                result.getString("deal_id"), result.getString("advice"),
                                result.getString("shadow_advice")));
                    }
                }
            }
            return new Figures(compared, differ, skipped, transitions, examples);
        } catch (SQLException e) {
            throw DecisionStore.unavailable(e);
        }
    }
}
