package io.dealadvisor.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The one way records are written, on any store and any connection: the service's writer and bench/jmh's
 * StoreCost, which measures what a record costs each embedded store, use the same statements.
 */
final class DecisionInserts {

    private static final String INSERT = "INSERT INTO decision (decision_id, decided_at, deal_id, as_of, caller,"
            + " channel, duration_micros, advice, refer_to, revisit_on, ruleset_version, deal_json, advice_json,"
            + " shadow_ruleset_version, shadow_advice, shadow_differs, shadow_json, client_id, detail)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_TRUTH = "INSERT INTO decision_truth (decision_id, truth) VALUES (?, ?)";

    private DecisionInserts() {
    }

    /**
     * Writes the records and their voting truths in one transaction on {@code connection}: all of them or none.
     */
    static void insert(Connection connection, StoreTypes types, List<DecisionRecord> records) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement decisions = connection.prepareStatement(INSERT);
             PreparedStatement truths = connection.prepareStatement(INSERT_TRUTH)) {
            int truthRows = 0;
            for (DecisionRecord record : records) {
                bind(decisions, types, record);
                decisions.addBatch();
                for (String truth : new LinkedHashSet<>(record.votingTruths())) {
                    truths.setObject(1, types.id(record.decisionId()));
                    truths.setString(2, truth);
                    truths.addBatch();
                    truthRows++;
                }
            }
            decisions.executeBatch();
            if (truthRows > 0) {
                truths.executeBatch();
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
    }

    private static void bind(PreparedStatement insert, StoreTypes types, DecisionRecord record) throws SQLException {
        insert.setObject(1, types.id(record.decisionId()));
        insert.setObject(2, types.instant(record.decidedAt()));
        insert.setString(3, record.dealId());
        insert.setObject(4, types.date(record.asOf()));
        insert.setString(5, record.caller());
        insert.setString(6, record.channel());
        insert.setLong(7, record.durationMicros());
        insert.setString(8, record.advice());
        insert.setString(9, record.referTo());
        insert.setObject(10, types.date(record.revisitOn()));
        insert.setString(11, record.rulesetVersion());
        insert.setString(12, record.dealJson());
        insert.setString(13, record.adviceJson());
        DecisionRecord.Shadow shadow = record.shadow();
        insert.setString(14, shadow == null ? null : shadow.rulesetVersion());
        insert.setString(15, shadow == null ? null : shadow.advice());
        StoreTypes.flag(insert, 16, shadow == null ? null : shadow.differs());
        insert.setString(17, shadow == null ? null : shadow.json());
        insert.setString(18, record.clientId());
        insert.setString(19, record.detailsErased() ? RecordDetails.ERASED : null);
    }
}
