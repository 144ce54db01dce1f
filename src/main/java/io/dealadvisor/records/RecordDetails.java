package io.dealadvisor.records;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Takes the details out of stored records, the summary staying. The details (deal, advice document, shadow reasons)
 * are rows of {@code decision_detail} apart from the summary ({@code decision}), so they go by deleting those rows:
 * expiry deletes them and leaves the summary untouched (a record without details and without another word in
 * {@code decision.detail} has {@code expired}); an erasure deletes them, marks the summary {@code erased} and replaces
 * the answers kept for a retry that held them ({@link ErasedAnswers}). A
 * chunk of records at a time, each chunk in one transaction, so neither holds a lock for long.
 */
@ApplicationScoped
public class RecordDetails {

    public static final String EXPIRED = "expired";
    public static final String ERASED = "erased";
    static final int CHUNK = 500;

    private final DecisionStore store;

    public RecordDetails(DecisionStore store) {
        this.store = store;
    }

    /**
     * Deletes the details of the records decided before {@code cutoff}; how many. On PostgreSQL the partitions older
     * than the cut-off's day are dropped first ({@link Partitions}), so this deletes the rows of one day at most.
     */
    long expire(Instant cutoff) throws SQLException {
        return OlderRows.delete(store, "decision_detail", cutoff, CHUNK);
    }

    /**
     * Erases every record that {@code where} (on the summary, with its {@code values}) selects: its details go, its
     * summary says {@code erased} and loses its client id and its advice's headline, and its events still waiting in
     * the outbox lose the same ({@link ErasedEvents}). {@code where} must no longer select a record once it is
     * erased, or this does not end.
     *
     * @return how many records were erased
     */
    int erase(String where, List<Object> values) throws SQLException {
        int total = 0;
        int erased;
        do {
            try (Connection connection = store.connection()) {
                erased = WriteTransaction.run(connection, () -> eraseChunk(connection, where, values));
            }
            total += erased;
        } while (erased == CHUNK);
        return total;
    }

    private int eraseChunk(Connection connection, String where, List<Object> values) throws SQLException {
        StoreTypes types = store.types();
        List<Object[]> keys = new ArrayList<>(CHUNK);
        Map<String, String> deals = new HashMap<>(); // decision id to deal id, for their waiting events
        Map<String, Instant> decided = new HashMap<>(); // decision id to when, for the answers kept for a retry
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT decision_id, decided_at, deal_id FROM decision WHERE " + where + " LIMIT " + CHUNK)) {
            for (int i = 0; i < values.size(); i++) {
                select.setObject(i + 1, values.get(i));
            }
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    UUID decisionId = types.id(result, "decision_id");
                    Instant decidedAt = types.instant(result, "decided_at");
                    keys.add(new Object[]{types.instant(decidedAt), types.id(decisionId)});
                    deals.put(decisionId.toString(), result.getString("deal_id"));
                    decided.put(decisionId.toString(), decidedAt);
                }
            }
        }
        try (PreparedStatement details = connection.prepareStatement(
                "DELETE FROM decision_detail WHERE decided_at = ? AND decision_id = ?");
             PreparedStatement summary = connection.prepareStatement("UPDATE decision SET detail = '" + ERASED
                     + "', client_id = NULL, headline = NULL WHERE decided_at = ? AND decision_id = ?")) {
            for (Object[] key : keys) {
                for (PreparedStatement statement : List.of(details, summary)) {
                    statement.setObject(1, key[0]);
                    statement.setObject(2, key[1]);
                    statement.addBatch();
                }
            }
            if (!keys.isEmpty()) {
                details.executeBatch();
                summary.executeBatch();
            }
        }
        ErasedEvents.redact(connection, deals);
        ErasedAnswers.redact(connection, decided);
        return keys.size();
    }

    /** A shadow document with {@code "reasons": null}: the candidate's advice stays, what it rested on goes. */
    static String withoutReasons(String shadowJson) {
        return StoredDocuments.withoutReasons(shadowJson);
    }
}
