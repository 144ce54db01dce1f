package io.dealadvisor.records;

import io.dealadvisor.events.CloudEvents;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** The outcomes reported for recorded decisions, and the evidence the database counts from them. */
@ApplicationScoped
public class OutcomeStore {

    private static final String REPORT = "UPDATE decision SET outcome_result = ?, outcome_advice_followed = ?,"
            + " outcome_client_retained = ?, outcome_reported_on = ?, outcome_reported_by = ? WHERE decision_id = ?";
    private static final String COUNTS = OutcomeTally.COUNTS;

    private final DecisionStore store;
    private final Outbox events;

    public OutcomeStore(DecisionStore store, Outbox events) {
        this.store = store;
        this.events = events;
    }

    /**
     * Stores the outcome of a decision, replacing an earlier one; false when no such decision is written. While events
     * are on, its event goes to the outbox in the same transaction.
     */
    public boolean report(UUID decisionId, RecordedOutcome outcome) {
        try (Connection connection = store.connection();
             PreparedStatement update = connection.prepareStatement(REPORT)) {
            update.setString(1, outcome.result());
            StoreTypes.flag(update, 2, outcome.adviceFollowed());
            StoreTypes.flag(update, 3, outcome.clientRetained());
            update.setObject(4, store.types().date(outcome.reportedOn()));
            update.setString(5, outcome.reportedBy());
            update.setObject(6, store.types().id(decisionId));
            if (!events.enabled()) {
                return update.executeUpdate() == 1;
            }
            return WriteTransaction.run(connection, () -> {
                boolean found = update.executeUpdate() == 1;
                if (found) {
                    String dealId = dealOf(connection, decisionId);
                    UUID eventId = DecisionIds.next();
                    try (Outbox.Inserts event = new Outbox.Inserts(connection, CloudEvents.OUTCOME)) {
                        event.add(dealId, eventId.toString(),
                                CloudEvents.reported(eventId, decisionId, dealId, outcome, Instant.now()));
                    }
                }
                return found;
            });
        } catch (SQLException e) {
            throw new StoreUnavailableException("the decision store cannot be written now; try again later", e);
        }
    }

    private String dealOf(Connection connection, UUID decisionId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT deal_id FROM decision WHERE decision_id = ?")) {
            select.setObject(1, store.types().id(decisionId));
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        }
    }

    /**
     * The evidence over the decisions decided in [{@code from}, {@code to}) (a null bound does not limit),
     * counted by the database in two grouped queries read from one snapshot, so the counts agree with each other.
     *
     * @param precedence the advice codes, strongest first: the order of {@code byAdvice}
     */
    public Evidence evidence(Instant from, Instant to, List<String> precedence) {
        List<String> range = new ArrayList<>();
        List<Object> bounds = new ArrayList<>();
        if (from != null) {
            range.add("d.decided_at >= ?");
            bounds.add(store.types().instant(from));
        }
        if (to != null) {
            range.add("d.decided_at < ?");
            bounds.add(store.types().instant(to));
        }
        List<String> withOutcomes = new ArrayList<>(range);
        withOutcomes.add("d.outcome_result IS NOT NULL");
        // Every decision of the range, with or without an outcome: these groups count the decisions too.
        String byAdvice = "SELECT d.advice AS subject, d.outcome_advice_followed AS followed,"
                + " d.outcome_result AS result, " + COUNTS + " FROM decision d" + where(range)
                + " GROUP BY d.advice, d.outcome_advice_followed, d.outcome_result";
        String byTruth = "SELECT t.truth AS subject, d.outcome_advice_followed AS followed,"
                + " d.outcome_result AS result, " + COUNTS
                + " FROM decision d JOIN decision_truth t"
                + " ON t.decision_id = d.decision_id AND t.decided_at = d.decided_at" + where(withOutcomes)
                + " GROUP BY t.truth, d.outcome_advice_followed, d.outcome_result";
        Map<String, OutcomeTally> advices = new HashMap<>();
        Map<String, OutcomeTally> truths = new TreeMap<>();
        long decisions = 0;
        long withOutcome = 0;
        try (Connection connection = store.connection()) {
            // A read transaction, not a WriteTransaction: on SQLite it begins DEFERRED and locks nothing against the
            // writer for as long as the two queries run.
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                for (OutcomeTally.Row row : rows(connection, byAdvice, bounds)) {
                    decisions += row.outcomes();
                    if (row.result() != null) {
                        withOutcome += row.outcomes();
                        advices.computeIfAbsent(row.subject(), subject -> new OutcomeTally()).add(row);
                    }
                }
                for (OutcomeTally.Row row : rows(connection, byTruth, bounds)) {
                    truths.computeIfAbsent(row.subject(), subject -> new OutcomeTally()).add(row);
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("the decision store cannot be read now; try again later", e);
        }
        List<Evidence.ByAdvice> adviceEvidence = advices.entrySet().stream()
                .sorted(Comparator.comparingInt(entry -> rank(precedence, entry.getKey())))
                .map(entry -> entry.getValue().byAdvice(entry.getKey()))
                .toList();
        List<Evidence.ByTruth> truthEvidence = truths.entrySet().stream()
                .map(entry -> entry.getValue().byTruth(entry.getKey()))
                .toList();
        return new Evidence(decisions, withOutcome, adviceEvidence, truthEvidence);
    }

    private static String where(List<String> conditions) {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static int rank(List<String> precedence, String advice) {
        int rank = precedence.indexOf(advice);
        return rank < 0 ? precedence.size() : rank;
    }

    private List<OutcomeTally.Row> rows(Connection connection, String sql, List<Object> bounds) throws SQLException {
        try (PreparedStatement select = store.query(connection, sql)) {
            for (int i = 0; i < bounds.size(); i++) {
                select.setObject(i + 1, bounds.get(i));
            }
            return OutcomeTally.rows(select, "subject");
        }
    }
}
