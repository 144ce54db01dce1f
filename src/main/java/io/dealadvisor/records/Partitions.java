package io.dealadvisor.records;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time partitions of the records on PostgreSQL (db/migration/postgresql/V3): the summaries and their truths by
 * UTC month, the details by UTC day, each table with a default partition. Run by the retention job: it makes the
 * partitions of the coming periods (and of the rows waiting in a default partition) and drops the partitions that
 * lie entirely before a cut-off, so that only the one partition a cut-off falls in has rows deleted one by one.
 * One replica does it at a time (an advisory lock), and it waits at most {@value #LOCK_TIMEOUT} for a table's lock,
 * so a long query never holds the writer up behind it: what could not be done is done at the next run.
 */
@ApplicationScoped
public class Partitions {

    private static final Logger LOG = Logger.getLogger(Partitions.class);
    private static final String LOCK_TIMEOUT = "5s";
    /** The key of the advisory lock the replicas take in turn (any number only this service uses). */
    static final long ADVISORY_LOCK = 0x6465616C5F706172L;
    static final int MONTHS_AHEAD = 1;
    static final int DAYS_AHEAD = 3;

    /** A partitioned table and the period of its partitions. */
    enum Table {
        SUMMARY("decision", true), TRUTHS("decision_truth", true), DETAILS("decision_detail", false);

        final String parent;
        final boolean monthly;
        private final Pattern name;

        Table(String parent, boolean monthly) {
            this.parent = parent;
            this.monthly = monthly;
            this.name = Pattern.compile(parent + "_p(\\d{" + (monthly ? 6 : 8) + "})");
        }

        /** The partition of the period that starts on {@code day} (the first of a month for a monthly table). */
        String partition(LocalDate day) {
            return parent + "_p" + day.format(monthly ? MONTH : DAY);
        }

        LocalDate start(Instant instant) {
            LocalDate day = instant.atZone(ZoneOffset.UTC).toLocalDate();
            return monthly ? day.withDayOfMonth(1) : day;
        }

        LocalDate next(LocalDate start) {
            return monthly ? start.plusMonths(1) : start.plusDays(1);
        }

        /** The first day of the period of a partition of this table; null for another table (the default one). */
        LocalDate period(String partition) {
            Matcher matcher = name.matcher(partition);
            if (!matcher.matches()) {
                return null;
            }
            return monthly ? YearMonth.parse(matcher.group(1), MONTH).atDay(1)
                    : LocalDate.parse(matcher.group(1), DAY);
        }
    }

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuuMM");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuuMMdd");

    private final DecisionStore store;

    public Partitions(DecisionStore store) {
        this.store = store;
    }

    /**
     * Makes the coming partitions and those the default partitions' rows from {@code summaryCutoff} on (details
     * from {@code detailCutoff}) belong to, then drops the summary and truth partitions entirely before
     * {@code summaryCutoff} and the detail partitions entirely before {@code detailCutoff}.
     *
     * @return the partitions dropped; null when another replica was at it (and so at the whole retention run)
     */
    List<String> maintain(Instant now, Instant summaryCutoff, Instant detailCutoff) throws SQLException {
        List<String> dropped = new ArrayList<>();
        try (Connection connection = store.connection()) {
            connection.setAutoCommit(true);
            if (!advisoryLock(connection, "pg_try_advisory_lock")) {
                return null;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET lock_timeout = '" + LOCK_TIMEOUT + "'");
            }
            try {
                for (Table table : Table.values()) {
                    Instant cutoff = table == Table.DETAILS ? detailCutoff : summaryCutoff;
                    prepare(connection, table, now, cutoff);
                    dropped.addAll(dropBefore(connection, table, cutoff));
                }
            } finally {
                try {
                    advisoryLock(connection, "pg_advisory_unlock"); // first: a RESET that fails must not keep it
                } finally {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("RESET lock_timeout");
                    }
                }
            }
        }
        return dropped;
    }

    /** The partitions of {@code table}, oldest first; the default one and any named otherwise left out. */
    static List<String> partitions(Connection connection, Table table) throws SQLException {
        TreeSet<String> partitions = new TreeSet<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT c.relname FROM pg_inherits i"
                + " JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = CAST(? AS regclass)")) {
            select.setString(1, table.parent);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    if (table.period(result.getString(1)) != null) {
                        partitions.add(result.getString(1));
                    }
                }
            }
        }
        return new ArrayList<>(partitions);
    }

    /** Makes the partition of the period that holds {@code at}, if it is not there; whether it made it. */
    static boolean make(Connection connection, Table table, Instant at) throws SQLException {
        LocalDate start = table.start(at);
        try (PreparedStatement make = connection.prepareStatement("SELECT decision_partition(?, ?, ?, ?)")) {
            make.setString(1, table.parent);
            make.setString(2, table.partition(start));
            make.setObject(3, start.atStartOfDay().atOffset(ZoneOffset.UTC));
            make.setObject(4, table.next(start).atStartOfDay().atOffset(ZoneOffset.UTC));
            try (ResultSet result = make.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private void prepare(Connection connection, Table table, Instant now, Instant cutoff) throws SQLException {
        TreeSet<LocalDate> periods = new TreeSet<>();
        LocalDate start = table.start(now);
        for (int i = 0; i <= (table.monthly ? MONTHS_AHEAD : DAYS_AHEAD); i++) {
            periods.add(start);
            start = table.next(start);
        }
        try (PreparedStatement waiting = connection.prepareStatement("SELECT DISTINCT CAST(date_trunc('"
                + (table.monthly ? "month" : "day") + "', decided_at AT TIME ZONE 'UTC') AS DATE) FROM "
                + table.parent + "_default WHERE decided_at >= ?")) {
            waiting.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
            try (ResultSet result = waiting.executeQuery()) {
                while (result.next()) {
                    periods.add(result.getObject(1, LocalDate.class));
                }
            }
        }
        List<String> existing = partitions(connection, table);
        for (LocalDate period : periods) {
            if (!existing.contains(table.partition(period))
                    && make(connection, table, period.atStartOfDay().toInstant(ZoneOffset.UTC))) {
                LOG.debugf("Made the partition %s", table.partition(period));
            }
        }
    }

    private List<String> dropBefore(Connection connection, Table table, Instant cutoff) throws SQLException {
        List<String> dropped = new ArrayList<>();
        for (String partition : partitions(connection, table)) {
            Instant end = table.next(table.period(partition)).atStartOfDay().toInstant(ZoneOffset.UTC);
            if (end.isAfter(cutoff)) {
                break; // oldest first: the rest are younger still
            }
            try (Statement drop = connection.createStatement()) {
                drop.execute("DROP TABLE " + partition);
            }
            dropped.add(partition);
        }
        return dropped;
    }

    private static boolean advisoryLock(Connection connection, String function) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT " + function + "(?)")) {
            lock.setLong(1, ADVISORY_LOCK);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
