package io.dealadvisor.records;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The writer's own connection, taken once from the active datasource's pool and kept (re-opened after an outage),
 * never handed back between batches: the queries of auditors, exports, the evidence and the erasures share the rest
 * of the pool, so however many of them run or hang, none can take the writer's connection or make it wait for one.
 * The pool's size (Agroal's default, 20) is therefore the writer's one plus 19 for everything else.
 *
 * <p>Only the writer's thread uses it; between batches it is left in auto-commit, out of any transaction, so that it
 * holds no snapshot or lock (a SQLite reader in WAL mode would otherwise keep an old snapshot until the next batch).
 */
@ApplicationScoped
public class WriterConnection {

    private final DecisionStore store;
    private final ErasureScreen erasures;
    private final Outbox events;
    private Connection connection;

    /** Without events (unit tests). */
    public WriterConnection(DecisionStore store, ErasureScreen erasures) {
        this(store, erasures, null);
    }

    @Inject
    public WriterConnection(DecisionStore store, ErasureScreen erasures, Outbox events) {
        this.store = store;
        this.erasures = erasures;
        this.events = events;
    }

    /** {@code embedded} or {@code postgresql}. */
    String kind() {
        return store.kind();
    }

    /**
     * Creates or updates the schema (once, when the store first answers). Flyway and the import of an earlier file
     * take connections of their own from the pool: at start, before any query runs.
     */
    void migrate() {
        store.migrate();
    }

    /** Writes the records, screened for erasures, and their events in one transaction: all of them or none. */
    void insert(List<DecisionRecord> records) throws SQLException {
        Connection held = open();
        try {
            DecisionInserts.insert(held, store.types(), erasures.screen(held, records), events);
        } catch (SQLException | RuntimeException | Error e) {
            if (StoreTypes.aboutTheRecords(e)) {
                forgetIfBroken();
            } else {
                giveUpBroken(); // a session left read-only by a failover stays so: the next batch gets another
            }
            throw e;
        }
    }

    /** Whether the store answers now, on the writer's connection (a new one if the last stopped answering). */
    boolean reachable() {
        try {
            if (open().isValid(2)) {
                return true;
            }
        } catch (SQLException | RuntimeException e) {
            // as good as no answer: below
        }
        giveUpBroken();
        return false;
    }

    /**
     * Whether the store takes a write now: an update that changes no row still needs the right to write, which a
     * read-only server (after a failover) refuses and a file whose write lock another holds makes wait. A store that
     * answers but cannot write must not be reported back before it can.
     */
    boolean writable() {
        if (!reachable()) {
            return false;
        }
        try (Statement probe = connection.createStatement()) {
            probe.executeUpdate("UPDATE erasure_salt SET salt = salt WHERE 1 = 0");
            return true;
        } catch (SQLException | RuntimeException e) {
            giveUpBroken(); // a session left read-only by a failover stays so: the next probe takes another
            return false;
        }
    }

    /** Gives the connection back (a restart of the writer, or the service stopping); the next use opens another. */
    void release() {
        Connection held = connection;
        connection = null;
        if (held != null) {
            try {
                held.close();
            } catch (SQLException | RuntimeException e) {
                // the pool drops a connection it cannot close
            }
        }
    }

    private Connection open() throws SQLException {
        if (connection == null) {
            connection = store.connection();
        }
        return connection;
    }

    /** After a failed batch: a connection that still answers is kept (the batch was rolled back), else given up. */
    private void forgetIfBroken() {
        try {
            if (connection != null && connection.isValid(2)) {
                connection.setAutoCommit(true);
                return;
            }
        } catch (SQLException | RuntimeException e) {
            // broken: below
        }
        giveUpBroken();
    }

    /**
     * A connection that stopped answering is given up, and with it every idle one in the pool. Handed back, it would
     * be idle again: the pool drops a connection only after an error it knows to be fatal, or when it checks its idle
     * ones (every 2 minutes); after PostgreSQL restarted it lent the writer the same closed connections again, one a
     * retry, and the buffer was still not written a minute later. Closing idle connections costs nothing while the
     * store is away, and does not delay the first failure, which is how an outage is seen.
     */
    private void giveUpBroken() {
        release();
        store.dropIdleConnections();
    }
}
