package io.dealadvisor.records;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * How a store keeps ids, instants, dates and flags, so that one SQL text serves every store. H2 and PostgreSQL have
 * UUID, {@code TIMESTAMP WITH TIME ZONE}, {@code DATE} and {@code BOOLEAN} columns; SQLite keeps text and integers
 * (db/migration/sqlite), and its driver maps none of the java.time types. Every query binds and reads these values
 * through here; the rest (strings, numbers) is bound alike everywhere.
 */
final class StoreTypes {

    /** H2 and PostgreSQL: the values as JDBC 4.2 objects. */
    static final StoreTypes STANDARD = new StoreTypes(false);
    /** SQLite: ids, instants and dates as text that sorts as they do. */
    static final StoreTypes SQLITE = new StoreTypes(true);

    /** Always 24 characters, so text order is time order (years 0 to 9999). */
    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final boolean text;

    private StoreTypes(boolean text) {
        this.text = text;
    }

    Object id(UUID id) {
        return text ? id.toString() : id;
    }

    UUID id(ResultSet result, String column) throws SQLException {
        String id = result.getString(column);
        return id == null ? null : UUID.fromString(id);
    }

    /**
     * An instant to compare with or store in an instant column. Records are kept to the millisecond, so on SQLite a
     * bound with a finer part is rounded up to the next millisecond: {@code x >= t} and {@code x < t} then select
     * the same records as the exact comparison does on the other stores.
     */
    Object instant(Instant instant) {
        if (!text) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        Instant millis = instant.truncatedTo(ChronoUnit.MILLIS);
        return text(millis.equals(instant) ? millis : millis.plusMillis(1));
    }

    /**
     * {@link #INSTANT}'s text of a whole millisecond, written by hand for years 0 to 9999: the writer formats every
     * record's time, and the formatter's fraction (a BigDecimal) and zone rules cost it more than the digits do.
     */
    private static String text(Instant millis) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(millis.getEpochSecond(), millis.getNano(), ZoneOffset.UTC);
        if (time.getYear() < 0 || time.getYear() > 9999) {
            return INSTANT.format(millis);
        }
        char[] text = "0000-00-00T00:00:00.000Z".toCharArray();
        digits(text, 0, 4, time.getYear());
        digits(text, 5, 2, time.getMonthValue());
        digits(text, 8, 2, time.getDayOfMonth());
        digits(text, 11, 2, time.getHour());
        digits(text, 14, 2, time.getMinute());
        digits(text, 17, 2, time.getSecond());
        digits(text, 20, 3, time.getNano() / 1_000_000);
        return new String(text);
    }

    private static void digits(char[] text, int at, int count, int value) {
        for (int i = at + count - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    Instant instant(ResultSet result, String column) throws SQLException {
        if (text) {
            String instant = result.getString(column);
            return instant == null ? null : Instant.parse(instant);
        }
        OffsetDateTime instant = result.getObject(column, OffsetDateTime.class);
        return instant == null ? null : instant.toInstant();
    }

    Object date(LocalDate date) {
        return text && date != null ? date.toString() : date;
    }

    LocalDate date(ResultSet result, String column) throws SQLException {
        if (text) {
            String date = result.getString(column);
            return date == null ? null : LocalDate.parse(date);
        }
        return result.getObject(column, LocalDate.class);
    }

    /** The UTC day of an instant column, as an SQL expression; read it back with {@link #date(ResultSet, String)}. */
    String utcDay(String column) {
        return text ? "substr(" + column + ", 1, 10)" : "CAST(" + column + " AT TIME ZONE 'UTC' AS DATE)";
    }

    /** A flag, or NULL; SQLite keeps 1 and 0. */
    static void flag(PreparedStatement statement, int index, Boolean flag) throws SQLException {
        if (flag == null) {
            statement.setNull(index, Types.BOOLEAN);
        } else {
            statement.setBoolean(index, flag);
        }
    }

    /**
     * Whether the store refused a row because its key is taken: SQLSTATE 23505 on H2 and PostgreSQL, a result code on
     * SQLite (whose driver sets no SQLSTATE).
     */
    static boolean duplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState()) || e instanceof SQLiteException sqlite
                && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY
                || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE);
    }

    /**
     * Whether a failed write is the records' own fault: a value the database cannot hold or a constraint they break
     * (SQL states 22 and 23; SQLite's constraint, type and size errors), or this code failing on one of them (a
     * RuntimeException). Only then is a batch split and the record it fails on dropped. Anything else is the
     * database's (full, read-only after a failover, locked, gone, a schema changed under it), even while it still
     * answers a check: the records wait, as in an outage, however many there are.
     */
    static boolean aboutTheRecords(Throwable e) {
        if (!(e instanceof SQLException sql)) {
            return e instanceof RuntimeException;
        }
        if (sql instanceof SQLiteException sqlite) {
            int primary = sqlite.getResultCode().code & 0xFF;
            return primary == SQLiteErrorCode.SQLITE_CONSTRAINT.code || primary == SQLiteErrorCode.SQLITE_MISMATCH.code
                    || primary == SQLiteErrorCode.SQLITE_TOOBIG.code || primary == SQLiteErrorCode.SQLITE_RANGE.code;
        }
        String state = sql.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /**
     * A flag or null. Not {@code getObject(column, Boolean.class)}: SQLite's driver answers false for NULL there.
     */
    static Boolean flag(ResultSet result, String column) throws SQLException {
        boolean flag = result.getBoolean(column);
        return result.wasNull() ? null : flag;
    }
}
