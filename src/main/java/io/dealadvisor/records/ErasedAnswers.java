package io.dealadvisor.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The answers kept for {@code Idempotency-Key}s ({@link IdempotencyKeys}) that hold the advice of an erased record,
 * replaced in the erasure's transaction by a problem document saying so: a retry with the key gets {@code 410}
 * with the same decision ids, not the advice the erasure removed, and still makes no new decision.
 */
final class ErasedAnswers {

    static final int STATUS = 410;
    static final String PROBLEM = "{\"type\":\"urn:deal-advisor:problem:answer-erased\",\"title\":\"The answer was"
            + " erased\",\"status\":410,\"detail\":\"an erasure removed what the answer to this Idempotency-Key held;"
            + " its decisions stay recorded, without their details\"}";

    private ErasedAnswers() {
    }

    /**
     * Replaces the kept answers that hold any of the decisions {@code erased} (their ids), on {@code connection}, in
     * its transaction; how many. The keys of the last window are read once: an erasure is rare, a key's row small.
     */
    static int redact(Connection connection, Set<String> erased) throws SQLException {
        if (erased.isEmpty()) {
            return 0;
        }
        List<String[]> keys = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT caller, idem_key, decision_ids FROM idempotency_key WHERE status = 200");
             ResultSet result = select.executeQuery()) {
            while (result.next()) {
                String ids = result.getString("decision_ids");
                if (ids != null && holdsAny(ids, erased)) {
                    keys.add(new String[]{result.getString("caller"), result.getString("idem_key")});
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
                update.setString(2, PROBLEM);
                update.setString(3, key[0]);
                update.setString(4, key[1]);
                update.addBatch();
            }
            update.executeBatch();
        }
        return keys.size();
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
