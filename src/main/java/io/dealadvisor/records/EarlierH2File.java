package io.dealadvisor.records;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * The H2 file an earlier version kept its records in ({@code PATH.mv.db}, beside SQLite's {@code PATH.db}): at start,
 * its records (every column, outcomes included: the summary, and the details of a record still whole), their voting
 * truths, its erasure log and salt ({@link EarlierH2Erasures}: a record of a client or deal SQLite erased meanwhile is
 * stored erased) and its idempotency keys still in their window ({@link EarlierH2Keys}) are copied into SQLite and
 * the file is renamed {@code PATH.imported.mv.db}, so it is imported once and still opens in H2. The copy skips what
 * SQLite holds already, so an import cut short (the process killed) is simply done again at the next start. A file
 * that cannot be read is left where it is and logged; records are written all the same.
 */
final class EarlierH2File {

    private static final Logger LOG = Logger.getLogger(EarlierH2File.class);
    /** Rows copied per SQLite transaction. */
    private static final int CHUNK = 2_000;

    private final Path path;
    private final Path h2File;
    private final StoreTypes sqlite;
    private final Ages keysWindow;

    /** {@code path}: {@code deal-advisor.decisions.path}, absolute; {@code keysWindow}: how long keys are kept. */
    EarlierH2File(Path path, StoreTypes sqlite, Ages keysWindow) {
        this.path = path;
        this.h2File = Path.of(path + ".mv.db");
        this.sqlite = sqlite;
        this.keysWindow = keysWindow;
    }

    @FunctionalInterface
    interface Connections {
        Connection open() throws SQLException;
    }

    /** Imports the H2 file if there is one; never throws (a failure is logged and tried again at the next start). */
    void importOnce(Connections target) {
        if (!Files.isRegularFile(h2File)) {
            return;
        }
        LOG.infof("Found the H2 file of an earlier version, %s: importing its decision records", h2File);
        long started = System.nanoTime();
        Counts counts;
        try (Connection h2 = openH2()) {
            if (!hasTable(h2, "DECISION")) {
                LOG.warnf("%s holds no decision records table; it is left as it is", h2File);
                return;
            }
            try (Connection into = target.open()) {
                counts = copy(h2, into, keysWindow.before(Instant.now()));
            }
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "Could not import the decision records of %s; it is left where it is, and the import is"
                    + " tried again at the next start", h2File);
            return;
        }
        Path renamed = renamed();
        try {
            Files.move(h2File, renamed);
        } catch (IOException e) {
            LOG.errorf(e, "Imported the records of %s but could not rename it to %s: the next start imports it again"
                    + " (skipping the records already there)", h2File, renamed);
            return;
        }
        LOG.infof("Imported %d decision record(s) (%d with an outcome, %d voting truths), %d erasure(s) and %d"
                        + " idempotency key(s) from %s in %d ms%s; the H2 file is now %s", counts.records,
                counts.outcomes, counts.truths, counts.erasures, counts.keys, h2File,
                (System.nanoTime() - started) / 1_000_000,
                counts.skipped == 0 ? "" : ", " + counts.skipped + " record(s) already there skipped", renamed);
        if (counts.erased > 0) {
            LOG.infof("%d imported decision record(s) stored erased: their client or deal was erased here before the"
                    + " import", counts.erased);
        }
        LOG.warnf("%s still holds the records it held, out of reach of the retention and of erasures: delete it once"
                + " the counts above are checked", renamed);
    }

    private Path renamed() {
        Path renamed = Path.of(path + ".imported.mv.db");
        return Files.exists(renamed) ? Path.of(path + ".imported-" + System.currentTimeMillis() + ".mv.db") : renamed;
    }

    /**
     * Read-only, only if it exists, and streaming rather than holding a whole result; through the driver itself, as
     * the H2 datasource is not active.
     */
    private Connection openH2() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "");
        properties.setProperty("password", "");
        return new org.h2.Driver().connect("jdbc:h2:file:" + path
                + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r;LAZY_QUERY_EXECUTION=TRUE", properties);
    }

    static boolean hasTable(Connection h2, String table) throws SQLException {
        try (ResultSet tables = h2.getMetaData().getTables(null, null, table, null)) {
            return tables.next();
        }
    }

    /**
     * The erasure log, its salt and the keys first, so that the records are screened against SQLite's own erasures
     * and the answers of keys that hold a record stored erased are redacted ({@link ErasedAnswers}).
     */
    private Counts copy(Connection h2, Connection into, Instant keysSince) throws SQLException {
        Counts counts = new Counts();
        EarlierH2Rows records = new EarlierH2Rows(sqlite);
        WriteTransaction.run(into, () -> {
            EarlierH2Erasures erasures = EarlierH2Erasures.copy(h2, into);
            counts.erasures = erasures.copied();
            counts.keys = EarlierH2Keys.copy(h2, into, keysSince);
            into.commit();
            try (Statement select = h2.createStatement();
                 ResultSet rows = select.executeQuery(EarlierH2Rows.select(h2));
                 PreparedStatement insert = into.prepareStatement(EarlierH2Rows.INSERT_SUMMARY);
                 PreparedStatement details = into.prepareStatement(EarlierH2Rows.INSERT_DETAILS)) {
                List<EarlierH2Rows.Row> chunk = new ArrayList<>(CHUNK);
                while (rows.next()) {
                    boolean erasedThere = RecordDetails.ERASED.equals(rows.getString("detail")); // and counted there
                    chunk.add(records.bind(insert, rows, erasedThere ? null
                            : erasures.erasedBy(rows.getString("deal_id"), rows.getString("client_id"))));
                    if (chunk.size() == CHUNK) {
                        write(into, insert, details, records, chunk, erasures, counts);
                        erasures.recount(into);
                        into.commit();
                    }
                }
                write(into, insert, details, records, chunk, erasures, counts);
            }
            erasures.recount(into);
            counts.erased = erasures.storedErased();
            copyTruths(h2, into, counts);
        });
        return counts;
    }

    /**
     * Inserts the summaries bound for {@code chunk}, then the details of those inserted only: a record skipped as
     * already there (an import cut short) keeps what it has, its details perhaps expired or erased since.
     */
    private static void write(Connection into, PreparedStatement insert, PreparedStatement details,
                              EarlierH2Rows records, List<EarlierH2Rows.Row> chunk, EarlierH2Erasures erasures,
                              Counts counts) throws SQLException {
        int[] inserted = insert.executeBatch();
        Map<String, Instant> erased = new HashMap<>();
        for (int i = 0; i < inserted.length; i++) {
            EarlierH2Rows.Row row = chunk.get(i);
            if (inserted[i] == 0) {
                counts.skipped++;
                continue;
            }
            counts.records++;
            counts.outcomes += row.withOutcome() ? 1 : 0;
            if (row.erasureId() != null) {
                erasures.stored(row.erasureId());
                erased.put(row.decisionId().toString(), row.decidedAt());
            } else if (row.deal() != null) {
                records.bindDetails(details, row);
            }
        }
        details.executeBatch();
        ErasedAnswers.redact(into, erased);
        chunk.clear();
    }

    private void copyTruths(Connection h2, Connection into, Counts counts) throws SQLException {
        try (Statement select = h2.createStatement();
             ResultSet rows = select.executeQuery("SELECT t.decision_id, d.decided_at, t.truth"
                     + " FROM decision_truth t JOIN decision d ON d.decision_id = t.decision_id");
             PreparedStatement insert = into.prepareStatement("INSERT INTO decision_truth (decision_id,"
                     + " decided_at, truth) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            int pending = 0;
            while (rows.next()) {
                insert.setObject(1, sqlite.id(rows.getObject("decision_id", UUID.class)));
                insert.setObject(2, sqlite.instant(rows.getObject("decided_at", OffsetDateTime.class)
                        .toInstant()));
                insert.setString(3, StoredJsonSerializer.wellFormed(rows.getString("truth")));
                insert.addBatch();
                if (++pending == CHUNK) {
                    counts.truths(insert.executeBatch());
                    into.commit();
                    pending = 0;
                }
            }
            counts.truths(insert.executeBatch());
        }
    }

    private static final class Counts {
        long records;
        long skipped;
        long outcomes;
        long truths;
        long erasures;
        long erased;
        long keys;

        void truths(int[] inserted) {
            for (int count : inserted) {
                truths += count;
            }
        }
    }
}
