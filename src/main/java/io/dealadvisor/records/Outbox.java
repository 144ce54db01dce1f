package io.dealadvisor.records;

import io.dealadvisor.DealAdvisorConfig;
import io.dealadvisor.events.CloudEvents;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * The events waiting to be sent ({@code event_outbox}, db/migration/.../V5): written in the transaction of what they
 * tell (a record by {@link DecisionInserts}, an outcome by {@link OutcomeStore}, a day's due revisits with the day's
 * mark), read in order and deleted once the broker has acknowledged them (io.dealadvisor.events.EventPublisher).
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
    /**
     * The key of the PostgreSQL advisory lock that orders a day's revisit run (exclusive) and the records of decisions
     * to wait written meanwhile (shared).
     */
    public static final long REVISIT_DAY_LOCK = 0x6465616c526576L;
    /** The decisions to wait whose revisits fall due, followed by a further condition on {@code decision d}. */
    private static final String DUE_REVISITS = "SELECT d.deal_id, d.decision_id, d.revisit_on, d.headline,"
            + " d.decided_at FROM decision d WHERE d.advice = 'WAIT' AND d.revisit_on IS NOT NULL AND";

    private final DecisionStore store;
    private final boolean enabled;
    /** On PostgreSQL, the connection the publisher holds its turn on; only the publisher's thread uses it. */
    private Connection turn;
    private long turnCheckedAt;

    public Outbox(DecisionStore store, DealAdvisorConfig config, DecisionsConfig decisions) {
        this.store = store;
        this.enabled = decisions.enabled() && config.events().kafka().bootstrapServers()
                .filter(servers -> !servers.isBlank()).isPresent();
    }

    /** Whether events are on: bootstrap servers are set and decisions are recorded. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * The decision events of {@code records}, in the caller's transaction, and the revisit events of those whose day
     * was emitted already ({@link #revisitsAlreadyDue}).
     */
    void decisions(Connection connection, List<DecisionRecord> records) throws SQLException {
        long now = System.currentTimeMillis();
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (DecisionRecord record : records) {
                bind(insert, CloudEvents.DECISION, record.dealId(), record.decisionId().toString(), now,
                        CloudEvents.recorded(record));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        revisitsAlreadyDue(connection, records);
    }

    /**
     * A decision to wait until a day whose revisits went out already (a deal decided on the day of its next milestone,
     * after that day's run, or as of a past date) is due at once: no later run goes back to that day, so its revisit
     * event is written with the record, when it is the latest decision of its deal, as the day's run decides it. On
     * PostgreSQL the day's run and this check take one advisory lock (exclusive and shared), so a record committed
     * while the run reads is seen by one of them, never by neither or both.
     */
    private void revisitsAlreadyDue(Connection connection, List<DecisionRecord> records) throws SQLException {
        List<DecisionRecord> waiting = records.stream()
                .filter(record -> "WAIT".equals(record.advice()) && record.revisitOn() != null).toList();
        if (waiting.isEmpty()) {
            return;
        }
        if (store.partitioned()) {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock_shared(?)")) {
                lock.setLong(1, REVISIT_DAY_LOCK);
                lock.execute();
            }
        }
        LocalDate done = lastRevisitDay(connection);
        List<DecisionRecord> due = done == null ? List.of()
                : waiting.stream().filter(record -> !record.revisitOn().isAfter(done)).toList();
        if (due.isEmpty()) {
            return;
        }
        StoreTypes types = store.types();
        String ids = String.join(", ", Collections.nCopies(due.size(), "?"));
        try (PreparedStatement select = connection.prepareStatement(DUE_REVISITS + " d.decision_id IN (" + ids + ")"
                + DecisionFigures.LATEST_OF_ITS_DEAL)) {
            for (int i = 0; i < due.size(); i++) {
                select.setObject(i + 1, types.id(due.get(i).decisionId()));
            }
            addRevisits(connection, select);
        }
    }
    /** One event, in the caller's transaction. */
    void add(Connection connection, String kind, String key, String id, String event) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            bind(insert, kind, key, id, System.currentTimeMillis(), event);
            insert.executeUpdate();
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

    /** The oldest {@code limit} events, in the order they were written. */
    public List<Row> next(int limit) throws SQLException {
        List<Row> rows = new ArrayList<>(limit);
        try (Connection connection = store.connection();
             PreparedStatement select = connection.prepareStatement("SELECT seq, kind, event_key, event_id, event"
                     + " FROM event_outbox ORDER BY seq LIMIT ?")) {
            select.setInt(1, limit);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getLong(1), result.getString(2), result.getString(3),
                            result.getString(4), result.getString(5)));
                }
            }
        }
        return rows;
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

    /**
     * Puts the revisits that fall due on {@code day} in the outbox, with the day's mark, in one transaction: the deals
     * whose latest decision is to wait until that day. Once per day: 0 when the day, or a later one, was done before
     * (here or by another replica): days are done in order ({@code RevisitEvents.upTo}), and a decision to wait until
     * a day already done gets its event with its record.
     */
    public int revisitsDue(LocalDate day) throws SQLException {
        StoreTypes types = store.types();
        try (Connection connection = store.connection()) {
            return WriteTransaction.run(connection, () -> {
                if (store.partitioned()) { // see revisitsAlreadyDue
                    try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                        lock.setLong(1, REVISIT_DAY_LOCK);
                        lock.execute();
                    }
                }
                LocalDate done = lastRevisitDay(connection);
                if (done != null && !day.isAfter(done) || !markDay(connection, day)) {
                    connection.rollback();
                    return 0;
                }
                try (PreparedStatement select = connection.prepareStatement(DUE_REVISITS + " d.revisit_on = ?"
                        + DecisionFigures.LATEST_OF_ITS_DEAL + " ORDER BY d.decision_id")) {
                    select.setObject(1, types.date(day));
                    return addRevisits(connection, select);
                }
            });
        }
    }

    /**
     * The revisit events of the decisions {@code select} finds ({@link #DUE_REVISITS}), each due on its
     * {@code revisitOn}; how many.
     */
    private int addRevisits(Connection connection, PreparedStatement select) throws SQLException {
        StoreTypes types = store.types();
        Instant now = Instant.now();
        int added = 0;
        try (ResultSet result = select.executeQuery()) {
            while (result.next()) {
                UUID decision = types.id(result, "decision_id");
                String deal = result.getString("deal_id");
                LocalDate revisitOn = types.date(result, "revisit_on");
                String event = CloudEvents.due(decision, deal, revisitOn, result.getString("headline"),
                        types.instant(result, "decided_at"), now);
                add(connection, CloudEvents.REVISIT, deal, CloudEvents.revisitId(decision, revisitOn), event);
                added++;
            }
        }
        return added;
    }

    /** The latest day whose revisits were put in the outbox; null before the first. */
    public LocalDate lastRevisitDay() throws SQLException {
        try (Connection connection = store.connection()) {
            return lastRevisitDay(connection);
        }
    }

    private static LocalDate lastRevisitDay(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT MAX(due_on) FROM event_revisit_day");
             ResultSet result = select.executeQuery()) {
            String last = result.next() ? result.getString(1) : null;
            return last == null ? null : LocalDate.parse(last);
        }
    }

    private static boolean markDay(Connection connection, LocalDate day) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM event_revisit_day WHERE due_on = ?")) {
            select.setString(1, day.toString());
            try (ResultSet result = select.executeQuery()) {
                if (result.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement mark = connection.prepareStatement(
                "INSERT INTO event_revisit_day (due_on, emitted_at) VALUES (?, ?)")) {
            mark.setString(1, day.toString());
            mark.setLong(2, System.currentTimeMillis());
            mark.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (StoreTypes.duplicateKey(e)) {
                return false; // another replica marked it meanwhile
            }
            throw e;
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
