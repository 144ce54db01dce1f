package io.dealadvisor.records;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteConnectionConfig;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A transaction that writes, on any store: begun, the caller's work run in it and committed, or on any failure rolled
 * back and the failure rethrown. The connection is left in auto-commit either way, as the pool lends it and as the
 * writer keeps its own between batches.
 *
 * <p>On SQLite it takes the write lock when it begins ({@code BEGIN IMMEDIATE}), waiting for another writer's
 * transaction up to the busy timeout. Begun DEFERRED, a transaction that reads before it writes (an erasure's chunk,
 * the day's revisits) holds a snapshot that SQLite will not wait to upgrade: its first write fails at once with
 * SQLITE_BUSY when another connection holds the write lock or has committed since the read. Only writes begin so: a
 * read transaction (the evidence's) stays DEFERRED and holds no lock against the writer. H2 and PostgreSQL lock rows
 * as they are written, and wait for them, whatever the transaction read first.
 */
final class WriteTransaction {

    private WriteTransaction() {
    }

    /** Work that writes and answers something. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    /** Work that writes. */
    @FunctionalInterface
    interface Writes {
        void run() throws SQLException;
    }

    /** Runs {@code writes} in one write transaction on {@code connection}. */
    static void run(Connection connection, Writes writes) throws SQLException {
        run(connection, () -> {
            writes.run();
            return null;
        });
    }

    /**
     * Runs {@code work} in one write transaction on {@code connection} and answers what it answered. The work may
     * commit part of its writes itself; what follows is then a transaction of its own, begun DEFERRED.
     */
    static <T> T run(Connection connection, Work<T> work) throws SQLException {
        T answer;
        try {
            begin(connection);
            answer = work.run();
            connection.commit();
        } catch (Throwable e) {
            undo(connection, e);
            throw e;
        }
        connection.setAutoCommit(true);
        return answer;
    }

    /**
     * Leaves auto-commit. SQLite's driver begins the transaction then, in the connection's transaction mode, and
     * begins the next one as soon as this one commits or rolls back: IMMEDIATE is set for this begin alone and put
     * back at once, so that the pooled connection's other transactions, the next one included, take no lock.
     */
    private static void begin(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(SQLiteConnection.class)) {
            connection.setAutoCommit(false);
            return;
        }
        SQLiteConnectionConfig sqlite = connection.unwrap(SQLiteConnection.class).getConnectionConfig();
        SQLiteConfig.TransactionMode lent = sqlite.getTransactionMode();
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        try {
            connection.setAutoCommit(false);
        } finally {
            sqlite.setTransactionMode(lent);
        }
    }

    /**
     * Rolls back and returns to auto-commit after {@code failure}, which their own failures are added to. A BEGIN
     * that failed (SQLite's busy timeout) left nothing to roll back, but the driver out of auto-commit all the same.
     */
    private static void undo(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
