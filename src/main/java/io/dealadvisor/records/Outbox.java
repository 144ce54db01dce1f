package io.dealadvisor.records;

import io.dealadvisor.DealAdvisorConfig;
import io.dealadvisor.events.CloudEvents;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The events waiting to be sent ({@code event_outbox}, db/migration/.../V5): written in the transaction of what they
 * tell (a record by {@link DecisionInserts}, an outcome by {@link OutcomeStore}, due revisits by {@link DueRevisits}),
 * read in order and deleted once the broker has acknowledged them (io.dealadvisor.events.EventPublisher).
 * Nothing is written while events are off.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = "INSERT INTO event_outbox (kind, event_key, event_id, created_at, event)"
            + " VALUES (?, ?, ?, ?, ?)";

    /** One event to send: its place in the outbox, its kind (the topic), its key (the deal id) and the event. */
    public record Row(long seq, String kind, String key, String id, String event) {
    }

    /** The key of the advisory lock a replica's publisher holds its turn with (any number only this service uses). */
    private static final long TURN_LOCK = 0x6465616c4f7574L;
    private static final long TURN_CHECK_NANOS = 5_000_000_000L;

    private final DecisionStore store;
    private final DueRevisits revisits;
    private final boolean enabled;
    /** On PostgreSQL, the connection the publisher holds its turn on; only the publisher's thread uses it. */
    private Connection turn;
    private long turnCheckedAt;

    public Outbox(DecisionStore store, DueRevisits revisits, DealAdvisorConfig config, DecisionsConfig decisions) {
        this.store = store;
        this.revisits = revisits;
        this.enabled = decisions.enabled() && config.events().kafka().bootstrapServers()
                .filter(servers -> !servers.isBlank()).isPresent();
    }

    /** Whether events are on: bootstrap servers are set and decisions are recorded. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * The decision events of {@code records}, in the caller's transaction, and the revisit events of those whose day
     * was done already ({@link DueRevisits#withRecords}).
     */
    void decisions(Connection connection, List<DecisionRecord> records) throws SQLException {
        try (Inserts events = new Inserts(connection, CloudEvents.DECISION)) {
            for (DecisionRecord record : records) {
                events.add(record.dealId(), record.decisionId().toString(), CloudEvents.recorded(record));
            }
        }
        revisits.withRecords(connection, records);
    }

    /**
     * Events of one kind written in the caller's transaction: one statement, sent to the database in batches of
     * {@link #BATCH}, the last when closed.
     */
    static final class Inserts implements AutoCloseable {

        private static final int BATCH = 500;

        private final PreparedStatement insert;
        private final String kind;
        private final long at = System.currentTimeMillis();
        private int waiting;
        private int added;

        Inserts(Connection connection, String kind) throws SQLException {
            this.insert = connection.prepareStatement(INSERT);
            this.kind = kind;
        }

        void add(String key, String id, String event) throws SQLException {
            bind(insert, kind, key, id, at, event);
            insert.addBatch();
            added++;
            if (++waiting == BATCH) {
                insert.executeBatch();
                waiting = 0;
            }
        }

        /** The events added so far. */
        int added() {
            return added;
        }

        @Override
        public void close() throws SQLException {
            try (insert) {
                if (waiting > 0) {
                    insert.executeBatch();
                }
            }
        }
    }

    /**
     * Whether this replica's publisher has the outbox to itself: always on an embedded store; on PostgreSQL, where the
     * replicas share one outbox, while it holds a session advisory lock on a connection it keeps, checked every few
     * seconds. The lock goes with the connection, so a replica that stops or loses the server hands over.
     */
    public boolean publishing() throws SQLException {
        if (!store.partitioned()) {
            return true;
        }
        if (turn != null && System.nanoTime() - turnCheckedAt < TURN_CHECK_NANOS) {
            return true;
        }
        if (turn != null && turn.isValid(2)) {
            turnCheckedAt = System.nanoTime();
            return true;
        }
        releaseTurn();
        Connection connection = store.connection();
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, TURN_LOCK);
            try (ResultSet result = lock.executeQuery()) {
                if (result.next() && result.getBoolean(1)) {
                    turn = connection;
                    turnCheckedAt = System.nanoTime();
                    return true;
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return false;
    }

    /**
     * Gives the turn up (the publisher stops, or its store failed it). Unlocked before the connection goes back to the
     * pool, which keeps the session open; a broken session's lock is released by the server.
     */
    public void releaseTurn() {
        Connection held = turn;
        turn = null;
        if (held == null) {
            return;
        }
        try (held; PreparedStatement unlock = held.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            unlock.setLong(1, TURN_LOCK);
            unlock.execute();
        } catch (SQLException | RuntimeException e) {
            // a broken session: the server released the lock with it, and the pool drops the connection
        }
    }

    /**
     * The oldest {@code limit} events, in the order they were written, of the deals other than {@code heldBack}, and
     * the oldest of each of those: however many events a held-back deal has waiting, the others' still come.
     */
    public List<Row> next(int limit, Set<String> heldBack) throws SQLException {
        List<Row> rows = new ArrayList<>(limit + heldBack.size());
        try (Connection connection = store.connection()) {
            String others = heldBack.isEmpty() ? ""
                    : " WHERE event_key NOT IN (" + String.join(", ", Collections.nCopies(heldBack.size(), "?")) + ")";
            try (PreparedStatement select = connection.prepareStatement("SELECT seq, kind, event_key, event_id, event"
                    + " FROM event_outbox" + others + " ORDER BY seq LIMIT ?")) {
                int parameter = 1;
                for (String key : heldBack) {
                    select.setString(parameter++, key);
                }
                select.setInt(parameter, limit);
                read(select, rows);
            }
            try (PreparedStatement first = connection.prepareStatement("SELECT seq, kind, event_key, event_id, event"
                    + " FROM event_outbox WHERE event_key = ? ORDER BY seq LIMIT 1")) {
                for (String key : heldBack) {
                    first.setString(1, key);
                    read(first, rows);
                }
            }
        }
        rows.sort(Comparator.comparingLong(Row::seq));
        return rows;
    }

    private static void read(PreparedStatement select, List<Row> rows) throws SQLException {
        try (ResultSet result = select.executeQuery()) {
            while (result.next()) {
                rows.add(new Row(result.getLong(1), result.getString(2), result.getString(3), result.getString(4),
                        result.getString(5)));
            }
        }
    }

    /** Deletes the events the broker acknowledged, by their place (never a range: one written later may be lower). */
    public void delete(List<Row> sent) throws SQLException {
        try (Connection connection = store.connection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM event_outbox WHERE seq = ?")) {
            for (Row row : sent) {
                delete.setLong(1, row.seq());
                delete.addBatch();
            }
            WriteTransaction.run(connection, delete::executeBatch);
        }
    }

    /** Events waiting to be sent. */
    public long backlog() throws SQLException {
        try (Connection connection = store.connection();
             PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM event_outbox");
             ResultSet result = count.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    private static void bind(PreparedStatement insert, String kind, String key, String id, long at, String event)
            throws SQLException {
        insert.setString(1, kind);
        insert.setString(2, key);
        insert.setString(3, id);
        insert.setLong(4, at);
        insert.setString(5, event);
    }
}
