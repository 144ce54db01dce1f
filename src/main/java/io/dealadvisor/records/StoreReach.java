package io.dealadvisor.records;

import org.jboss.logging.Logger;

import java.sql.SQLException;

/**
 * Whether the store answered the writer's last use, and why not: what the health check and {@code durability=sync}
 * read. An outage is logged once when it begins and once when it ends; the health check says it meanwhile.
 */
final class StoreReach {

    /** The recorder's log category, as before the recorder was split into parts. */
    private static final Logger LOG = Logger.getLogger(DecisionRecorder.class);

    private final WriterConnection connection;
    private final RecordBuffer buffer;
    private volatile boolean migrated;
    private volatile boolean reachable;
    private volatile String lastError;
    private volatile boolean outageLogged;

    StoreReach(WriterConnection connection, RecordBuffer buffer) {
        this.connection = connection;
        this.buffer = buffer;
    }

    /** At start: migrates the schema if the database answers; if it does not, the writer keeps trying. */
    void start() {
        try {
            migrate();
            reachable = true;
        } catch (RuntimeException e) {
            unreachable(e);
        }
    }

    /** Creates or updates the schema the first time the store answers; a no-op from then on. */
    void migrate() {
        if (!migrated) {
            connection.migrate();
            migrated = true;
        }
    }

    /**
     * An idle writer checks now and then that the store still answers, so that the health check stays true. Once a
     * write has failed, answering is not enough: the store is back when it takes a write (a read-only server answers).
     */
    void probe() {
        try {
            migrate();
            if (reachable ? connection.reachable() : connection.writable()) {
                reachableAgain();
            } else {
                unreachable(new SQLException("no connection answered"));
            }
        } catch (RuntimeException e) {
            unreachable(e);
        }
    }

    void reachableAgain() {
        if (!reachable) {
            reachable = true;
            if (outageLogged) {
                outageLogged = false;
                LOG.infof("The decision store (%s) answers again; %d buffered record(s) to write", connection.kind(),
                        buffer.held());
            }
        }
    }

    void unreachable(Throwable e) {
        reachable = false;
        lastError = e.getMessage();
        if (!outageLogged) {
            outageLogged = true;
            LOG.warnf("The decision store (%s) cannot be reached; decisions are kept in memory (%s) until it can: %s",
                    connection.kind(), buffer.bounds(), e.getMessage());
        }
    }

    boolean reachable() {
        return reachable;
    }

    /** The driver's message of the last failure, for the log and tests; never for the health check. */
    String lastError() {
        return lastError;
    }
}
