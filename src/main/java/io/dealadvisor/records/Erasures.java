package io.dealadvisor.records;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Erasure of what the records hold about one client or one deal: the deal, the advice document and the shadow
 * reasons of every matching record go, the summary stays (so every figure stays the same). The erasure log keeps
 * who erased how many records and when, and the erased id only as a salted hash ({@link ErasureScreen}).
 *
 * <p>In order: the erasure is logged (so every replica's writer screens the subject from its next batch on), this
 * replica's writer screens it at once, the records buffered here are written (screened), then the stored records are
 * stripped. On PostgreSQL, where other replicas may still be writing a batch they screened before they read the log,
 * the stored records are stripped a second time, once every transaction begun before the end of that window has
 * ended (a batch's commit can wait on a lock for seconds).
 */
@ApplicationScoped
public class Erasures {

    private static final Logger LOG = Logger.getLogger(Erasures.class);
    /** How long an erasure waits for this replica's buffered records to be written before stripping the store. */
    private static final Duration BUFFER_PATIENCE = Duration.ofSeconds(10);
    /** Longer than another replica takes to read the log and begin the transaction of a batch screened before. */
    private static final Duration OTHER_REPLICAS = ErasureScreen.REFRESH.plusSeconds(1);
    /** The longest the second strip waits for the transactions begun before it (the erasure's answer waits too). */
    private static final Duration OLDER_TRANSACTIONS_PATIENCE = Duration.ofSeconds(30);

    private final DecisionStore store;
    private final DecisionRecorder recorder;
    private final ErasureScreen screen;
    private final RecordDetails details;

    public Erasures(DecisionStore store, DecisionRecorder recorder, ErasureScreen screen, RecordDetails details) {
        this.store = store;
        this.recorder = recorder;
        this.screen = screen;
        this.details = details;
    }

    /** One erasure as the log shows it. */
    @JsonPropertyOrder({"erasureId", "at", "by", "records"})
    public record Erasure(String erasureId, Instant at, String by, long records) {
    }

    /** What to erase: exactly one of a client id and a deal id. */
    public record Subject(String clientId, String dealId) {
        String kind() {
            return clientId != null ? "client" : "deal";
        }

        String id() {
            return clientId != null ? clientId : dealId;
        }
    }

    /** Erases what the records hold about {@code subject}, for {@code by} (null with credential checks off). */
    public Erasure erase(Subject subject, String by) {
        String erasureId = UUID.randomUUID().toString();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        boolean logged = false;
        try {
            String hash = screen.hash(subject.kind(), subject.id());
            log(erasureId, at, by, hash);
            logged = true;
            screen.watch(hash, at);
            if (!recorder.awaitBuffered(BUFFER_PATIENCE)) {
                LOG.warnf("Erasure %s: records still buffered after %s are erased as they are written", erasureId,
                        BUFFER_PATIENCE);
            }
            long stripped = strip(subject);
            if (store.kind().equals(DecisionsConfig.Store.postgresql.name())) {
                Thread.sleep(OTHER_REPLICAS.toMillis());
                awaitOlderTransactions(erasureId);
                stripped += strip(subject);
            }
            long records = stripped + screen.counted(hash);
            count(erasureId, records);
            LOG.infof("Erasure %s by %s: the details of %d decision record(s) removed", erasureId, by, records);
            return new Erasure(erasureId, at, by, records);
        } catch (SQLException e) {
            throw new StoreUnavailableException(logged ? "the decision store failed during erasure " + erasureId
                    + ", which may be partly done (its log shows 0 records); send it again later to finish it"
                    : "the decision store cannot be written now, so nothing was erased yet; try again later", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while erasing; try again", e);
        }
    }

    /** Where a page of the log ends: its last erasure's time and id. */
    public record Cursor(Instant at, String erasureId) {
    }

    /** The erasures, newest first (then by id), after {@code after} (null: from the newest), at most {@code limit}. */
    public List<Erasure> list(Cursor after, int limit) {
        List<Erasure> erasures = new ArrayList<>();
        String beyond = after == null ? "" : " WHERE erased_at < ? OR (erased_at = ? AND erasure_id < ?)";
        try (Connection connection = store.connection();
             PreparedStatement select = store.query(connection, "SELECT erasure_id, erased_at, erased_by,"
                     + " record_count FROM erasure" + beyond + " ORDER BY erased_at DESC, erasure_id DESC LIMIT ?")) {
            int index = 1;
            if (after != null) {
                select.setLong(index++, after.at().toEpochMilli());
                select.setLong(index++, after.at().toEpochMilli());
                select.setString(index++, after.erasureId());
            }
            select.setInt(index, limit);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    erasures.add(new Erasure(result.getString(1), Instant.ofEpochMilli(result.getLong(2)),
                            result.getString(3), result.getLong(4)));
                }
            }
        } catch (SQLException e) {
            throw DecisionStore.unavailable(e);
        }
        return erasures;
    }

    /**
     * On PostgreSQL, waits until no other connection of this service's role is in a transaction begun before now (by
     * the server's clock), at most {@link #OLDER_TRANSACTIONS_PATIENCE}: a batch another replica screened before it
     * read the log has then committed, or rolled back, and the second strip sees it. The replicas share one role;
     * autovacuum, backups and other roles' sessions are not waited for.
     */
    private void awaitOlderTransactions(String erasureId) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + OLDER_TRANSACTIONS_PATIENCE.toNanos();
        try (Connection connection = store.connection();
             PreparedStatement older = connection.prepareStatement("SELECT COUNT(*) FROM pg_stat_activity WHERE"
                     + " datname = current_database() AND usename = current_user AND backend_type = 'client backend'"
                     + " AND pid <> pg_backend_pid() AND xact_start < ?")) {
            OffsetDateTime now;
            try (PreparedStatement clock = connection.prepareStatement("SELECT clock_timestamp()");
                 ResultSet result = clock.executeQuery()) {
                result.next();
                now = result.getObject(1, OffsetDateTime.class);
            }
            older.setObject(1, now);
            while (true) {
                try (ResultSet result = older.executeQuery()) {
                    result.next();
                    if (result.getLong(1) == 0) {
                        return;
                    }
                }
                if (System.nanoTime() - deadline >= 0) {
                    LOG.warnf("Erasure %s: transactions begun before it still open after %s; the stored records are"
                            + " stripped again all the same", erasureId, OLDER_TRANSACTIONS_PATIENCE);
                    return;
                }
                Thread.sleep(100);
            }
        }
    }

    private int strip(Subject subject) throws SQLException {
        return subject.clientId() != null
                ? details.erase("client_id = ?", List.of(subject.clientId()))
                : details.erase("deal_id = ? AND (detail IS NULL OR detail <> 'erased')", List.of(subject.dealId()));
    }

    private void log(String erasureId, Instant at, String by, String hash) throws SQLException {
        try (Connection connection = store.connection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO erasure (erasure_id, erased_at,"
                     + " erased_by, subject_hash, record_count) VALUES (?, ?, ?, ?, 0)")) {
            insert.setString(1, erasureId);
            insert.setLong(2, at.toEpochMilli());
            insert.setString(3, by);
            insert.setString(4, hash);
            insert.executeUpdate();
        }
    }

    private void count(String erasureId, long records) throws SQLException {
        try (Connection connection = store.connection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE erasure SET record_count = ? WHERE erasure_id = ?")) {
            update.setLong(1, records);
            update.setString(2, erasureId);
            update.executeUpdate();
        }
    }
}
