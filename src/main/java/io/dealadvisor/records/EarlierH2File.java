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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Properties;
import java.util.UUID;

/**
 * The H2 file an earlier version kept its records in ({@code PATH.mv.db}, beside SQLite's {@code PATH.db}): at start,
 * its records (every column, outcomes included) and their voting truths are copied into SQLite and the file is
 * renamed {@code PATH.imported.mv.db}, so it is imported once and still opens in H2. The copy skips a record
 * SQLite holds already, so an import cut short (the process killed) is simply done again at the next start. A file
 * that cannot be read is left where it is and logged; records are written all the same.
 */
final class EarlierH2File {

    private static final Logger LOG = Logger.getLogger(EarlierH2File.class);
    /** Rows copied per SQLite transaction. */
    private static final int CHUNK = 2_000;
    private static final String COLUMNS = "decision_id, decided_at, deal_id, as_of, caller, channel, duration_micros,"
            + " advice, refer_to, revisit_on, ruleset_version, deal_json, advice_json, shadow_json,"
            + " shadow_ruleset_version, shadow_advice, shadow_differs, outcome_result, outcome_advice_followed,"
            + " outcome_client_retained, outcome_reported_on";
    /** Each of {@link #COLUMNS}: T text, I instant, D date, L long, B flag, U id. */
    private static final String KINDS = "UITDTTLTTDTTTTTTBTBBD";
    private static final String[] NAMES = COLUMNS.split(", ");

    private final Path path;
    private final Path h2File;
    private final StoreTypes sqlite;

    /** {@code path}: {@code deal-advisor.decisions.path}, absolute. */
    EarlierH2File(Path path, StoreTypes sqlite) {
        this.path = path;
        this.h2File = Path.of(path + ".mv.db");
        this.sqlite = sqlite;
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
            if (!hasDecisions(h2)) {
                LOG.warnf("%s holds no decision records table; it is left as it is", h2File);
                return;
            }
            try (Connection into = target.open()) {
                counts = copy(h2, into);
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
        LOG.infof("Imported %d decision record(s) (%d with an outcome, %d voting truths) from %s in %d ms%s;"
                        + " the H2 file is now %s", counts.records, counts.outcomes, counts.truths, h2File,
                (System.nanoTime() - started) / 1_000_000,
                counts.skipped == 0 ? "" : ", " + counts.skipped + " already there skipped", renamed);
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

    private static boolean hasDecisions(Connection h2) throws SQLException {
        try (ResultSet tables = h2.getMetaData().getTables(null, null, "DECISION", null)) {
            return tables.next();
        }
    }

    private Counts copy(Connection h2, Connection into) throws SQLException {
        Counts counts = new Counts();
        into.setAutoCommit(false);
        try {
            try (Statement select = h2.createStatement();
                 ResultSet rows = select.executeQuery("SELECT " + COLUMNS + " FROM decision");
                 PreparedStatement insert = into.prepareStatement("INSERT INTO decision (" + COLUMNS + ") VALUES ("
                         + "?, ".repeat(NAMES.length - 1) + "?) ON CONFLICT DO NOTHING")) {
                boolean[] withOutcome = new boolean[CHUNK];
                int pending = 0;
                while (rows.next()) {
                    for (int i = 0; i < NAMES.length; i++) {
                        bind(insert, i + 1, KINDS.charAt(i), rows, NAMES[i]);
                    }
                    insert.addBatch();
                    withOutcome[pending] = rows.getString("outcome_result") != null;
                    if (++pending == CHUNK) {
                        counts.records(insert.executeBatch(), withOutcome);
                        into.commit();
                        pending = 0;
                    }
                }
                counts.records(insert.executeBatch(), withOutcome);
            }
            try (Statement select = h2.createStatement();
                 ResultSet rows = select.executeQuery("SELECT decision_id, truth FROM decision_truth");
                 PreparedStatement insert = into.prepareStatement(
                         "INSERT INTO decision_truth (decision_id, truth) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                int pending = 0;
                while (rows.next()) {
                    insert.setObject(1, sqlite.id(rows.getObject("decision_id", UUID.class)));
                    insert.setString(2, StoredJsonSerializer.wellFormed(rows.getString("truth")));
                    insert.addBatch();
                    if (++pending == CHUNK) {
                        counts.truths(insert.executeBatch());
                        into.commit();
                        pending = 0;
                    }
                }
                counts.truths(insert.executeBatch());
            }
            into.commit();
        } catch (SQLException | RuntimeException e) {
            into.rollback();
            throw e;
        } finally {
            into.setAutoCommit(true);
        }
        return counts;
    }

    /**
     * One value, from H2's type to SQLite's. Texts are mended as they are shown: records made before deals had to
     * be Unicode text may hold half of a surrogate pair, which SQLite's UTF-8 would turn into '?'; it becomes U+FFFD.
     */
    private void bind(PreparedStatement insert, int index, char kind, ResultSet row, String column)
            throws SQLException {
        switch (kind) {
            case 'U' -> insert.setObject(index, sqlite.id(row.getObject(column, UUID.class)));
            case 'I' -> insert.setObject(index, sqlite.instant(row.getObject(column, OffsetDateTime.class).toInstant()));
            case 'D' -> insert.setObject(index, sqlite.date(row.getObject(column, LocalDate.class)));
            case 'L' -> insert.setLong(index, row.getLong(column));
            case 'B' -> StoreTypes.flag(insert, index, StoreTypes.flag(row, column));
            default -> {
                String text = row.getString(column);
                insert.setString(index, text == null ? null : StoredJsonSerializer.wellFormed(text));
            }
        }
    }

    private static final class Counts {
        long records;
        long skipped;
        long outcomes;
        long truths;

        /** The rows a batch inserted (1) or skipped as already there (0). */
        void records(int[] inserted, boolean[] withOutcome) {
            for (int i = 0; i < inserted.length; i++) {
                if (inserted[i] == 0) {
                    skipped++;
                } else {
                    records++;
                    outcomes += withOutcome[i] ? 1 : 0;
                }
            }
        }

        void truths(int[] inserted) {
            for (int count : inserted) {
                truths += count;
            }
        }
    }
}
