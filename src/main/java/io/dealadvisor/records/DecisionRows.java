package io.dealadvisor.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * How records are read: the summary alone ({@code decision d}) for the listing, the summary joined with its details
 * ({@code decision_detail x}) for a whole record; the filters and the order by position; a row turned into a record.
 */
final class DecisionRows {

    private static final String OUTCOME = "d.outcome_result, d.outcome_advice_followed, d.outcome_client_retained,"
            + " d.outcome_reported_on, d.outcome_reported_by";
    static final String SUMMARY = "SELECT d.decision_id, d.decided_at, d.deal_id, d.as_of, d.advice, d.refer_to,"
            + " d.revisit_on, d.ruleset_version, d.caller, " + OUTCOME + " FROM decision d";
    /** {@code x.decided_at} is null when the record has no details (any more). */
    static final String WHOLE = "SELECT d.decision_id, d.decided_at, d.deal_id, d.as_of, d.caller, d.channel,"
            + " d.duration_micros, d.shadow_json, d.detail, x.decided_at AS detail_at, x.deal_json, x.advice_json,"
            + " x.shadow_reasons, " + OUTCOME + " FROM decision d LEFT JOIN decision_detail x"
            + " ON x.decided_at = d.decided_at AND x.decision_id = d.decision_id";

    private final StoreTypes types;

    DecisionRows(StoreTypes types) {
        this.types = types;
    }

    /**
     * {@code select} ({@link #SUMMARY} or {@link #WHOLE}) filtered by {@code query}, ordered by position (oldest or
     * newest first), after {@code after}, at most {@code limit} rows.
     */
    PreparedStatement select(DecisionStore store, Connection connection, String select, DecisionQuery query,
                             DecisionCursor after, boolean oldestFirst, int limit) throws SQLException {
        List<String> conditions = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        if (query.dealId() != null) {
            conditions.add("d.deal_id = ?");
            values.add(query.dealId());
        }
        if (query.advice() != null) {
            conditions.add("d.advice = ?");
            values.add(query.advice());
        }
        if (query.rulesetVersion() != null) {
            conditions.add("d.ruleset_version = ?");
            values.add(query.rulesetVersion());
        }
        if (query.from() != null) {
            conditions.add("d.decided_at >= ?");
            values.add(types.instant(query.from()));
        }
        if (query.to() != null) {
            conditions.add("d.decided_at < ?");
            values.add(types.instant(query.to()));
        }
        String beyond = oldestFirst ? ">" : "<";
        if (after != null) {
            conditions.add("(d.decided_at " + beyond + " ? OR (d.decided_at = ? AND d.decision_id " + beyond + " ?))");
            values.add(types.instant(after.decidedAt()));
            values.add(types.instant(after.decidedAt()));
            values.add(types.id(after.decisionId()));
        }
        String direction = oldestFirst ? "ASC" : "DESC";
        PreparedStatement statement = store.query(connection, select
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY d.decided_at " + direction + ", d.decision_id " + direction + " LIMIT ?");
        for (int i = 0; i < values.size(); i++) {
            statement.setObject(i + 1, values.get(i));
        }
        statement.setInt(values.size() + 1, limit);
        return statement;
    }

    DecisionSummary summary(ResultSet result) throws SQLException {
        return new DecisionSummary(types.id(result, "decision_id"), types.instant(result, "decided_at"),
                result.getString("deal_id"), types.date(result, "as_of"),
                result.getString("advice"), result.getString("refer_to"),
                types.date(result, "revisit_on"), result.getString("ruleset_version"),
                result.getString("caller"), outcome(result));
    }

    /**
     * A row of {@link #WHOLE}. A record without details shows its deal and advice as null and its shadow without
     * reasons, and says why: {@code erased}, or else {@code expired} (expiry only deletes the details' rows).
     */
    StoredDecision whole(ResultSet result) throws SQLException {
        String detail = result.getString("detail");
        boolean whole = detail == null && result.getObject("detail_at") != null;
        if (detail == null && !whole) {
            detail = RecordDetails.EXPIRED;
        }
        return new StoredDecision(types.id(result, "decision_id"), types.instant(result, "decided_at"),
                result.getString("deal_id"), types.date(result, "as_of"), result.getString("caller"),
                result.getString("channel"), result.getLong("duration_micros"),
                whole ? result.getString("deal_json") : null, whole ? result.getString("advice_json") : null,
                whole ? StoredDocuments.join(result.getString("shadow_json"), result.getString("shadow_reasons"))
                        : result.getString("shadow_json"),
                outcome(result), detail);
    }

    private RecordedOutcome outcome(ResultSet result) throws SQLException {
        String outcome = result.getString("outcome_result");
        return outcome == null ? null : new RecordedOutcome(outcome,
                StoreTypes.flag(result, "outcome_advice_followed"), StoreTypes.flag(result, "outcome_client_retained"),
                types.date(result, "outcome_reported_on"), result.getString("outcome_reported_by"));
    }
}
