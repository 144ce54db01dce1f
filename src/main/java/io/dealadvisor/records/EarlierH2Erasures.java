package io.dealadvisor.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The erasures met by the import of an earlier version's H2 file ({@link EarlierH2File}). The file's erasure log and
 * salt are copied into SQLite before its records, so that {@code GET /v1/erasures} still lists them and the writer
 * still screens the records of their subjects ({@link ErasureScreen}). The file's records are screened on their way
 * in against the erasures SQLite made itself (while the import waited for a file held open elsewhere): the H2
 * service never saw those, so when its requests arrived against them is unknown, and every record of such a client
 * or deal is stored erased, whenever it was decided. The file's own erasures had stripped its records already.
 *
 * <p>The log keeps only salted hashes, which cannot be made again with another salt: SQLite with no salt yet adopts
 * the file's as its own; one with its own (an erasure came first) keeps it and adds the file's, which the screen
 * tries too.
 */
final class EarlierH2Erasures {

    private final List<String> salts;
    /** SQLite's own erasures: the hash of each subject, with the id of its latest erasure. */
    private final Map<String, String> erasedHere;
    /** The records stored erased on the way in, by the id of the erasure that matched them. */
    private final Map<String, Long> stored = new HashMap<>();
    private long storedErased;
    private final long copied;

    private EarlierH2Erasures(List<String> salts, Map<String, String> erasedHere, long copied) {
        this.salts = salts;
        this.erasedHere = erasedHere;
        this.copied = copied;
    }

    /** Copies the file's erasure log and salt (a file of V1 has neither) and reads SQLite's own erasures. */
    static EarlierH2Erasures copy(Connection h2, Connection into) throws SQLException {
        Set<String> fromFile = new HashSet<>();
        long copied = 0;
        if (EarlierH2File.hasTable(h2, "ERASURE")) {
            try (Statement select = h2.createStatement();
                 ResultSet rows = select.executeQuery("SELECT erasure_id, erased_at, erased_by, subject_hash,"
                         + " record_count FROM erasure");
                 PreparedStatement insert = into.prepareStatement("INSERT INTO erasure (erasure_id, erased_at,"
                         + " erased_by, subject_hash, record_count) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                while (rows.next()) {
                    fromFile.add(rows.getString(1));
                    insert.setString(1, rows.getString(1));
                    insert.setLong(2, rows.getLong(2));
                    insert.setString(3, rows.getString(3));
                    insert.setString(4, rows.getString(4));
                    insert.setLong(5, rows.getLong(5));
                    insert.addBatch();
                }
                for (int inserted : insert.executeBatch()) {
                    copied += inserted;
                }
            }
            copySalt(h2, into);
        }
        List<String> salts = new ArrayList<>();
        try (Statement select = into.createStatement();
             ResultSet rows = select.executeQuery("SELECT salt FROM erasure_salt ORDER BY id")) {
            while (rows.next()) {
                salts.add(rows.getString(1));
            }
        }
        Map<String, String> erasedHere = new HashMap<>();
        try (Statement select = into.createStatement();
             ResultSet rows = select.executeQuery("SELECT erasure_id, subject_hash FROM erasure ORDER BY erased_at")) {
            while (rows.next()) {
                if (!fromFile.contains(rows.getString(1))) { // a file imported again finds its log there already
                    erasedHere.put(rows.getString(2), rows.getString(1));
                }
            }
        }
        return new EarlierH2Erasures(salts, erasedHere, copied);
    }

    /** The file's salt, unless SQLite has it already: as SQLite's own (id 1) if it has none, else beside it. */
    private static void copySalt(Connection h2, Connection into) throws SQLException {
        if (!EarlierH2File.hasTable(h2, "ERASURE_SALT")) {
            return;
        }
        try (Statement select = h2.createStatement();
             ResultSet row = select.executeQuery("SELECT salt FROM erasure_salt WHERE id = 1");
             PreparedStatement insert = into.prepareStatement("INSERT INTO erasure_salt (id, salt) SELECT"
                     + " (SELECT COALESCE(MAX(id), 0) + 1 FROM erasure_salt), ?"
                     + " WHERE NOT EXISTS (SELECT 1 FROM erasure_salt WHERE salt = ?)")) {
            if (row.next()) {
                insert.setString(1, row.getString(1));
                insert.setString(2, row.getString(1));
                insert.executeUpdate();
            }
        }
    }

    /** The id of SQLite's erasure of {@code dealId} or {@code clientId} (null in a file of V1), or null. */
    String erasedBy(String dealId, String clientId) {
        if (erasedHere.isEmpty()) {
            return null;
        }
        for (String salt : salts) {
            String erasure = erasedHere.get(ErasureScreen.hash("deal", dealId, salt));
            if (erasure == null && clientId != null) {
                erasure = erasedHere.get(ErasureScreen.hash("client", clientId, salt));
            }
            if (erasure != null) {
                return erasure;
            }
        }
        return null;
    }

    /** A record {@link #erasedBy} {@code erasureId} was stored (erased). */
    void stored(String erasureId) {
        stored.merge(erasureId, 1L, Long::sum);
    }

    /**
     * Adds the records stored erased since the last call to their erasures' counts, as if they had been stored before
     * it: called in each chunk's transaction, so that a count commits with its records (an import cut short and done
     * again skips those records, and would not count them again).
     */
    void recount(Connection into) throws SQLException {
        try (PreparedStatement update = into.prepareStatement(
                "UPDATE erasure SET record_count = record_count + ? WHERE erasure_id = ?")) {
            for (Map.Entry<String, Long> erasure : stored.entrySet()) {
                update.setLong(1, erasure.getValue());
                update.setString(2, erasure.getKey());
                update.addBatch();
            }
            update.executeBatch();
        }
        stored.forEach((erasure, count) -> storedErased += count);
        stored.clear();
    }

    /** The erasures copied from the file (not those already there). */
    long copied() {
        return copied;
    }

    /** The records stored erased on the way in. */
    long storedErased() {
        return storedErased;
    }
}
