package io.dealadvisor.records;

import io.dealadvisor.events.CloudEvents;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * The revisits that fall due, as events in the {@link Outbox}: a day's (the deals whose latest decision is to wait
 * until that day), once, with the day's mark in {@code event_revisit_day}; and, with its record, a decision to wait
 * until a day done already. io.dealadvisor.events.RevisitEvents says which days and when.
 */
@ApplicationScoped
public class DueRevisits {

    /**
     * The key of the PostgreSQL advisory lock that orders a day's run (exclusive) and the records of decisions to wait
     * written meanwhile (shared).
     */
    public static final long LOCK = 0x6465616c526576L;
    /** The decisions to wait whose revisits fall due, followed by a further condition on {@code decision d}. */
    private static final String DUE_REVISITS = "SELECT d.deal_id, d.decision_id, d.revisit_on, d.headline,"
            + " d.decided_at FROM decision d WHERE d.advice = 'WAIT' AND d.revisit_on IS NOT NULL AND";

    private final DecisionStore store;

    public DueRevisits(DecisionStore store) {
        this.store = store;
    }

    /**
     * In the transaction of {@code records}: a decision to wait until a day whose revisits went out already (a deal
     * decided on the day of its next milestone, after that day's run, or as of a past date) is due at once: no later
     * run goes back to that day, so its revisit event is written with the record, when it is the latest decision of
     * its deal, as the day's run decides it. On PostgreSQL the day's run and this check take one advisory lock
     * (exclusive and shared), so a record committed while the run reads is seen by one of them, never by neither or
     * both.
     */
    void withRecords(Connection connection, List<DecisionRecord> records) throws SQLException {
        List<DecisionRecord> waiting = records.stream()
                .filter(record -> "WAIT".equals(record.advice()) && record.revisitOn() != null).toList();
        if (waiting.isEmpty()) {
            return;
        }
        lock(connection, "pg_advisory_xact_lock_shared");
        LocalDate done = lastDayDone(connection);
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

    /**
     * Puts the revisits that fall due on {@code day} in the outbox, with the day's mark, in one transaction: the deals
     * whose latest decision is to wait until that day. Once per day: 0 when the day, or a later one, was done before
     * (here or by another replica): days are done in order ({@code RevisitEvents.upTo}), and a decision to wait until
     * a day already done gets its event with its record.
     */
    public int forDay(LocalDate day) throws SQLException {
        StoreTypes types = store.types();
        try (Connection connection = store.connection()) {
            return WriteTransaction.run(connection, () -> {
                lock(connection, "pg_advisory_xact_lock"); // see withRecords
                LocalDate done = lastDayDone(connection);
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
        Outbox.Inserts events = new Outbox.Inserts(connection, CloudEvents.REVISIT);
        try (events; ResultSet result = select.executeQuery()) {
            while (result.next()) {
                UUID decision = types.id(result, "decision_id");
                String deal = result.getString("deal_id");
                LocalDate revisitOn = types.date(result, "revisit_on");
                String event = CloudEvents.due(decision, deal, revisitOn, result.getString("headline"),
                        types.instant(result, "decided_at"), now);
                events.add(deal, CloudEvents.revisitId(decision, revisitOn), event);
            }
        }
        return events.added();
    }

    /** On PostgreSQL, {@link #LOCK} taken by {@code function} until the transaction ends. */
    private void lock(Connection connection, String function) throws SQLException {
        if (store.partitioned()) {
            try (PreparedStatement lock = connection.prepareStatement("SELECT " + function + "(?)")) {
                lock.setLong(1, LOCK);
                lock.execute();
            }
        }
    }

    /** The latest day whose revisits were put in the outbox; null before the first. */
    public LocalDate lastDayDone() throws SQLException {
        try (Connection connection = store.connection()) {
            return lastDayDone(connection);
        }
    }

    private static LocalDate lastDayDone(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT MAX(due_on) FROM event_revisit_day");
             ResultSet result = select.executeQuery()) {
            String last = result.next() ? result.getString(1) : null;
            return last == null ? null : LocalDate.parse(last);
        }
    }

    /** Marks the day done; false when another replica marked it meanwhile. */
    private static boolean markDay(Connection connection, LocalDate day) throws SQLException {
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
}
