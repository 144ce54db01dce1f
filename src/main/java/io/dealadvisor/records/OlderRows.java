package io.dealadvisor.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Deletes the rows of a table keyed by {@code decided_at} and {@code decision_id} that are older than a cut-off, a
 * chunk of records per transaction, so a large backlog never holds a long lock. On PostgreSQL this is left for the
 * one partition the cut-off falls in (and the default one), the older partitions being dropped whole.
 */
final class OlderRows {

    private OlderRows() {
    }

    /** Deletes the rows of {@code table} decided before {@code cutoff}; how many. */
    static long delete(DecisionStore store, String table, Instant cutoff, int chunk) throws SQLException {
        long total = 0;
        int deleted;
        do {
            try (Connection connection = store.connection();
                 // a range of decided_at up to the chunk's last, which every store reads from its index on decided_at
                 // (PostgreSQL pruning partitions), rather than ids looked up among every row past the cut-off (a
                 // scan a chunk, quadratic in a backlog); ties at the chunk's last instant go with it
                 PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table
                         + " WHERE decided_at < ? AND decided_at <= (SELECT MAX(decided_at) FROM (SELECT decided_at"
                         + " FROM " + table + " WHERE decided_at < ? ORDER BY decided_at LIMIT " + chunk
                         + ") chunk)")) {
                connection.setAutoCommit(true); // whatever the pool's last user left it at
                delete.setObject(1, store.types().instant(cutoff));
                delete.setObject(2, store.types().instant(cutoff));
                deleted = delete.executeUpdate();
            }
            total += deleted;
        } while (deleted >= chunk); // a table with several rows a record (the truths) deletes more than a chunk
        return total;
    }
}
