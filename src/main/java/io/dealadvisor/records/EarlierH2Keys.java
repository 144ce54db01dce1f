package io.dealadvisor.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The {@code Idempotency-Key}s of an earlier version's H2 file ({@link EarlierH2File}) still inside the window, copied
 * into SQLite before the records, so that a retry replays the answer the H2 service gave instead of deciding anew.
 * Only answered keys: a claim never answered was a request that got no answer worth repeating, or died. A key SQLite
 * holds already (claimed while the import waited) is kept as it is.
 */
final class EarlierH2Keys {

    private EarlierH2Keys() {
    }

    /** Copies the keys claimed since {@code since} (a file of V1 has none); how many. */
    static long copy(Connection h2, Connection into, Instant since) throws SQLException {
        if (!EarlierH2File.hasTable(h2, "IDEMPOTENCY_KEY")) {
            return 0;
        }
        long copied = 0;
        try (PreparedStatement select = h2.prepareStatement("SELECT caller, idem_key, body_sha256, created_at, status,"
                + " decision_ids, response FROM idempotency_key WHERE created_at >= ? AND status IS NOT NULL");
             PreparedStatement insert = into.prepareStatement("INSERT INTO idempotency_key (caller, idem_key,"
                     + " body_sha256, created_at, status, decision_ids, response) VALUES (?, ?, ?, ?, ?, ?, ?)"
                     + " ON CONFLICT DO NOTHING")) {
            select.setLong(1, since.toEpochMilli());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    insert.setString(1, rows.getString(1));
                    insert.setString(2, rows.getString(2));
                    insert.setString(3, rows.getString(3));
                    insert.setLong(4, rows.getLong(4));
                    insert.setInt(5, rows.getInt(5));
                    insert.setString(6, rows.getString(6));
                    insert.setString(7, rows.getString(7));
                    insert.addBatch();
                }
            }
            for (int inserted : insert.executeBatch()) {
                copied += inserted;
            }
        }
        return copied;
    }
}
