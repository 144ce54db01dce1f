package io.dealadvisor.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The answers kept for {@code Idempotency-Key}s ({@link IdempotencyKeys}) that hold the advice of an erased record,
 * replaced in the erasure's transaction by a problem document saying so: a retry with the key gets {@code 410}
 * with the same decision ids, not the advice the erasure removed, and still makes no new decision.
 */
final class ErasedAnswers {

    static final int STATUS = 410;
    private static final String PROBLEM = "{\"type\":\"urn:deal-advisor:problem:answer-erased\",\"title\":\"The"
            + " answer was erased\",\"status\":410,\"detail\":\"an erasure removed what the answer to this"
            + " Idempotency-Key held; its decisions stay recorded, without their details\",\"decisionIds\":[%s]}";

    /**
     * Far more than a request takes from its key's claim to its last decision, and than the clock of one replica
     * could step back meanwhile.
     */
    static final Duration MARGIN = Duration.ofHours(1);

    private ErasedAnswers() {
    }

    /**
     * Replaces the kept answers that hold any of the decisions {@code erased} (their ids, with when each was decided),
     * on {@code connection}, in its transaction; how many. A key is claimed just before its decisions are made, on
     * the same replica, so only the keys claimed within {@link #MARGIN} of those times are read: an erasure of many
     * records, most of them older than the keys' window, reads none for those.
     */
    static int redact(Connection connection, Map<String, Instant> erased) throws SQLException {
        if (erased.isEmpty()) {
            return 0;
        }
        Instant earliest = Collections.min(erased.values());
        Instant latest = Collections.max(erased.values());
        List<String[]> keys = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT caller, idem_key, decision_ids FROM"
                + " idempotency_key WHERE created_at BETWEEN ? AND ? AND status = 200")) {
            select.setLong(1, earliest.minus(MARGIN).toEpochMilli());
            select.setLong(2, latest.plus(MARGIN).toEpochMilli());
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    String ids = result.getString("decision_ids");
                    if (ids != null && holdsAny(ids, erased.keySet())) {
                        keys.add(new String[]{result.getString("caller"), result.getString("idem_key"), ids});
                    }
                }
            }
        }
        if (keys.isEmpty()) {
            return 0;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE idempotency_key SET status = ?, response = ? WHERE caller = ? AND idem_key = ?")) {
            for (String[] key : keys) {
                update.setInt(1, STATUS);
                update.setString(2, problem(List.of(key[2].split(","))));
                update.setString(3, key[0]);
                update.setString(4, key[1]);
                update.addBatch();
            }
            update.executeBatch();
        }
        return keys.size();
    }

    /**
     * Replaces the answer just stored for {@code caller}'s {@code key} when one of its {@code decisionIds} was stored
     * erased already: the writer screened it against an erasure of the last hour, or the erasure stripped it, before
     * the answer was stored (with {@code durability=sync}, a batch's; with {@code buffered}, a large batch's first
     * records), so no redaction found it. A claim answered in its record's transaction is answered erased there.
     * Those decisions were made within {@link #MARGIN}, which bounds the partitions read.
     */
    static void ifAnyErased(Connection connection, StoreTypes types, String caller, String key,
                            List<String> decisionIds) throws SQLException {
        ifAnyErased(connection, types, caller, key, decisionIds, Instant.now().minus(MARGIN));
    }

    /**
     * The same for an answer about to be replayed, whose decisions were made after {@code since}: one of them may
     * have been written erased after its answer was stored, past both the erasure's redaction and the answer's own
     * check (two replicas, or a writer's commit between the two). True when the answer was replaced.
     */
    static boolean ifAnyErased(Connection connection, StoreTypes types, String caller, String key,
                               List<String> decisionIds, Instant since) throws SQLException {
        if (decisionIds.isEmpty()) {
            return false;
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE idempotency_key SET status = ?,"
                + " response = ? WHERE caller = ? AND idem_key = ? AND status = 200 AND EXISTS ("
                + erasedAmong(decisionIds.size()) + ")")) {
            update.setInt(1, STATUS);
            update.setString(2, problem(decisionIds));
            update.setString(3, caller);
            update.setString(4, key);
            bindErasedAmong(update, 5, types, decisionIds, since);
            return update.executeUpdate() > 0;
        }
    }

    /**
     * Whether one of {@code decisionIds}, made after {@code since}, is stored erased: read first, so that a replay,
     * which nearly never finds one, does not take the embedded store's write lock to find out.
     */
    static boolean anyErased(Connection connection, StoreTypes types, List<String> decisionIds, Instant since)
            throws SQLException {
        if (decisionIds.isEmpty()) {
            return false;
        }
        try (PreparedStatement select = connection.prepareStatement(erasedAmong(decisionIds.size()))) {
            bindErasedAmong(select, 1, types, decisionIds, since);
            try (ResultSet result = select.executeQuery()) {
                return result.next();
            }
        }
    }

    /** A query for the stored erased decisions among {@code count} ids made after a time: bound by the next. */
    private static String erasedAmong(int count) {
        return "SELECT 1 FROM decision WHERE decided_at >= ? AND detail = '" + RecordDetails.ERASED
                + "' AND decision_id IN (" + String.join(", ", Collections.nCopies(count, "?")) + ")";
    }

    private static void bindErasedAmong(PreparedStatement statement, int first, StoreTypes types,
                                        List<String> decisionIds, Instant since) throws SQLException {
        statement.setObject(first, types.instant(since));
        for (int i = 0; i < decisionIds.size(); i++) {
            statement.setObject(first + 1 + i, types.id(UUID.fromString(decisionIds.get(i))));
        }
    }

    /** The answer kept instead: the erased problem, with the ids of the answer's decisions (UUIDs, so no quoting). */
    static String problem(List<String> decisionIds) {
        return PROBLEM.formatted(decisionIds.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",")));
    }

    private static boolean holdsAny(String decisionIds, Set<String> erased) {
        for (String id : decisionIds.split(",")) {
            if (erased.contains(id)) {
                return true;
            }
        }
        return false;
    }
}
