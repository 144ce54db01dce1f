package io.dealadvisor.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The one way records are written, on any store and any connection: the service's writer and bench/jmh's
 * StoreCost, which measures what a record costs each embedded store, use the same statements. A record is its
 * summary ({@code decision}), its voting truths and, unless an erasure came first, its details
 * ({@code decision_detail}: the deal, the advice document, the shadow's reasons), all in the one transaction, with
 * their decision events in the {@link Outbox} while events are on and the answers of the idempotency claims the
 * records carry (deals read from Kafka, single qualifications with {@code durability=sync}).
 */
final class DecisionInserts {

    private static final String INSERT = "INSERT INTO decision (decision_id, decided_at, deal_id, as_of, caller,"
            + " channel, duration_micros, advice, refer_to, revisit_on, ruleset_version, headline,"
            + " shadow_ruleset_version, shadow_advice, shadow_differs, shadow_json, client_id, detail)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_DETAIL = "INSERT INTO decision_detail (decided_at, decision_id, deal_json,"
            + " advice_json, shadow_reasons) VALUES (?, ?, ?, ?, ?)";
    private static final String INSERT_TRUTH = "INSERT INTO decision_truth (decision_id, decided_at, truth)"
            + " VALUES (?, ?, ?)";

    private DecisionInserts() {
    }

    /**
     * Writes the records and their voting truths in one transaction on {@code connection}: all of them or none. The
     * connection is left in auto-commit.
     */
    static void insert(Connection connection, StoreTypes types, List<DecisionRecord> records) throws SQLException {
        insert(connection, types, records, null);
    }

    /** The same, with the records' decision events in {@code events} when it is on (null: events off). */
    static void insert(Connection connection, StoreTypes types, List<DecisionRecord> records, Outbox events)
            throws SQLException {
        WriteTransaction.run(connection, () -> write(connection, types, records, events));
    }

    private static void write(Connection connection, StoreTypes types, List<DecisionRecord> records, Outbox events)
            throws SQLException {
        try (PreparedStatement decisions = connection.prepareStatement(INSERT);
             PreparedStatement details = connection.prepareStatement(INSERT_DETAIL);
             PreparedStatement truths = connection.prepareStatement(INSERT_TRUTH)) {
            int detailRows = 0;
            int truthRows = 0;
            for (DecisionRecord record : records) {
                // as bound: formatted once a record (on SQLite they are texts), not once a row
                Object id = types.id(record.decisionId());
                Object decidedAt = types.instant(record.decidedAt());
                StoredDocuments.Shadow shadow = StoredDocuments.split(record.shadow() == null ? null
                        : record.shadow().json());
                bind(decisions, types, record, id, decidedAt, shadow.summary());
                decisions.addBatch();
                if (!record.detailsErased()) {
                    details.setObject(1, decidedAt);
                    details.setObject(2, id);
                    details.setString(3, record.dealJson());
                    details.setString(4, record.adviceJson());
                    details.setString(5, shadow.reasons());
                    details.addBatch();
                    detailRows++;
                }
                for (String truth : new LinkedHashSet<>(record.votingTruths())) {
                    truths.setObject(1, id);
                    truths.setObject(2, decidedAt);
                    truths.setString(3, truth);
                    truths.addBatch();
                    truthRows++;
                }
            }
            decisions.executeBatch();
            if (detailRows > 0) {
                details.executeBatch();
            }
            if (truthRows > 0) {
                truths.executeBatch();
            }
            if (events != null && events.enabled()) {
                events.decisions(connection, records);
            }
            answeredWith(connection, records);
        }
    }

    /**
     * Answers, in the caller's transaction, the claims the records carry ({@link DecisionRecord#claim}): a deal read
     * from Kafka, or a single qualification with {@code durability=sync}. The record and its claim's answer are
     * committed together, so a retry after a crash or a timed-out wait finds either both (and is not decided again)
     * or neither (and is decided, once). An erasure that came first took the advice document: the answer kept is
     * then the erased problem ({@code 410}), as if the erasure had come after.
     */
    private static void answeredWith(Connection connection, List<DecisionRecord> records) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(IdempotencyKeys.ANSWER)) {
            int answers = 0;
            for (DecisionRecord record : records) {
                if (record.claim() != null) {
                    String decisionId = record.decisionId().toString();
                    boolean erased = record.detailsErased();
                    update.setInt(1, erased ? ErasedAnswers.STATUS : 200);
                    update.setString(2, decisionId);
                    update.setString(3, erased ? ErasedAnswers.problem(List.of(decisionId)) : record.adviceJson());
                    update.setString(4, record.claim().caller());
                    update.setString(5, record.claim().key());
                    update.setLong(6, record.claim().createdAt());
                    update.addBatch();
                    answers++;
                }
            }
            if (answers > 0) {
                update.executeBatch();
            }
        }
    }

    private static void bind(PreparedStatement insert, StoreTypes types, DecisionRecord record, Object id,
                             Object decidedAt, String shadowSummary) throws SQLException {
        insert.setObject(1, id);
        insert.setObject(2, decidedAt);
        insert.setString(3, record.dealId());
        insert.setObject(4, types.date(record.asOf()));
        insert.setString(5, record.caller());
        insert.setString(6, record.channel());
        insert.setLong(7, record.durationMicros());
        insert.setString(8, record.advice());
        insert.setString(9, record.referTo());
        insert.setObject(10, types.date(record.revisitOn()));
        insert.setString(11, record.rulesetVersion());
        // An erasure that came first took the headline with the advice document.
        insert.setString(12, record.detailsErased() ? null : StoredDocuments.headline(record.adviceJson()));
        DecisionRecord.Shadow shadow = record.shadow();
        insert.setString(13, shadow == null ? null : shadow.rulesetVersion());
        insert.setString(14, shadow == null ? null : shadow.advice());
        StoreTypes.flag(insert, 15, shadow == null ? null : shadow.differs());
        insert.setString(16, shadowSummary);
        insert.setString(17, record.clientId());
        insert.setString(18, record.detailsErased() ? RecordDetails.ERASED : null);
    }
}
